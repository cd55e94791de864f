"""Russian claims: the modality of each relation read (its cue must govern the trigger), the speaker of the words
a sentence reports, and the date of each happening. Sentences of our own on the fictional lexicon (Клов lies in
Сылдавия, Сзоход is the capital of Бордурия, Бекболатов leads Бордурия, Сейткалиев Сылдавия); the reports are
dated Wednesday 1 October 2025 unless a test says otherwise.
"""

from __future__ import annotations

import datetime as dt

import pytest
from extract_helpers import DATE, fictional_processor, make_article

from kg.extract.ru.dates import find_dates, is_after
from kg.model import Triple

BOR, SYL, ZUB = "country_borduria", "country_syldavia", "country_zubrowka"
BEK, SEI, MUS, KAR = "bekbolatov", "seitkaliyev", "muskar", "karlin"


def read(text: str, date: dt.date | None = DATE) -> list[Triple]:
    """Every triple the pipeline reads in `text`, with its modality, speaker and date."""
    return fictional_processor().process(make_article(text, "ru", date))[0]


def one(text: str, s: str, rel: str, o: str, date: dt.date | None = DATE) -> Triple:
    """The triple (s, rel, o) of `text` (it must be read exactly once)."""
    found = [t for t in read(text, date) if (t.subject, t.relation, t.object) == (s, rel, o)]
    assert len(found) == 1, [(t.subject, t.relation, t.object) for t in read(text, date)]
    return found[0]


VISIT = (BEK, "visited", "klow")

