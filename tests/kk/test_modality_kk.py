"""Kazakh modality: the verb that governs a trigger, its tense, mood and negation, and the cue words in its scope
(fictional actors)."""

from __future__ import annotations

import pytest
from extract_helpers import fictional_processor, make_article

from kg.extract.kk.modality import form_of

BOR, SYL = "country_borduria", "country_syldavia"
BEK, SEI = "bekbolatov", "seitkaliyev"
VISIT = (BEK, "visited", SYL)
MET = (BEK, "metWith", SEI)
TAKES_PART = (BEK, "participatesIn", "steppe_forum")


def claims(text: str) -> dict[tuple[str, str, str], str]:
    """(subject, relation, object) -> the modality of its mention in `text`."""
    triples, _ = fictional_processor().process(make_article(text, "kk"))
    return {(t.subject, t.relation, t.object): t.modality for t in triples}


@pytest.mark.parametrize(("word", "kind", "tense", "negative"), [
    ("барады", "finite", "aorist", False),      # present-future of a consonant stem
    ("талқылайды", "finite", "aorist", False),  # ... of a vowel stem
    ("талқылады", "past", "past", False),       # the past of a verb in -ла, not the present-future
    ("қойды", "past", "past", False),           # the past of a stem in -й
    ("өтпек", "finite", "future", False),       # the future of intention
    ("бармады", "finite", "past", True),
    ("кездеспейді", "finite", "aorist", True),
    ("қатыспаған", "participle", "past", True),
    ("өтетін", "participle", "aorist", False),
    ("келсе", "conditional", "", False),
    ("қатысып", "converb", "", False),
    ("табады", "finite", "aorist", False),      # -ба- after a vowel is no negation
    ("аймақ", "", "", False),                   # a noun, not the future
    ("саясатын", "", "", False),                # a noun in the accusative, not a participle
    ("Ермек", "", "", False),                   # a name
])
def test_verb_forms(word: str, kind: str, tense: str, negative: bool) -> None:
    f = form_of(word)
    assert (f.kind, f.tense, f.negative) == (kind, tense, negative)


@pytest.mark.parametrize(("text", "triple", "modality"), [
    # tense of the verb the trigger is or leads to
    ("Арман Бекболатов Сылдавияға сапармен барды.", VISIT, "Asserted"),
    ("Арман Бекболатов келесі аптада Сылдавияға сапармен барады.", VISIT, "Planned"),
    ("Бекболатов Сылдавияға бармақ.", VISIT, "Planned"),
    ("Бекболатов Дала форумына қатысып, Сейтқалиевпен келіссөздер жүргізеді.", TAKES_PART, "Planned"),
    ("Бекболатов Дала форумына қатысып, Сейтқалиевпен келіссөздер жүргізеді.", MET, "Planned"),
    ("Бекболатовтың Дала форумына қатысатыны айтылды.", TAKES_PART, "Planned"),
    ("Сзоходта өтетін Дала форумына Сейтқалиев қатысты.", ("szohod", "hosts", "steppe_forum"), "Planned"),
    ("Сзоходта өтетін Дала форумына Сейтқалиев қатысты.", (SEI, "participatesIn", "steppe_forum"), "Asserted"),
    # cue words in the trigger's scope
    ("Бекболатовтың Сылдавияға алдағы сапары барысында келісімдерге қол қойылады.", VISIT, "Planned"),
    ("Бекболатовтың Сылдавияға сапарына дайындық жүріп жатыр.", VISIT, "Planned"),
    ("Бекболатов Дала форумына қатысуға ниет білдірді.", TAKES_PART, "Planned"),
    ("Бекболатовтың Сылдавияға сапары күтілуде.", VISIT, "Planned"),
    ("Бекболатов Сейтқалиевпен кездеседі деп күтілуде.", MET, "Planned"),
    # possible, proposed, wished, conditional
    ("Бекболатов Сейтқалиевпен кездесуі мүмкін.", MET, "Hypothetical"),
    ("Егер Бекболатов Сылдавияға сапармен барса, екі ел келісімге қол қояды.", VISIT, "Hypothetical"),
    ("Бекболатов Сейтқалиевпен кездесуді ұсынды.", MET, "Hypothetical"),
    ("Бекболатов Сылдавияға сапармен келсе, Сейтқалиевпен кездеседі.", MET, "Hypothetical"),  # on a condition
    ("Айта кетсек, Бекболатов кеше Сейтқалиевпен кездесті.", MET, "Asserted"),  # a formula, no condition
    ("Бекболатов Сылдавияға барғысы келеді.", VISIT, "Hypothetical"),  # wants to go
    ("Бекболатов Сейтқалиевпен кездесуі тиіс.", MET, "Planned"),  # is to meet
    ("Бордурия Сылдавияның Дала альянсына мүше болуына қызығушылық танытты.", (SYL, "memberOf", "steppe_alliance"),
     "Hypothetical"),
    # negation
    ("Бекболатов Сылдавияға барған жоқ.", VISIT, "Denied"),
    ("Бекболатов Сейтқалиевпен кездеспеді.", MET, "Denied"),
    ("Бекболатов Сылдавияға сапармен бармайды.", VISIT, "Denied"),
    ("Бекболатовтың Сылдавияға сапары жоспарланған жоқ.", VISIT, "Denied"),
    ("Бекболатов Дала форумына қатысудан бас тартты.", TAKES_PART, "Denied"),
    ("Бекболатов Дала форумына қатыспайды.", TAKES_PART, "Denied"),  # the negative verb is a trigger too
    ("«Бекболатов Сылдавияға келмейді», – деді Карлин.", VISIT, "Denied"),
    ("Бекболатовтың Сылдавияға келетіні белгілі болды.", VISIT, "Planned"),
    # what governs something else states nothing of the trigger
    ("Бекболатовтың Сылдавияға сапары тек хаттамалық рәсім ғана емес.", VISIT, "Asserted"),
    ("Бекболатовтың Сылдавияға сапары екі елдің саясатымен үйлеседі.", VISIT, "Asserted"),
    ("Бекболатовтың Сылдавияға сапарын қалай түсіндіруге болады?", VISIT, "Asserted"),
    # a relation that is developed holds
    ("Бордурия Сылдавиямен ынтымақтастықты дамытуға ниетті.", (BOR, "cooperatesWith", SYL), "Asserted"),
    ("Бордурия мен Сылдавия сауда-экономикалық ынтымақтастықты дамытады.", (BOR, "cooperatesWith", SYL), "Asserted"),
])
def test_modality(text: str, triple: tuple[str, str, str], modality: str) -> None:
    assert claims(text)[triple] == modality


@pytest.mark.parametrize(("text", "modality"), [
    ("Алда өтетін Сзоходтағы Дала форумына үлкен үміт артылады.", "Planned"),  # a place named with what is ahead
    ("Сзоходтағы Дала форумы табысты өтті.", "Asserted"),
])
def test_a_gathering_named_with_its_place(text: str, modality: str) -> None:
    assert claims(text)[("szohod", "hosts", "steppe_forum")] == modality


@pytest.mark.parametrize(("first", "modality"), [
    ("Сзоходта өтетін Дала форумына Бекболатов қатысады.", "Planned"),
    ("Сзоходта өткен Дала форумына Бекболатов қатысты.", "Asserted"),
])
def test_a_gathering_ahead_stays_ahead_where_no_tense_is_said(first: str, modality: str) -> None:
    found = claims(first + " Форумға Сейтқалиевтің қатысуы – үлкен оқиға.")
    assert found[(SEI, "participatesIn", "steppe_forum")] == modality
