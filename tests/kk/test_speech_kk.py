"""Kazakh attribution: source phrases, frames after the words, a subject's verb of saying, the passive, quotations,
"Бұл туралы X хабарлады", press services, outlets and interviews (fictional actors)."""

from __future__ import annotations

import pytest
from extract_helpers import fictional_processor, make_article

BOR, SYL = "country_borduria", "country_syldavia"
BEK, SEI = "bekbolatov", "seitkaliyev"
GOES = (SEI, "visited", BOR)


def speakers(text: str) -> dict[tuple[str, str, str], str | None]:
    """(subject, relation, object) -> the speaker of its (last) mention in `text`."""
    triples, _ = fictional_processor().process(make_article(text, "kk"))
    return {(t.subject, t.relation, t.object): t.speaker for t in triples}


@pytest.mark.parametrize(("text", "triple", "speaker"), [
    # "X-тың айтуынша": X; a pronoun is the person just spoken of; an outlet is no one
    ("Бекболатовтың айтуынша, Сейтқалиев Бордурияға сапармен барады.", GOES, BEK),
    ("Бекболатов Сылдавияға барды. Оның айтуынша, Бордурия Сылдавиямен ынтымақтастықты дамытады.",
     (BOR, "cooperatesWith", SYL), BEK),
    ("Клов Пресс агенттігінің хабарлауынша, Сейтқалиев Бордурияға сапармен барады.", GOES, None),
    # a frame after the words: the speaker; an outlet's credit: no one; a press service: its body
    ("Сейтқалиев Бордурияға сапармен барады, деп мәлімдеді Бекболатов.", GOES, BEK),
    ("Сейтқалиев Бордурияға сапармен барды, деп хабарлайды Клов Таймс.", GOES, None),
    ("Сейтқалиев Бордурияға сапармен барды, деп хабарлайды Бордурия Сыртқы істер министрлігінің баспасөз қызметі.",
     GOES, "mfa_borduria"),
    ("Сейтқалиев Бордурияға сапармен барды, деп мәлімдеді Бордурия Сыртқы істер министрлігінің ресми өкілі Иво "
     "Карлин.", GOES, "karlin"),  # the person the words after the verb name, not their ministry
    ("Бордурия Сыртқы істер министрлігінің баспасөз қызметі Сейтқалиевтің Бордурияға сапармен келетінін хабарлады.",
     (SEI, "visited", BOR), "mfa_borduria"),
    # a colon after the verb: the subject says what follows, in the next sentences of the quotation too
    ("Бекболатов былай деді: «Біз Сылдавиямен келіссөздер жүргіздік. Сейтқалиев Бордурияға келеді».", GOES, BEK),
    ("Бекболатов былай деді: «Біз Сылдавиямен келіссөздер жүргіздік. Сейтқалиев Бордурияға келеді».",
     (BEK, "negotiatesWith", SYL), BEK),
    ("Бекболатов Сылдавиямен ынтымақтастықты дамыту керектігін айтып өтті.", (BOR, "cooperatesWith", SYL), BEK),
    # a subject and a verb of saying: what is between them; a happening that dates the speech is the reporter's
    ("Бекболатов Сылдавиямен ынтымақтастықты дамыту маңызды екенін атап өтті.", (BOR, "cooperatesWith", SYL), BEK),
    ("Бекболатов Сейтқалиевпен кездесуден кейін алғысын білдірді.", (BEK, "metWith", SEI), None),
    # the passive goes on with the speaker of the sentence before
    ("Бекболатовтың айтуынша, Сейтқалиев Бордурияға сапармен барады. Сонымен қатар, Сейтқалиевтің Дала форумына "
     "қатысатыны да хабарланды.", (SEI, "participatesIn", "steppe_forum"), BEK),
    # quotations, and a paragraph that ends by naming its speaker
    ("«Сылдавиямен келіссөздер жүргіздік», – деді Бекболатов.", (BEK, "negotiatesWith", SYL), BEK),
    ("Біз Сылдавиямен ынтымақтастықты дамытамыз. Сейтқалиев Бордурияға келеді, – деді Бекболатов.", GOES, BEK),
    # the sentence after names the speaker
    ("Сейтқалиев Бордурияға сапармен барады. Бұл туралы Бекболатов мәлімдеді.", GOES, BEK),
    # a title in a quotation is the speaker's word
    ("«Бордурия президенті Арман Бекболатовпен кездестім», – деді Сейтқалиев.", (BEK, "leaderOf", BOR), SEI),
    ("«Бордурия президенті Арман Бекболатовпен кездестім», – деді Сейтқалиев.", (SEI, "metWith", BEK), SEI),
    # no one's words
    ("Сейтқалиев Бордурияға сапармен барды.", GOES, None),
])
def test_speaker(text: str, triple: tuple[str, str, str], speaker: str | None) -> None:
    assert speakers(text)[triple] == speaker


INTERVIEW = ("Редакциямызға сарапшы Арман Бекболатов сұхбат берді.\n"
             "– Сейтқалиевтің Бордурияға сапарын қалай бағалайсыз?\n"
             "Сейтқалиев Бордурияға сапармен барады. Бұл екі ел үшін маңызды.\n"
             "Айта кетейік, Сылдавия Бордуриямен ынтымақтастықты дамытады.")


def test_an_interview_answers_are_the_interviewees() -> None:
    triples, _ = fictional_processor().process(make_article(INTERVIEW, "kk"))
    said = [(t.evidence[:12], t.relation, t.speaker) for t in triples if t.relation != "leaderOf"]
    assert ("– Сейтқалиев", "visited", None) in said  # the question
    assert ("Сейтқалиев Б", "visited", BEK) in said  # the answer
    assert ("Айта кетейік", "cooperatesWith", None) in said  # the reporter's own remark