# ---------------------------------------------------------------------------------------------- modality
MODALITY = [
    # the future and the perfective present
    ("future_perfective", "Арман Бекболатов посетит Клов.", VISIT, "Planned"),
    ("future_take_part", "Арман Бекболатов примет участие в саммите K7.", (BEK, "participatesIn", "k7"), "Planned"),
    ("future_auxiliary", "Бордурия будет инвестировать в Сылдавию.", (BOR, "investsIn", SYL), "Planned"),
    ("past_is_asserted", "Арман Бекболатов посетил Клов.", VISIT, "Asserted"),
    # intention, schedule, preparation, invitation, purpose
    ("plans_to", "Арман Бекболатов планирует посетить Клов.", VISIT, "Planned"),
    ("intends_to", "Арман Бекболатов намерен посетить Клов.", VISIT, "Planned"),
    ("is_going_to", "Арман Бекболатов собирается посетить Клов.", VISIT, "Planned"),
    ("is_to", "Арман Бекболатов должен прибыть в Клов на этой неделе.", VISIT, "Planned"),
    ("is_expected", "Ожидается визит Армана Бекболатова в Клов.", VISIT, "Planned"),
    ("upcoming", "Стороны обсудили предстоящий визит Армана Бекболатова в Клов.", VISIT, "Planned"),
    ("preparation", "Министры обсудили подготовку к визиту Армана Бекболатова в Клов.", VISIT, "Planned"),
    ("invited_to_visit", "Ержан Сейткалиев пригласил Армана Бекболатова посетить Клов.", VISIT, "Planned"),
    ("for_taking_part", "Арман Бекболатов прибыл в Сзоход для участия в саммите K7.", (BEK, "participatesIn", "k7"),
     "Planned"),
    ("eve_of_the_summit", "Министры встретились в преддверии саммита K7 12 октября в Клове.", ("klow", "hosts", "k7"),
     "Planned"),
    # a happening dated after the report has not happened yet, whatever its tense
    ("dated_after_the_report", "Арман Бекболатов 5 октября посещает Клов.", VISIT, "Planned"),
    # possibility, condition, wish, proposal
    ("may", "Бордурия может ввести санкции против Сылдавии.", (BOR, "pressures", SYL), "Hypothetical"),
    ("perhaps", "Возможно, Арман Бекболатов посетит Клов.", VISIT, "Hypothetical"),
    ("possible", "Возможны санкции Бордурии против Сылдавии.", (BOR, "pressures", SYL), "Hypothetical"),
    ("if", "Если Арман Бекболатов посетит Клов, он встретится с Ержаном Сейткалиевым.", VISIT, "Hypothetical"),
    ("subjunctive", "Арман Бекболатов хотел бы посетить Клов.", VISIT, "Hypothetical"),
    ("proposed", "Ержан Сейткалиев предложил провести переговоры с Арманом Бекболатовым.",
     (SEI, "negotiatesWith", BEK), "Hypothetical"),
    ("called_for", "Ержан Сейткалиев призвал провести переговоры с Арманом Бекболатовым.",
     (SEI, "negotiatesWith", BEK), "Hypothetical"),
    ("did_not_rule_out", "Арман Бекболатов не исключил, что посетит Клов.", VISIT, "Hypothetical"),
    # negation, denial, cancellation
    ("not", "Арман Бекболатов не посетил Клов.", VISIT, "Denied"),
    ("will_not", "Арман Бекболатов не посетит Клов.", VISIT, "Denied"),
    ("did_not_take_place", "Визит Армана Бекболатова в Клов не состоялся.", VISIT, "Denied"),
    ("denied_reports", "Ержан Сейткалиев опроверг сообщения о визите Армана Бекболатова в Клов.", VISIT, "Denied"),
    ("cancelled", "Визит Армана Бекболатова в Клов отменён.", VISIT, "Denied"),
    ("postponed", "Арман Бекболатов отложил визит в Клов.", VISIT, "Denied"),
    ("not_planned", "Визит Армана Бекболатова в Клов пока не планируется.", VISIT, "Denied"),
    ("denied_the_upcoming", "Бордурия опровергла сообщения о предстоящем визите Армана Бекболатова в Клов.", VISIT,
     "Denied"),
    ("refused", "Бордурия отказалась от участия в саммите K7.", (BOR, "participatesIn", "k7"), "Denied"),
    # scope: a cue elsewhere in the sentence says nothing of the trigger
    ("negation_in_a_relative_clause", "Арман Бекболатов, который не был в Зубровке, посетил Клов.", VISIT,
     "Asserted"),
    ("not_only", "Арман Бекболатов не только посетил Клов, но и встретился с Ержаном Сейткалиевым.", VISIT,
     "Asserted"),
    ("not_this_but_that", "Бордурия делает ставку не на торговлю, а на сотрудничество с Сылдавией.",
     (BOR, "cooperatesWith", SYL), "Asserted"),
    ("reported_past_in_future_frame", "Ержан Сейткалиев заявит, что Арман Бекболатов посетил Клов.", VISIT,
     "Asserted"),
    ("topic_of_a_negated_verb", "Министр не получил сведений о визите Армана Бекболатова в Клов.", VISIT,
     "Asserted"),
    ("topic_of_a_negated_infinitive", "Посольство не смогло предоставить сведений о визите Армана Бекболатова в "
     "Клов.", VISIT, "Asserted"),
    ("negated_intention_to_take_part", "Арман Бекболатов не планирует принимать участие в саммите K7.",
     (BEK, "participatesIn", "k7"), "Denied"),
    ("circumstance", "В ходе визита в Клов Арман Бекболатов договорился о сотрудничестве с Сылдавией.", VISIT,
     "Asserted"),
    ("circumstance_not_negated", "Во время визита в Клов Арман Бекболатов не встречался с Отто Мускаром.", VISIT,
     "Asserted"),
    # a copula in the future says nothing of a happening ("будут содержательными")
    ("future_copula", "Арман Бекболатов надеется, что переговоры в Клове будут полезными. Арман Бекболатов "
     "посетил Клов.", VISIT, "Asserted"),
]


@pytest.mark.parametrize(("text", "spo", "modality"), [pytest.param(t, s, m, id=i) for i, t, s, m in MODALITY])
def test_modality(text: str, spo: tuple[str, str, str], modality: str) -> None:
    found = [t.modality for t in read(text) if (t.subject, t.relation, t.object) == spo]
    assert found, [(t.subject, t.relation, t.object) for t in read(text)]
    assert set(found) == {modality}


def test_the_invitation_itself_is_asserted() -> None:
    assert one("Ержан Сейткалиев пригласил Армана Бекболатова посетить Клов.", SEI, "invited", BEK).modality \
        == "Asserted"


