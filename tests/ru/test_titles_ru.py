"""Russian titles: an office before its owner and holder gives leaderOf / affiliatedWith, and reaches
only its own holder. Sentences of our own on the fictional lexicon (tests/fixtures/fictional), where
Арман Бекболатов leads Бордурия, Ержан Сейткалиев leads Сылдавия and Иво Карлин serves the Bordurian
foreign ministry; the real lexicon only for adjectives of nationality, which the fictional one lacks.
"""

from __future__ import annotations

import pytest
from extract_helpers import real_processor, run, triples

BOR, SYL, ZUB, KAR = "country_borduria", "country_syldavia", "country_zubrowka", "country_karamania"
BEK, SEI = "bekbolatov", "seitkaliyev"

CASES: list[tuple[str, str, set[tuple[str, str, str]]]] = [
    # an office inside a title is the outer office's owner, not the holder's own title
    ("inner_title_is_owner", "Специальный представитель Президента Бордурии по Сылдавии Отто Мускар прибыл в Клов.",
     {("muskar", "affiliatedWith", BOR), ("muskar", "visited", "klow"), ("muskar", "visited", SYL)}),
    # "посол X в Y Z": the ambassador serves X; Y is where, no relation of its own
    ("ambassador_in", "Посол Бордурии в Сылдавии Отто Мускар встретился с Ержаном Сейткалиевым.",
     {("muskar", "affiliatedWith", BOR), ("muskar", "metWith", SEI)}),
    # one genitive owner per name after a plural title
    ("distributive_owners", "Президенты Бордурии Арман Бекболатов и Сылдавии Ержан Сейткалиев подписали заявление.",
     {(BEK, "leaderOf", BOR), (SEI, "leaderOf", SYL)}),
    # the owner in brackets after each name
    ("bracketed_owners", "Министры Отто Мускар (Карамания) и Иво Карлин (Бордурия) подписали заявление.",
     {("muskar", "affiliatedWith", KAR), ("karlin", "affiliatedWith", BOR)}),
    # owners and holders listed in the same order
    ("ordered_owners", "Министры иностранных дел Бордурии и Сылдавии Иво Карлин и Отто Мускар провели "
     "телефонный разговор.",
     {("karlin", "affiliatedWith", BOR), ("muskar", "affiliatedWith", SYL), ("karlin", "metWith", "muskar")}),
    # no owner named: the holder's dated office in the lexicon
    ("owner_from_lexicon_leader", "Президент Арман Бекболатов посетил Клов.",
     {(BEK, "leaderOf", BOR), (BEK, "visited", "klow"), (BEK, "visited", SYL)}),
    ("owner_from_lexicon_affiliate", "Министр Иво Карлин посетил Клов.",
     {("karlin", "affiliatedWith", "mfa_borduria"), ("karlin", "visited", "klow"), ("karlin", "visited", SYL)}),
    # a singular title reaches only the first name after it
    ("title_reaches_its_holder_only", "Президент Бордурии Арман Бекболатов и Отто Мускар посетили Клов.",
     {(BEK, "leaderOf", BOR), (BEK, "visited", "klow"), ("muskar", "visited", "klow"), (BEK, "visited", SYL),
      ("muskar", "visited", SYL)}),
    # "генеральный директор компании X Y": the head of the company named in apposition
    ("chief_executive", "Генеральный директор компании Кловойл Отто Мускар посетил Сзоход.",
     {("muskar", "leaderOf", "klowoil"), ("muskar", "visited", "szohod"), ("muskar", "visited", BOR)}),
    ("legal_form_and_quotes", "Генеральный директор АО «Кловойл» Отто Мускар посетил Сзоход.",
     {("muskar", "leaderOf", "klowoil"), ("muskar", "visited", "szohod"), ("muskar", "visited", BOR)}),
    # an office natasha takes for an organisation's name is a title; an adjective before the title
    # does not hide the preposition of the partner
    ("office_is_not_an_organisation", "Ержан Сейткалиев встретился с Государственным секретарём Бордурии "
     "Отто Мускаром.", {("muskar", "affiliatedWith", BOR), (SEI, "metWith", "muskar")}),
    # the head of a part serves the whole; the head of its board leads it
    ("head_of_a_department", "Глава департамента Министерства иностранных дел Бордурии Отто Мускар посетил Клов.",
     {("muskar", "affiliatedWith", "mfa_borduria"), ("muskar", "visited", "klow"), ("muskar", "visited", SYL)}),
    ("chair_of_the_board", "Председатель совета директоров компании Кловойл Отто Мускар посетил Сзоход.",
     {("muskar", "leaderOf", "klowoil"), ("muskar", "visited", "szohod"), ("muskar", "visited", BOR)}),
    # a former office states nothing
    ("former_office", "Бывший президент Бордурии Отто Мускар прибыл в Клов.",
     {("muskar", "visited", "klow"), ("muskar", "visited", SYL)}),
    # a body named through a body in the genitive is one name; a degree between owner and holder; a comma after
    # an apposition ends it, it does not list the person with the state after it
    ("body_chain_and_degree", "Старший научный сотрудник Центра степных исследований Института истории Бордурии, "
     "кандидат исторических наук Айгуль Бекболатова, считает, что Сылдавия рассматривает Бордурию как "
     "стратегического партнёра.",
     {("bekbolatova", "affiliatedWith", "new:Organization:ru:Центр степных исследований Института истории Бордурии"),
      (SYL, "cooperatesWith", BOR)}),
    # a title after the name, behind a comma or a dash
    ("apposition_comma", "Отто Мускар, министр иностранных дел Бордурии, посетил Клов.",
     {("muskar", "affiliatedWith", BOR), ("muskar", "visited", "klow"), ("muskar", "visited", SYL)}),
    ("apposition_dash", "Отто Мускар — генеральный директор компании Кловойл.", {("muskar", "leaderOf", "klowoil")}),
    # a plural title after a list of names is one more item, no apposition
    ("plural_title_is_a_list_item", "Отто Мускар, представители Бордурии и Ержан Сейткалиев подписали заявление.",
     set()),
    # occupations beyond politics: a body's people are affiliated with it (an editor, a player of a club)
    ("occupation_of_a_body", "Полузащитник клуба Кловойл Отто Мускар посетил Сзоход.",
     {("muskar", "affiliatedWith", "klowoil"), ("muskar", "visited", "szohod"), ("muskar", "visited", BOR)}),
    # a city owns the office of its own government: no relation to the city, nor to its state
    ("mayor_of_a_capital", "Мэр Сзохода Отто Мускар прибыл в Клов.",
     {("muskar", "visited", "klow"), ("muskar", "visited", SYL)}),
    # a complement joined by "и" or led by "по" stays the title's own, before its owner
    ("complement_with_and", "Министр связи и коммуникаций Бордурии Отто Мускар прибыл в Клов.",
     {("muskar", "affiliatedWith", BOR), ("muskar", "visited", "klow"), ("muskar", "visited", SYL)}),
    ("complement_with_po", "Директор по стратегии и развитию компании Кловойл Отто Мускар посетил Сзоход.",
     {("muskar", "affiliatedWith", "klowoil"), ("muskar", "visited", "szohod"), ("muskar", "visited", BOR)}),
    # titles listed before one name are all that name's; a lower-case place after the owner is passed over
    ("chained_titles", "Об этом сказал лидер партии «Радуга», депутат парламента Бордурии Отто Мускар.",
     {("muskar", "leaderOf", "new:Organization:ru:Радуга"), ("muskar", "affiliatedWith", BOR)}),
    ("owner_at_a_body", "Об этом сообщил представитель Совета безопасности при министерстве Иво Карлин.",
     {("karlin", "affiliatedWith", "new:Organization:ru:Совет безопасности")}),
    ("apposition_after_a_noun_and", "Отто Мускар, политик и лидер партии «Радуга», прибыл в Клов.",
     {("muskar", "leaderOf", "new:Organization:ru:Радуга"), ("muskar", "visited", "klow"),
      ("muskar", "visited", SYL)}),
    # the head of a part named by a noun the owner's name carries serves the whole
    ("head_of_a_part_of_a_company", "Отто Мускар, руководитель отдела серверов и сетей Кловойл, прибыл в Клов.",
     {("muskar", "affiliatedWith", "klowoil"), ("muskar", "visited", "klow"), ("muskar", "visited", SYL)}),
    # an acting holder in apposition; an adverb before the owner's adjective
    ("acting_holder", "Иво Карлин, исполняющий обязанности представителя Министерства иностранных дел Бордурии, "
     "прибыл в Клов.", {("karlin", "affiliatedWith", "mfa_borduria"), ("karlin", "visited", "klow"),
                        ("karlin", "visited", SYL)}),
    ("adverb_in_complement", "Кандидатом стала лидер крайне правой партии «Радуга» Айгуль Бекболатова.",
     {("bekbolatova", "leaderOf", "new:Organization:ru:Радуга")}),
    # "от" before the owner; a second title right after the owner, in the same case, names the same holder
    ("owner_after_ot", "В интервью наблюдатель от Степного альянса сылдавский парламентарий Отто Мускар сообщил "
     "об этом.", {("muskar", "affiliatedWith", "steppe_alliance")}),
    ("titles_in_other_cases_are_two_people", "Президент Бордурии министру Сылдавии Отто Мускару вручил орден.",
     {("muskar", "affiliatedWith", SYL)}),
    # a hyphenated word in the complement ("пресс-службы") is one word of it
    ("hyphenated_complement", "Иво Карлин, заместитель начальника пресс-службы Министерства иностранных дел "
     "Бордурии, прибыл в Клов.", {("karlin", "affiliatedWith", "mfa_borduria"), ("karlin", "visited", "klow"),
                                 ("karlin", "visited", SYL)}),
    # a plural title of one body's people reaches every name after it
    ("people_of_one_body", "Сотрудники компании Кловойл Отто Мускар и Иво Карлин посетили Сзоход.",
     {("muskar", "affiliatedWith", "klowoil"), ("karlin", "affiliatedWith", "klowoil"), ("muskar", "visited", "szohod"),
      ("karlin", "visited", "szohod"), ("muskar", "visited", BOR), ("karlin", "visited", BOR)}),
    # "столица X" with no name is the capital city itself
    ("capital_named_through_its_state", "Ержан Сейткалиев прибыл в столицу Бордурии.",
     {(SEI, "visited", "szohod"), (SEI, "visited", BOR)}),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in CASES])
