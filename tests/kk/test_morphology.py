"""Tests for the Kazakh nominal morphology engine and its spaCy component."""

from __future__ import annotations

import pytest

from kg.nlp.kk import make_kk_nlp
from kg.nlp.kk_morph import Analysis, analyse

# Names the mention layer would pass as known stems (public figures, places, states).
KNOWN = frozenset(
    s.casefold()
    for s in ("Тоқаев", "Ресей", "Астана", "Қазақстан", "Қытай", "Алматы", "Өзбекстан", "Мәскеу", "Бейжің")
)

# (form, lemma, case, number, possessive); number "Sing" and possessive "" unless stated.
BEST_UNKNOWN = [
    # Genitive: every assimilation class, both harmonies.
    ("Тоқаевтың", "Тоқаев", "Gen", "Sing", ""),
    ("Вашингтонның", "Вашингтон", "Gen", "Sing", ""),
    ("Бейжіңнің", "Бейжің", "Gen", "Sing", ""),
    ("Астананың", "Астана", "Gen", "Sing", ""),
    ("Ресейдің", "Ресей", "Gen", "Sing", ""),
    ("Қытайдың", "Қытай", "Gen", "Sing", ""),
    ("елдің", "ел", "Gen", "Sing", ""),
    ("қыздың", "қыз", "Gen", "Sing", ""),
    ("Кеңестің", "Кеңес", "Gen", "Sing", ""),
    ("мәселенің", "мәселе", "Gen", "Sing", ""),
    # Unknown surnames.
    ("Момынқұловтың", "Момынқұлов", "Gen", "Sing", ""),
    ("Алибайовтың", "Алибайов", "Gen", "Sing", ""),
    ("Мирзиёевтің", "Мирзиёев", "Gen", "Sing", ""),
    ("Сейтқалиевке", "Сейтқалиев", "Dat", "Sing", ""),
    # Accusative.
    ("Тоқаевты", "Тоқаев", "Acc", "Sing", ""),
    ("Өзбекстанды", "Өзбекстан", "Acc", "Sing", ""),
    ("Ресейді", "Ресей", "Acc", "Sing", ""),
    ("Астананы", "Астана", "Acc", "Sing", ""),
    ("әріптестікті", "әріптестік", "Acc", "Sing", ""),
    ("ынтымақтастықты", "ынтымақтастық", "Acc", "Sing", ""),
    ("келісімді", "келісім", "Acc", "Sing", ""),
    ("мәселені", "мәселе", "Acc", "Sing", ""),
    # Dative.
    ("Ресейге", "Ресей", "Dat", "Sing", ""),
    ("Қазақстанға", "Қазақстан", "Dat", "Sing", ""),
    ("Астанаға", "Астана", "Dat", "Sing", ""),
    ("Түркияға", "Түркия", "Dat", "Sing", ""),
    ("Мәскеуге", "Мәскеу", "Dat", "Sing", ""),
    ("Ташкентке", "Ташкент", "Dat", "Sing", ""),
    ("саммитке", "саммит", "Dat", "Sing", ""),
    ("Иорданияға", "Иордания", "Dat", "Sing", ""),
    # Locative.
    ("Астанада", "Астана", "Loc", "Sing", ""),
    ("Нью-Йоркте", "Нью-Йорк", "Loc", "Sing", ""),
    ("Ташкентте", "Ташкент", "Loc", "Sing", ""),
    ("Бейжіңде", "Бейжің", "Loc", "Sing", ""),
    ("Мәскеуде", "Мәскеу", "Loc", "Sing", ""),
    ("кездесуде", "кездесу", "Loc", "Sing", ""),
    ("Вашингтонда", "Вашингтон", "Loc", "Sing", ""),
    # Ablative.
    ("Қазақстаннан", "Қазақстан", "Abl", "Sing", ""),
    ("Ресейден", "Ресей", "Abl", "Sing", ""),
    ("Мәскеуден", "Мәскеу", "Abl", "Sing", ""),
    ("Ташкенттен", "Ташкент", "Abl", "Sing", ""),
    ("елден", "ел", "Abl", "Sing", ""),
    # Instrumental.
    ("Қытаймен", "Қытай", "Ins", "Sing", ""),
    ("Ресеймен", "Ресей", "Ins", "Sing", ""),
    ("Қазақстанмен", "Қазақстан", "Ins", "Sing", ""),
    ("Тоқаевпен", "Тоқаев", "Ins", "Sing", ""),
    ("Парижбен", "Париж", "Ins", "Sing", ""),
    # After a hyphen: acronyms, numbers, Latin names.
    ("АҚШ-тың", "АҚШ", "Gen", "Sing", ""),
    ("АҚШ-қа", "АҚШ", "Dat", "Sing", ""),
    ("АҚШ-тан", "АҚШ", "Abl", "Sing", ""),
    ("АҚШ-пен", "АҚШ", "Ins", "Sing", ""),
    ("C5+1-ге", "C5+1", "Dat", "Sing", ""),
    ("C5+1-дің", "C5+1", "Gen", "Sing", ""),
    ("BAQ.KZ-ке", "BAQ.KZ", "Dat", "Sing", ""),
    ("13%-дан", "13%", "Abl", "Sing", ""),
    ("БҰҰ-ның", "БҰҰ", "Gen", "Sing", ""),
    # Possessive 3 + case, softening of к/қ/п before a vowel.
    ("ұйымының", "ұйым", "Gen", "Sing", "3"),
    ("саммитіне", "саммит", "Dat", "Sing", "3"),
    ("орталығының", "орталық", "Gen", "Sing", "3"),
    ("сессиясына", "сессия", "Dat", "Sing", "3"),
    ("шақыруы", "шақыру", "Nom", "Sing", "3"),
    ("кітабы", "кітап", "Nom", "Sing", "3"),
    ("жүрегі", "жүрек", "Nom", "Sing", "3"),
    ("тепе-теңдігін", "тепе-теңдік", "Acc", "Sing", "3"),
    ("басшысымен", "басшы", "Ins", "Sing", "3"),
    ("ұйымында", "ұйым", "Loc", "Sing", "3"),
    ("ұйымынан", "ұйым", "Abl", "Sing", "3"),
    ("еліміздің", "ел", "Gen", "Sing", "1"),
    # Plural, plural + possessive + case.
    ("елдер", "ел", "Nom", "Plur", ""),
    ("мемлекеттер", "мемлекет", "Nom", "Plur", ""),
    ("сапарлары", "сапар", "Nom", "Plur", "3"),
    ("елдердің", "ел", "Gen", "Plur", ""),
    ("мемлекеттерінің", "мемлекет", "Gen", "Plur", "3"),
    ("компанияларға", "компания", "Dat", "Plur", ""),
    ("сапарларында", "сапар", "Loc", "Plur", "3"),
    # Base forms stay whole.
    ("Алматы", "Алматы", "Nom", "Sing", ""),
    ("Иордания", "Иордания", "Nom", "Sing", ""),
    ("Түркия", "Түркия", "Nom", "Sing", ""),
    ("Мәскеу", "Мәскеу", "Nom", "Sing", ""),
    ("бәсекелестік", "бәсекелестік", "Nom", "Sing", ""),
    ("мен", "мен", "Nom", "Sing", ""),
    ("пен", "пен", "Nom", "Sing", ""),
    ("бен", "бен", "Nom", "Sing", ""),
    ("Қазақстан", "Қазақстан", "Nom", "Sing", ""),
    ("Тоқаев", "Тоқаев", "Nom", "Sing", ""),
    ("Ассамблеясы", "Ассамблеясы", "Nom", "Sing", ""),
    ("Ауғанстан", "Ауғанстан", "Nom", "Sing", ""),
    ("Ауғанстанның", "Ауғанстан", "Gen", "Sing", ""),
    ("Пәкістанмен", "Пәкістан", "Ins", "Sing", ""),
    # Stems in -ыс/-іс keep their с; agent nouns in -шы take -сы.
    ("байланысын", "байланыс", "Acc", "Sing", "3"),
    ("ресурстары", "ресурс", "Nom", "Plur", "3"),
    ("басшысы", "басшы", "Nom", "Sing", "3"),
    ("елшісінің", "елші", "Gen", "Sing", "3"),
    # Listed words: postpositions and pronouns with irregular oblique stems.
    ("үшін", "үшін", "Nom", "Sing", ""),
    ("туралы", "туралы", "Nom", "Sing", ""),
    ("оның", "ол", "Gen", "Sing", ""),
    ("мұны", "бұл", "Acc", "Sing", ""),
    ("олармен", "ол", "Ins", "Plur", ""),
]