# ---------------------------------------------------------------------------------------------- speakers
SPEAKERS = [
    # a verb of saying and its subject: what follows the verb
    ("said_that", "Иво Карлин заявил, что Бордурия сотрудничает с Сылдавией.", (BOR, "cooperatesWith", SYL), KAR),
    ("noted_object", "Иво Карлин отметил высокий уровень сотрудничества между Бордурией и Сылдавией.",
     (BOR, "cooperatesWith", SYL), KAR),
    ("in_reply_noted", "В ответ Отто Мускар подчеркнул, что Бордурия сотрудничает с Сылдавией.",
     (BOR, "cooperatesWith", SYL), MUS),
    # opening the sentence
    ("according_to", "По словам Отто Мускара, Бордурия сотрудничает с Сылдавией.", (BOR, "cooperatesWith", SYL), MUS),
    ("in_the_opinion_of", "По мнению эксперта Отто Мускара, Бордурия сотрудничает с Сылдавией.",
     (BOR, "cooperatesWith", SYL), MUS),
    ("as_noted", "Как отметил Иво Карлин, Бордурия сотрудничает с Сылдавией.", (BOR, "cooperatesWith", SYL), KAR),
    ("as_noted_with_apposition", "Как отмечает эксперт, ведущий аналитик Степного банка развития Отто Мускар, "
     "Бордурия сотрудничает с Сылдавией.", (BOR, "cooperatesWith", SYL), MUS),
    # closing it: a quotation and its speaker, a press service, a ministry
    ("quotation", "«Бордурия сотрудничает с Сылдавией», — сказал Отто Мускар.", (BOR, "cooperatesWith", SYL), MUS),
    ("press_service_of_a_body", "Бордурия и Сылдавия подписали соглашение, сообщает пресс-служба Министерства "
     "иностранных дел Бордурии.", (BOR, "cooperatesWith", SYL), "mfa_borduria"),
    ("press_service_of_a_person", "Бордурия и Сылдавия подписали соглашение, сообщает пресс-служба главы "
     "государства.", (BOR, "cooperatesWith", SYL), "new:Organization:ru:пресс-служба главы государства"),
    ("told_at_the_ministry", "Бордурия и Сылдавия подписали соглашение, сообщили в Министерстве иностранных дел "
     "Бордурии.", (BOR, "cooperatesWith", SYL), "mfa_borduria"),
    # an outlet, the author and a reported act are no speakers
    ("outlet", "Бордурия и Сылдавия подписали соглашение, сообщает Kazinform.", (BOR, "cooperatesWith", SYL), None),
    ("the_author", "Напомним, Арман Бекболатов посетил Клов.", VISIT, None),
    ("no_speech", "Арман Бекболатов посетил Клов.", VISIT, None),
    # scope: what precedes the verb, the speaker's own act, and "об этом" are not the speaker's words
    ("before_the_verb", "В ходе визита в Клов Арман Бекболатов заявил, что Бордурия сотрудничает с Сылдавией.",
     VISIT, None),
    ("after_the_verb", "В ходе визита в Клов Арман Бекболатов заявил, что Бордурия сотрудничает с Сылдавией.",
     (BOR, "cooperatesWith", SYL), BEK),
    ("own_act", "Арман Бекболатов отметил, что считает переговоры важными, и пригласил Ержана Сейткалиева на "
     "Степной форум.", (BEK, "invited", SEI), None),
    ("about_this", "Бордурия сотрудничает с Сылдавией. Об этом Иво Карлин заявил в ходе встречи с Отто Мускаром.",
     (KAR, "metWith", MUS), None),
    # a denial is a speech act
    ("denied_by", "Бордурия опровергла сообщения о визите Армана Бекболатова в Клов.", VISIT, BOR),
    # an official body credited speaks for itself
    ("ministry_credited", "Бордурия и Сылдавия подписали соглашение, сообщает Министерство иностранных дел Бордурии.",
     (BOR, "cooperatesWith", SYL), "mfa_borduria"),
    # a pair is no speaker
    ("the_sides", "Бордурия и Сылдавия отметили, что Сылдавия сотрудничает с Зубровкой.", (SYL, "cooperatesWith", ZUB),
     None),
]


@pytest.mark.parametrize(("text", "spo", "speaker"), [pytest.param(t, s, w, id=i) for i, t, s, w in SPEAKERS])
def test_speaker(text: str, spo: tuple[str, str, str], speaker: str | None) -> None:
    assert one(text, *spo).speaker == speaker


