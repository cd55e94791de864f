"""Resolution: one node per real actor across languages, with the reason for each merge."""

from __future__ import annotations

import pytest

from kg.lexicon import load_lexicon
from kg.model import Mention
from kg.resolve import Resolver, translit_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Момынқұлов", "Момынкулов"),
        ("Момынкулов", "Momynkulov"),
        ("Қайратқызы", "Kairatkyzy"),
        ("Жанерке Қайратқызы", "Жанерке Кайраткызы"),
        ("Тоқаев", "Tokayev"),
        ("Тоқаев", "Tokaev"),
        ("Шавкат Мирзиёев", "Шавкат Мирзиев"),
    ],
)
def test_transliteration_keys_meet(a: str, b: str) -> None:
    assert translit_key(a) == translit_key(b)


@pytest.mark.parametrize(("a", "b"), [("Тоқаев", "Назарбаев"), ("Алиев", "Алибаев"), ("Ресей", "Россия")])
def test_transliteration_keys_keep_different_names_apart(a: str, b: str) -> None:
    assert translit_key(a) != translit_key(b)


def _mention(actor_id: str) -> Mention:
    return Mention(actor_id, 0, 1, 0, 1, actor_id, "Nom", "test")


def test_unknown_names_in_three_scripts_are_one_node_with_reasons() -> None:
    r = Resolver(load_lexicon())
    ids = {r.resolve(x) for x in ("new:Person:kk:Бауыржан Сәрсенбаев", "new:Person:ru:Бауыржан Сарсенбаев",
                                   "new:Person:en:Bauyrzhan Sarsenbayev")}
    assert len(ids) == 1
    (node,) = ids
    for x in ("new:Person:kk:Бауыржан Сәрсенбаев", "new:Person:ru:Бауыржан Сарсенбаев"):
        r.count(node, _mention(x), x.split(":")[2])
    entity = next(e for e in r.finish() if e.id == node)
    assert entity.labels["kk"] == "Бауыржан Сәрсенбаев"
    assert entity.labels["ru"] == "Бауыржан Сарсенбаев"
    assert any("transliteration" in why for why in entity.merge_reasons)
    assert entity.mention_count == 2


def test_unknown_spelling_of_a_known_person_joins_the_lexicon_node() -> None:
    lexicon = load_lexicon()
    r = Resolver(lexicon)
    # a Latin spelling the lexicon does not list joins the lexicon's node, and says why
    node = r.resolve("new:Person:en:Kasym-Zhomart Tokaev")
    assert node == "tokayev"
    assert any("transliteration" in why for why in r.entities["tokayev"].merge_reasons)


def test_a_surname_shared_by_two_known_people_is_not_merged() -> None:
    lexicon = load_lexicon()
    r = Resolver(lexicon)
    # two known people share the surname key: a bare surname must stay its own node
    keys: dict[str, set[str]] = {}
    for actor in lexicon.actors.values():
        if actor.type == "Person":
            for label in actor.labels.values():
                keys.setdefault(translit_key(label.split()[-1]), set()).add(actor.id)
    shared = sorted(k for k, v in keys.items() if len(v) > 1)
    if not shared:
        pytest.skip("no two lexicon people share a surname")
    node = r.resolve(f"new:Person:en:{shared[0].title()}")
    assert node not in keys[shared[0]]


def test_lexicon_actors_pass_through_with_all_their_names() -> None:
    r = Resolver(load_lexicon())
    assert r.resolve("tokayev") == "tokayev"
    e = r.entities["tokayev"]
    assert {"kk", "ru", "en"} <= set(e.labels)
    assert e.merge_reasons == {"lexicon"}
