"""Kazakh names: an inner genitive of an official name may be written without its suffix (a lexicon of its own)."""

from __future__ import annotations

from extract_helpers import make_article

from kg.lexicon import parse_lexicon
from kg.process import ArticleProcessor

HEADER = "id\ttype\twikidata\tcapital_of\tlocated_in\ten\tru\tkk\ten_alt\tru_alt\tkk_alt\n"
ROW = ("water_ministry\tOrganization\t\t\t\tWater Ministry of Borduria\t\t"
       "Бордурия Республикасының Су министрлігі\t\t\t\n")
ROLES = "person_id\trelation\ttarget_id\tstart\tend\n"


def test_inner_genitive_may_be_dropped() -> None:
    lexicon = parse_lexicon([("actors.tsv", HEADER + ROW)], ("roles.tsv", ROLES))
    article = make_article("Бордурия Республикасы Су министрлігі жаңа жобаны бастады.", "kk")
    _, mentions = ArticleProcessor(lexicon=lexicon).process(article)
    assert "water_ministry" in {m.actor_id for m in mentions}