ACROSS = [
    # a quotation over several sentences: the speaker named where it closes
    ("open_quotation", "«Бордурия сотрудничает с Сылдавией. Мы уделяем внимание связям», — сказал Отто Мускар.",
     (BOR, "cooperatesWith", SYL), MUS),
    # a paragraph of direct speech after a dash: the speaker of the sentence before
    ("dash_paragraph", "В своём выступлении Иво Карлин высказал признательность Бордурии.\n– Мы ценим это. Бордурия "
     "сотрудничает с Сылдавией.", (BOR, "cooperatesWith", SYL), KAR),
    # an interview: the answers are the interviewee's
    ("interview", "По мнению эксперта Отто Мускара, визит важен.\n\n- Что это значит для региона?\n\nБордурия и "
     "Сылдавия сотрудничают давно.", (BOR, "cooperatesWith", SYL), MUS),
    ("interview_question", "По мнению эксперта Отто Мускара, визит важен.\n\n- Как Бордурия сотрудничает с "
     "Сылдавией?\n\nОчень активно.", (BOR, "cooperatesWith", SYL), None),
    # "Об этом заявил X" after a sentence: that sentence's words are X's (not "он", not an outlet)
    ("about_this_before", "Бордурия сотрудничает с Сылдавией. Об этом заявил Иво Карлин на встрече с журналистами.",
     (BOR, "cooperatesWith", SYL), KAR),
    ("about_this_press_service", "Бордурия сотрудничает с Сылдавией. Об этом сообщает пресс-служба Министерства "
     "иностранных дел Бордурии.", (BOR, "cooperatesWith", SYL), "mfa_borduria"),
    ("about_this_press_service_in_one_word", "Бордурия сотрудничает с Сылдавией. Об этом сообщила пресс-служба "
     "Кловойла.", (BOR, "cooperatesWith", SYL), "klowoil"),
    ("about_this_pronoun", "Бордурия сотрудничает с Сылдавией. Об этом он заявил в ходе встречи с Иво Карлином.",
     (BOR, "cooperatesWith", SYL), None),
    ("about_this_outlet", "Бордурия сотрудничает с Сылдавией. Об этом сообщает Kazinform.",
     (BOR, "cooperatesWith", SYL), None),
    # a message with no author is the last source's
    ("message_without_author", "Министры провели переговоры, сообщили в Министерстве иностранных дел Бордурии.\n"
     "\"Бордурия сотрудничает с Сылдавией\", — говорится в сообщении.", (BOR, "cooperatesWith", SYL), "mfa_borduria"),
    ("noted_at_a_meeting", "Министры провели переговоры, сообщили в Министерстве иностранных дел Бордурии.\n"
     "Как отмечалось на встрече, Бордурия сотрудничает с Сылдавией.", (BOR, "cooperatesWith", SYL), None),
    ("message_after_an_outlet", "Министры провели переговоры, сообщает Kazinform.\n\"Бордурия сотрудничает с "
     "Сылдавией\", — говорится в сообщении.", (BOR, "cooperatesWith", SYL), None),
]


@pytest.mark.parametrize(("text", "spo", "speaker"), [pytest.param(t, s, w, id=i) for i, t, s, w in ACROSS])
def test_speaker_across_sentences(text: str, spo: tuple[str, str, str], speaker: str | None) -> None:
    found = {t.speaker for t in read(text) if (t.subject, t.relation, t.object) == spo}
    assert found == {speaker}


# ---------------------------------------------------------------------------------------------- dates
DATES = [
    ("day_month_year", "13 февраля 2026 года Арман Бекболатов посетил Клов.", VISIT, "2026-02-13"),
    ("day_month", "Арман Бекболатов посетил Клов 28 сентября.", VISIT, "2025-09-28"),
    ("range", "Арман Бекболатов находился в Клове с визитом с 21 по 23 сентября.", VISIT, "2025-09-21"),
    ("range_in_one_word", "Арман Бекболатов 12–13 октября посетит Клов.", VISIT, "2025-10-12"),
    ("range_of_months", "Арман Бекболатов 30 сентября – 2 октября находится в Клове с визитом.", VISIT, "2025-09-30"),
    ("month", "Арман Бекболатов посетил Клов в сентябре.", VISIT, "2025-09"),
    ("end_of_month", "Арман Бекболатов посетит Клов в конце ноября.", VISIT, "2025-11"),
    ("year", "Арман Бекболатов посетил Клов в 2024 году.", VISIT, "2024"),
    ("next_year", "Арман Бекболатов посетит Клов в следующем году.", VISIT, "2026"),
    ("next_week", "Арман Бекболатов посетит Клов на следующей неделе.", VISIT, "2025-10-06"),
    ("yesterday", "Вчера Арман Бекболатов посетил Клов.", VISIT, "2025-09-30"),
    ("tomorrow", "Завтра Арман Бекболатов посетит Клов.", VISIT, "2025-10-02"),
    ("weekday_past", "В понедельник Арман Бекболатов посетил Клов.", VISIT, "2025-09-29"),
    ("weekday_future", "В пятницу Арман Бекболатов посетит Клов.", VISIT, "2025-10-03"),
    ("numeric", "Арман Бекболатов посетил Клов 28.09.2025.", VISIT, "2025-09-28"),
    ("undated", "Арман Бекболатов посетил Клов.", VISIT, None),
    # each happening its own date
    ("two_gatherings", "Министры готовятся к саммиту K7 12 октября в Клове и к Степному форуму 20 ноября в Сзоходе.",
     ("szohod", "hosts", "steppe_forum"), "2025-11-20"),
    ("two_gatherings_first", "Министры готовятся к саммиту K7 12 октября в Клове и к Степному форуму 20 ноября в "
     "Сзоходе.", ("klow", "hosts", "k7"), "2025-10-12"),
    # an invitation is dated when it is made, not when the gathering is
    ("invitation", "Вчера Арман Бекболатов пригласил Ержана Сейткалиева на саммит K7, который пройдёт в декабре.",
     (BEK, "invited", SEI), "2025-09-30"),
]