@pytest.mark.parametrize(("form", "lemma", "case", "number", "poss"), BEST_UNKNOWN)
def test_best_analysis_without_known_stems(form: str, lemma: str, case: str, number: str, poss: str) -> None:
    best = analyse(form, frozenset())[0]
    assert (best.lemma, best.case, best.number, best.possessive) == (lemma, case, number, poss)


@pytest.mark.parametrize(
    ("form", "lemma", "case"),
    [
        ("Астанада", "Астана", "Loc"),
        ("Астананың", "Астана", "Gen"),
        ("Ресейге", "Ресей", "Dat"),
        ("Қытаймен", "Қытай", "Ins"),
        ("Тоқаевты", "Тоқаев", "Acc"),
        ("Тоқаевтың", "Тоқаев", "Gen"),
        ("Өзбекстанды", "Өзбекстан", "Acc"),
        ("Қазақстанға", "Қазақстан", "Dat"),
        ("Мәскеу", "Мәскеу", "Nom"),
        ("Бейжіңнің", "Бейжің", "Gen"),
        ("Астана", "Астана", "Nom"),
        ("Алматы", "Алматы", "Nom"),
        ("Алматының", "Алматы", "Gen"),
        ("Алматыда", "Алматы", "Loc"),
    ],
)
def test_best_analysis_with_known_stems(form: str, lemma: str, case: str) -> None:
    best = analyse(form, KNOWN)[0]
    assert (best.lemma, best.case) == (lemma, case)