def test_titles(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert triples(text, "ru") == expected


def test_office_span_is_no_mention() -> None:
    _, mentions = run("Ержан Сейткалиев встретился с Государственным секретарём Бордурии Отто Мускаром.", "ru")
    assert not [m for m in mentions if m.actor_id.startswith("new:Organization:")]


def test_adjective_of_nationality_owns_the_title() -> None:
    found = triples("Американский сенатор Джон Карвер посетил Алматы.", "ru", real_processor())
    assert ("new:Person:ru:Джон Карвер", "affiliatedWith", "country_us") in found
    assert not {t for t in found if t[1] == "leaderOf"}


def test_unnamed_leader_by_nationality_is_invited() -> None:
    found = triples("Арно Вейл пригласил российского президента на саммит ШОС.", "ru", real_processor())
    assert ("new:Person:ru:Арно Вейл", "invited", "country_ru") in found


# ---------------------------------------------------------------- "Глава государства", a bare "Президент"
def test_head_of_state_is_the_one_just_named_when_the_article_has_another() -> None:
    found = triples("Президент Бордурии Арман Бекболатов прибыл в Клов. Глава государства посетил Зубровку.", "ru")
    assert found == {(BEK, "leaderOf", BOR), (BEK, "visited", "klow"), (BEK, "visited", ZUB), (BEK, "visited", SYL)}


def test_head_of_state_stays_kazakhstans_once_its_president_is_named() -> None:
    found = triples("Касым-Жомарт Токаев прибыл в Пекин. Председатель КНР Си Цзиньпин встретил гостя. "
                    "Глава государства посетил Японию.", "ru", real_processor())
    assert ("tokayev", "visited", "country_jp") in found
    assert ("xi_jinping", "visited", "country_jp") not in found


def test_ordered_owners_after_a_capitalised_plural() -> None:
    # natasha reads a capitalised "Главы" as a singular: the pairing of owners and names decides
    found = triples("Kloviya News - Главы МИД Казахстана и Японии Арно Вейл и Кен Исида провели телефонный разговор.",
                    "ru", real_processor())
    assert found == {("new:Person:ru:Арно Вейл", "leaderOf", "mfa_kz"),
                     ("new:Person:ru:Кен Исида", "affiliatedWith", "country_jp"),
                     ("new:Person:ru:Арно Вейл", "metWith", "new:Person:ru:Кен Исида")}


def test_a_title_that_names_its_body() -> None:
    found = triples("Конгрессмен Джо Карвер посетил Алматы.", "ru", real_processor())
    assert ("new:Person:ru:Джо Карвер", "affiliatedWith", "us_congress") in found


@pytest.mark.parametrize(("text", "expected"), [
    # a body named by common words keeps its state in its name; "замглавы" is a title
    pytest.param("Замглавы Федеральной миграционной службы России Арно Вейл посетил Астану.",
                 ("new:Person:ru:Арно Вейл", "affiliatedWith", "new:Organization:ru:Федеральная миграционная служба "
                  "России"), id="body_with_its_state"),
    # a word of address between the owner and the holder
    pytest.param("Председатель Совета муфтиев России шейх Арно Вейл посетил Астану.",
                 ("new:Person:ru:Арно Вейл", "leaderOf", "new:Organization:ru:Совет муфтиев России"), id="honorific"),
    # a body in capitals no list knows, after a title and before a name
    pytest.param("Президент ФИФА Арно Вейл посетил Астану.",
                 ("new:Person:ru:Арно Вейл", "leaderOf", "new:Organization:ru:ФИФА"), id="abbreviated_body"),
])
def test_open_world_owners(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(text, "ru", real_processor())


def test_a_common_abbreviation_owns_no_title() -> None:
    found = triples("Министр ВВП Арно Вейл посетил Астану.", "ru", real_processor())
    assert not {t for t in found if t[1] in {"leaderOf", "affiliatedWith"}}


@pytest.mark.parametrize(("text", "expected"), [
    # a quoted one-word name after a noun of its kind, which natasha misses
    pytest.param("Заявку подал советник руководителя партии «Радуга» Отто Мускар.",
                 ("muskar", "affiliatedWith", "new:Organization:ru:Радуга"), id="quoted_body_after_its_kind"),
    # a body in capitals after a name and its title
    pytest.param("Отто Мускар, докладчик ФИБА, заявил об этом.",
                 ("muskar", "affiliatedWith", "new:Organization:ru:ФИБА"), id="abbreviated_body_in_apposition"),
])
def test_bodies_by_their_shape(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(text, "ru")


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Отто Мускар возглавляет компанию Кловойл.", {("muskar", "leaderOf", "klowoil")}, id="verb"),
    pytest.param("Отто Мускар, руководящий компанией Кловойл, выступил против.", {("muskar", "leaderOf", "klowoil")},
                 id="active_participle"),
    pytest.param("Аресты коснулись активистов партии «Радуга», возглавляемой Айгуль Бекболатовой.",
                 {("bekbolatova", "leaderOf", "new:Organization:ru:Радуга")}, id="passive_participle"),
    # a past office states nothing
    pytest.param("Отто Мускар возглавлял компанию Кловойл.", set(), id="past"),
    # representing and working for a body, now
    pytest.param("Отто Мускар, представляющий компанию Кловойл, выступил против.",
                 {("muskar", "affiliatedWith", "klowoil")}, id="represents"),
    pytest.param("Отто Мускар представил проект в Клове.", set(), id="presents_no_body"),
    pytest.param("Отто Мускар работает в компании Кловойл.", {("muskar", "affiliatedWith", "klowoil")}, id="works_for"),
    pytest.param("Отто Мускар работает в Бордурии.", set(), id="works_in_a_state"),
])
def test_leading_verbs(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert triples(text, "ru") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a title in the instrumental after a link verb, or in the genitive after "пост", is the subject's
    pytest.param("Отто Мускар является директором компании Кловойл.", {("muskar", "affiliatedWith", "klowoil")},
                 id="is"),
    pytest.param("Отто Мускар назначен послом Бордурии в Сылдавии.", {("muskar", "affiliatedWith", BOR)},
                 id="appointed"),
    pytest.param("Отто Мускар занимает пост председателя правления Кловойл.", {("muskar", "leaderOf", "klowoil")},
                 id="post"),
    # what may be, is not, or was, is no office
    pytest.param("Отто Мускар может стать председателем правления Кловойл.", set(), id="may_become"),
    pytest.param("Отто Мускар не является директором компании Кловойл.", set(), id="is_not"),
    pytest.param("Отто Мускар был директором компании Кловойл.", set(), id="was"),
    # "он" is the person named last before it, else the subject of the sentence before
    pytest.param("Отто Мускар прибыл в Клов. Сейчас он является депутатом парламента от партии «Радуга».",
                 {("muskar", "affiliatedWith", "new:Organization:ru:Радуга"), ("muskar", "visited", "klow"),
                  ("muskar", "visited", SYL)}, id="pronoun_of_the_sentence_before"),
    pytest.param("Отто Мускар прибыл в Клов. Иво Карлин сказал, что он является директором компании Кловойл.",
                 {("karlin", "affiliatedWith", "klowoil"), ("muskar", "visited", "klow"), ("muskar", "visited", SYL)},
                 id="pronoun_of_this_sentence"),
])
def test_predicative_titles(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert triples(text, "ru") == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a body in brackets or after "из" and its kind is the person's, and no actor of the verb
    pytest.param("Отто Мускар (Кловойл) и Иво Карлин (Степной банк развития) посетили Клов.",
                 {("muskar", "affiliatedWith", "klowoil"), ("karlin", "affiliatedWith", "sdb"),
                  ("muskar", "visited", "klow"), ("karlin", "visited", "klow"), ("muskar", "visited", SYL),
                  ("karlin", "visited", SYL)}, id="brackets"),
    pytest.param("Отто Мускар из компании Кловойл посетил Клов.",
                 {("muskar", "affiliatedWith", "klowoil"), ("muskar", "visited", "klow"), ("muskar", "visited", SYL)},
                 id="from_a_company"),
    # a state in brackets is a nationality, no affiliation
    pytest.param("Отто Мускар (Бордурия) посетил Клов.", {("muskar", "visited", "klow"), ("muskar", "visited", SYL)},
                 id="nationality"),
])
def test_bodies_after_names(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert triples(text, "ru") == expected