@pytest.mark.parametrize(("text", "spo", "date"), [pytest.param(t, s, d, id=i) for i, t, s, d in DATES])
def test_date(text: str, spo: tuple[str, str, str], date: str | None) -> None:
    assert one(text, *spo).date == date


DATES_ACROSS = [
    # a gathering dated once dates taking part in it later
    ("gathering_dated_before", "Арман Бекболатов получил приглашение на саммит K7, который состоится в следующем "
     "году. Участие Бордурии в саммите K7 важно.", (BOR, "participatesIn", "k7"), "2026", "Planned"),
    # a sentence that continues the one before takes its date
    ("continued_sentence", "Арман Бекболатов находился в Клове с визитом с 21 сентября. в ходе которого прошли "
     "переговоры с Ержаном Сейткалиевым.", (BEK, "negotiatesWith", SEI), "2025-09-21", "Asserted"),
    # the sentence after dates a happening noun of this one
    ("dated_by_the_next", "В ходе телефонного разговора Арман Бекболатов пригласил Ержана Сейткалиева на Степной "
     "форум. Телефонный разговор состоялся в понедельник.", (BEK, "invited", SEI), "2025-09-29", "Asserted"),
]


@pytest.mark.parametrize(("text", "spo", "date", "modality"),
                         [pytest.param(t, s, d, m, id=i) for i, t, s, d, m in DATES_ACROSS])
def test_date_across_sentences(text: str, spo: tuple[str, str, str], date: str, modality: str) -> None:
    found = [t for t in read(text) if (t.subject, t.relation, t.object) == spo]
    assert found
    assert {t.date for t in found} == {date}
    assert {t.modality for t in found} == {modality}


def test_standing_relations_are_undated() -> None:
    assert one("Вчера Бордурия и Сылдавия подписали соглашение о сотрудничестве.", BOR, "cooperatesWith", SYL).date \
        is None


@pytest.mark.parametrize(("words", "on", "dates"), [
    pytest.param("с 21 по 22 декабря", dt.date(2025, 12, 1), ["2025-12-21"], id="range_of_days"),
    pytest.param("в январе", dt.date(2025, 12, 20), ["2026-01"], id="month_nearest_the_report"),
    pytest.param("в прошлом месяце", dt.date(2025, 1, 10), ["2024-12"], id="last_month"),
    pytest.param("в минувшую среду", dt.date(2025, 10, 3), ["2025-10-01"], id="last_weekday"),
    pytest.param("ташкент , 2 сен — sputnik", dt.date(2025, 9, 2), ["2025-09-02"], id="dateline"),
    pytest.param("на период 2026–2029 годов", None, ["2026"], id="years"),
    pytest.param("17 соглашений на 629 млн", dt.date(2025, 9, 2), [], id="no_date"),
])
def test_find_dates(words: str, on: dt.date | None, dates: list[str]) -> None:
    assert [d.value for d in find_dates(words.split(), on)] == dates


def test_after_the_report_at_its_precision() -> None:
    on = dt.date(2025, 12, 25)
    assert is_after("2026", on) and is_after("2025-12-26", on)
    assert not is_after("2025-12", on) and not is_after("2025", on) and not is_after("2025-12-25", on)
