"""Extraction stage, English roles: where a trigger's subject and objects stand, by word order and prepositions.

The subject stands before the trigger without a preposition ("Tokayev met Xi"), a
possessive right before a noun trigger is its owner ("China's investments"), an object
stands right after the trigger or after the preposition it governs ("talks with", "invested
in"), a gathering after "attend"/"participate in" or after an event noun ("the fourth edition
of X"). What governs the trigger (a modal, a negation, a verb of wishing) is its modality
(`modality.py`), not a reason to read nothing.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.extract.core import AGENTS, GATHERINGS, Unit
from kg.extract.en.units import EnglishUnits
from kg.extract.en.words import CLAUSE_END, DETERMINERS, LEADERS
from kg.wordlists import words

BE = words("en", "be")
NOUN_ONLY = words("en", "noun_only")
# "invited X to visit": verbs whose object is the subject of the infinitive after it
OBJECT_CONTROL = words("en", "object_control")
# words that open a fronted clause whose subject is the main clause's ("Before visiting X, Y will ...")
FRONTED = words("en", "fronted")
# nouns of a gathering or a stage of one: "the fourth edition of X", "the opening session of X"
EVENT_NOUNS = words("en", "event_nouns")


class EnglishRoles(EnglishUnits):
    """Role search of the English extractor (a mixin under its frames)."""

    def subject(self, units: list[Unit], t: int, allowed: frozenset[str] = AGENTS, within: int = 25,
                exclude: list[Unit | None] | None = None) -> Unit | None:
        """The subject: the nearest unit before `t` without a preposition, not the object of another trigger.

        A possessive counts only right before the trigger ("Tokayev's visit"), as its owner.
        """
        ex = {id(u) for u in exclude or () if u is not None}
        doc = self._doc
        controller = self.controller(units, t, allowed, ex)
        if controller is not None:
            return controller
        for u in reversed(units):
            if u.end > t or id(u) in ex:
                continue
            if t - u.end > within:
                break
            if any(doc[k].text in {";", ":"} for k in range(u.end, t)):
                break
            if self.relative_subject(u, t):
                # "X, who is on a working visit to Y": the relative pronoun's antecedent (the last of a list
                # for a singular verb: "A and B, who was in Tashkent on a state visit")
                if len(u.members) > 1 and u.end + 2 < len(doc) and doc[u.end + 2].lower_ in {"is", "was", "has"}:
                    return Unit([u.members[-1]], u.start, u.end, u.case, indirect=True)
                return u if u.fits(allowed) else None
            if u.prep and not self.leaders_of(u):
                continue
            if u.case == "Gen":
                if t - u.end <= 4 and self.plain_gap(u.end + 1, t):
                    return u if u.fits(allowed) else None
                continue
            j = u.start - 1
            if j >= 0 and self._frames[j] and self._frames[j] not in {"title_leader", "title_affiliate",
                                                                      "title_mod", "two_countries", "between"}:
                continue  # "welcomed Putin and met Xi": Putin is welcomed, not the one who met
            if u.fits(allowed):
                return self.before_apposition(units, u, t, allowed, ex) or u
        return self.after_fronted_clause(units, t, allowed, ex)

    def controller(self, units: list[Unit], t: int, allowed: frozenset[str], ex: set[int]) -> Unit | None:
        """"invited X to visit Y", "called on X to join Y": the object of a verb of asking acts in its infinitive."""
        doc = self._doc
        if t < 3 or doc[t - 1].lower_ != "to":
            return None
        u = next((u for u in units if u.end == t - 1 and id(u) not in ex), None)
        if u is None or u.case == "Gen" or u.prep not in {"", "on", "upon"} or not u.fits(allowed):
            return None
        j = u.start - 1
        while j >= 0 and (doc[j].lower_ in DETERMINERS or doc[j].lower_ in {"on", "upon"}):
            j -= 1
        return u if j >= 0 and self.key(doc[j]) in OBJECT_CONTROL else None

    def relative_subject(self, u: Unit, t: int) -> bool:
        """The trigger at `t` is in a "who"-clause right after `u` ("X, who is on a visit to Y")."""
        doc = self._doc
        e = u.end
        return e + 1 < t and doc[e].text == "," and doc[e + 1].lower_ == "who" and \
            not any(tok.text in {",", ";", "."} for tok in doc[e + 2:t])

    def before_apposition(self, units: list[Unit], u: Unit, t: int, allowed: frozenset[str],
                          ex: set[int]) -> Unit | None:
        """"X, part of the Y group, has been negotiating": the subject stands before the apposition Y is in."""
        doc = self._doc
        if not any(doc[k].text == "," for k in range(u.end, t)):
            return None
        k = u.start - 1
        while k >= 0 and u.start - k <= 10 and doc[k].text != "," and doc[k].text not in CLAUSE_END:
            k -= 1
        if k < 1 or doc[k].text != "," or not doc[k + 1].is_lower or k + 1 == u.start:
            return None
        head = next((v for v in units if v.start < k <= v.end and v is not u and id(v) not in ex), None)
        return head if head is not None and not head.prep and head.case != "Gen" and head.fits(allowed) else None

    def after_fronted_clause(self, units: list[Unit], t: int, allowed: frozenset[str], ex: set[int]) -> Unit | None:
        """"Before visiting X, Y will ...", "Speaking at the forum, Y said": the subject follows the clause."""
        doc = self._doc
        if not len(doc) or (doc[0].lower_ not in FRONTED and not (doc[0].lower_.endswith("ing") and t > 0)):
            return None
        comma = next((k for k in range(t + 1, len(doc)) if doc[k].text in {",", ";", "."}), None)
        if comma is None or doc[comma].text != "," or any(doc[k].text == "," for k in range(1, t)):
            return None
        u = next((v for v in units if v.start > comma), None)
        if u is None or u.start > comma + 3 or id(u) in ex or u.prep or u.case == "Gen" or not u.fits(allowed):
            return None
        return u

    def leaders_of(self, u: Unit) -> bool:
        """"(The) leaders of A and B": the unit after "of" is the subject's own states."""
        doc = self._doc
        k = u.start - 2  # the noun before "of"
        while k >= 0 and (doc[k].lower_ in DETERMINERS or doc[k].like_num) and doc[k + 1].lower_ != "of":
            k -= 1
        if u.prep != "of" or k < 0 or doc[k].lower_ not in LEADERS or not u.types <= {"Country", "Region"}:
            return False
        return k == 0 or doc[k - 1].lower_ in DETERMINERS | {",", "the", "both", "all"} or doc[k - 1].is_punct

    def plain_gap(self, i: int, j: int) -> bool:
        """Lower-case words only ("'s largest trade partners and"): nothing that starts a new phrase."""
        return all(not t.text[:1].isupper() and t.text not in {",", ";", ".", "(", ")"} for t in self._doc[i:j])

    def owner_before(self, units: list[Unit], t: int, allowed: frozenset[str] = AGENTS, within: int = 4,
                     exclude: list[Unit | None] | None = None) -> Unit | None:
        """A possessive right before a noun trigger: "China's investments", "Kazakhstan's largest partner"."""
        ex = {id(u) for u in exclude or () if u is not None}
        for u in reversed(units):
            if u.end > t or id(u) in ex:
                continue
            if u.case == "Gen" and t - u.end <= within and self.plain_gap(u.end + 1, t) and u.fits(allowed):
                return u
            return None
        return None

    def obj(self, units: list[Unit], t: int, preps: set[str], allowed: frozenset[str], within: int = 8,
            exclude: list[Unit | None] | None = None) -> Unit | None:
        """The first unit after `t` with one of `preps` ("" = no preposition: the direct object).

        A direct object must be the first name after the trigger; a prepositional one may
        follow others. Neither crosses the end of a clause.
        """
        ex = {id(u) for u in exclude or () if u is not None}
        doc = self._doc
        first = True
        for u in units:
            if u.start <= t or id(u) in ex:
                continue
            if u.start - t > within:
                return None
            if any(doc[k].text in CLAUSE_END for k in range(t + 1, u.start)):
                return None
            if u.prep in preps and u.fits(allowed):
                if u.prep == "" and not first:
                    return None
                return u
            if u.prep == "" and "" in preps and first and preps == {""}:
                return None
            first = False
        return None

    def is_passive(self, doc: Doc, t: int) -> bool:
        """A form of "be" right before the trigger ("was invited"); "Trump's welcoming" is a possessive."""
        return any((doc[k].lower_ in BE or self.key(doc[k]) == "be")
                   and not (doc[k].lower_ in {"'s", "’s"} and k > 0 and doc[k - 1].text[:1].isupper())
                   for k in range(max(0, t - 2), t))

    def is_verb_form(self, token: Token) -> bool:
        return token.lower_ not in NOUN_ONLY and not token.lower_.rstrip("s").endswith(("tion", "ment", "ship", "ance"))

    @staticmethod
    def adverbial(doc: Doc, t: int) -> bool:
        """The trigger heads an adverbial: "during a Feb. 14 meeting", "at the talks", "after the meeting"."""
        for k in range(t - 1, max(-1, t - 6), -1):
            low = doc[k].lower_
            if low in {"during", "at", "after", "following"}:
                return k < t - 1
            if low in {",", ";", ".", ":"}:
                return False
        return False

    def gathering(self, doc: Doc, units: list[Unit], t: int) -> tuple[Unit | None, float]:
        """What "attend", "participate in", "take part in" at `t` reach: the gathering itself, or the one
        named after an event noun ("participate in the fourth edition of X", "in the inaugural summit of
        the Heads of State of X"), with the confidence of the reading."""
        preps = {""} if self.key(doc[t]) in {"attend", "address"} else {"in", "at"}
        target = self.obj(units, t, preps, GATHERINGS, within=8)
        if target is not None:
            return target, 0.85
        first = t + 1 if preps == {""} else t + 2
        if preps != {""} and (t + 1 >= len(doc) or doc[t + 1].lower_ not in preps):
            return None, 0.0
        for u in units:
            if u.start < first:
                continue
            gap = doc[first:u.start]
            if u.start - t > 14 or any(tok.text in CLAUSE_END or tok.text == "," for tok in gap):
                return None, 0.0
            if u.prep == "of" and u.fits(GATHERINGS) and any(tok.lower_ in EVENT_NOUNS for tok in gap):
                return u, 0.8
            if u.prep != "of":
                return None, 0.0
        return None, 0.0