def test_known_stem_outranks_unknown_cut() -> None:
    # "Алмат" + poss-3 + Gen is grammatical; knowing Алматы must put the city first.
    analyses = analyse("Алматының", KNOWN)
    assert analyses[0].lemma == "Алматы"
    assert analyses[0].possessive == ""
    assert analyses[0].score > max(a.score for a in analyses if a.lemma == "Алмат")


@pytest.mark.parametrize("form", ["Тоқаевтың", "Астана", "мен", "ұйымының", "АҚШ-тың", "саясаттағы"])
def test_identity_reading_always_present(form: str) -> None:
    assert any(a.lemma == form and a.case == "Nom" and not a.suffixes for a in analyse(form, frozenset()))


def test_surname_not_cut_inside_stem() -> None:
    lemmas = [a.lemma for a in analyse("Момынқұловтың", frozenset())]
    assert lemmas[0] == "Момынқұлов"
    assert "Момынқұл" not in lemmas


@pytest.mark.parametrize(
    ("form", "stem", "citation", "case"),
    [
        ("ұйымының", "ұйым", "ұйымы", "Gen"),
        ("саммитіне", "саммит", "саммиті", "Dat"),
        ("орталығының", "орталық", "орталығы", "Gen"),
        ("Ассамблеясының", "Ассамблея", "Ассамблеясы", "Gen"),
        ("сессиясына", "сессия", "сессиясы", "Dat"),
    ],
)
def test_poss3_gives_stem_and_citation_form(form: str, stem: str, citation: str, case: str) -> None:
    analyses = analyse(form, frozenset())
    readings = {(a.lemma, a.case, a.possessive) for a in analyses}
    assert (stem, case, "3") in readings
    assert any(a.lemma == citation and a.case == case for a in analyses)
    # Both readings outrank the bare word.
    top2 = {a.lemma for a in analyses[:2]}
    assert top2 == {stem, citation}


@pytest.mark.parametrize(
    ("form", "lemma", "case"),
    [
        ("саясаттағы", "саясат", "Loc"),
        ("Нью-Йорктегі", "Нью-Йорк", "Loc"),
        ("Астанадағы", "Астана", "Loc"),
        ("ұйымындағы", "ұйым", "Loc"),
        ("жылғы", "жыл", "Nom"),
    ],
)
def test_relative_suffix(form: str, lemma: str, case: str) -> None:
    best = analyse(form, frozenset())[0]
    assert (best.lemma, best.case, best.relative) == (lemma, case, True)


def test_disagreeing_variant_ranks_below_agreeing() -> None:
    # "Ресейға" breaks harmony (front stem, back suffix): the cut must score lower than in "Ресейге".
    good = next(a for a in analyse("Ресейге", frozenset()) if a.lemma == "Ресей")
    bad = [a for a in analyse("Ресейға", frozenset()) if a.lemma == "Ресей"]
    assert bad and bad[0].score < good.score
    assert analyse("Ресейға", frozenset())[0].lemma == "Ресейға"


def test_psor_number_and_morph_string() -> None:
    a = next(a for a in analyse("еліміздің", frozenset()) if a.lemma == "ел")
    assert a.possessive == "1" and a.psor_number == "Plur"
    assert a.morph() == "Case=Gen|Number=Sing|Number[psor]=Plur|Person[psor]=1"
    rel = analyse("саясаттағы", frozenset())[0]
    assert "Derivation=Rel" in rel.morph()


def test_known_stems_are_given_per_call() -> None:
    assert analyse("Зеренді", frozenset({"зеренді"}))[0].lemma == "Зеренді"
    assert analyse("Зерендіде", frozenset({"зеренді"}))[0].lemma == "Зеренді"
    best = analyse("Ассамблеясының", frozenset({"ассамблеясы"}))[0]  # the last word of "Бас Ассамблеясы"
    assert (best.lemma, best.case, best.possessive) == ("Ассамблеясы", "Gen", "")


def test_component_sets_lemma_morph_and_analyses() -> None:
    nlp = make_kk_nlp()
    doc = nlp("Тоқаевтың Астанада ұйымының саммитіне АҚШ-пен, 2025 жылы.")
    by_text = {t.text: t for t in doc}
    assert by_text["Тоқаевтың"].lemma_ == "Тоқаев"
    assert str(by_text["Тоқаевтың"].morph) == "Case=Gen|Number=Sing"
    assert by_text["Астанада"].morph.get("Case") == ["Loc"]
    assert by_text["ұйымының"].morph.get("Person[psor]") == ["3"]
    assert by_text["АҚШ-пен"].lemma_ == "АҚШ"
    assert by_text["2025"].lemma_ == "2025"
    assert by_text[","].lemma_ == "," and by_text[","]._.kk_analyses == []
    analyses = by_text["ұйымының"]._.kk_analyses
    assert all(isinstance(a, Analysis) for a in analyses) and len(analyses) >= 3


def test_component_known_stems_config() -> None:
    import spacy

    nlp = spacy.blank("kk")
    nlp.add_pipe("kk_morphology", config={"known_stems": ["Зеренді"]})
    doc = nlp("Зеренді Зерендіде")
    assert [t.lemma_ for t in doc] == ["Зеренді", "Зеренді"]


def test_final_u_after_a_consonant_is_a_vowel() -> None:
    from kg.nlp.kk_morph import analyse
    assert (analyse("Шойгуды")[0].lemma, analyse("Шойгуды")[0].case) == ("Шойгу", "Acc")
    assert (analyse("тауды")[0].lemma, analyse("тауды")[0].case) == ("тау", "Acc")


def test_number_and_initial_glued_to_a_word() -> None:
    from kg.nlp.kk_morph import analyse
    assert (analyse("80-сессиясына")[0].lemma, analyse("80-сессиясына")[0].case) == ("80-сессия", "Dat")
    assert (analyse("М.Нұртілеудің")[0].lemma, analyse("М.Нұртілеудің")[0].case) == ("М.Нұртілеу", "Gen")
