"""Extraction stage, English gatherings: participation, membership, invitations and hosting frames.

"attended the summit", "took part in the fourth edition of X", "addressed the forum" are
`participatesIn`; "a member of", "joined" are `memberOf`; "invited X to (participate in) Y"
gives `invited` and `invitedTo`, "at the invitation of X" the inviter; "hosted the summit",
"the summit will be held in Y" give `hosts`, and "X hosted Y in Z" a meeting and a visit. A format
the lexicon names by its two sides ("Central Asia – Russia") is also "the summit of A and B", "A will
hold a summit with B" or "A + B": its sides take part in the summit and are the format's members.
"""

from __future__ import annotations

import itertools
import re

from spacy.tokens import Doc

from kg.extract.core import AGENTS, GATHERINGS, PARTIES, PLACES, Discourse, Unit
from kg.extract.en.roles import EnglishRoles
from kg.lexicon import normalize_name
from kg.wordlists import words

SUMMIT_NOUNS = words("en", "summit_nouns")
# the two sides of a format's name: "Central Asia – Russia", "Central Asia + Japan", "Korea – Central Asia summit"
_SIDES = re.compile(r"(?P<a>[^–+]+?)\s*(?:–|\+)\s*(?P<b>[^–+]+?)(?:\s+(?:summit|dialogue|format))?", re.IGNORECASE)


class EnglishGatherings(EnglishRoles):
    """The gathering frames of the English extractor (a mixin under `EnglishExtractor`)."""

    def formats(self) -> dict[frozenset[str], str]:
        """The lexicon's formats named by their two sides ("Central Asia – Russia"): {side ids: format id}."""
        cached = getattr(self, "_formats", None)
        if cached is not None and cached[0] is self.lexicon:
            return cached[1]
        found: dict[frozenset[str], set[str]] = {}
        for name, actor_id in self.lexicon.names(self.lang):
            if self.type_of(actor_id) not in {"Organization", "Event"}:
                continue
            m = _SIDES.fullmatch(normalize_name(name))
            if m is None:
                continue
            a, b = self.lexicon.ids_for(m.group("a"), self.lang), self.lexicon.ids_for(m.group("b"), self.lang)
            if len(a) == 1 and len(b) == 1 and a != b:
                found.setdefault(frozenset(a + b), set()).add(actor_id)
        table = {sides: next(iter(ids)) for sides, ids in found.items() if len(ids) == 1}
        self._formats = (self.lexicon, table)
        return table

    def summit_of_sides(self, doc: Doc, units: list[Unit], out: list) -> int | None:
        """"the summit (meeting) of Russia and the Central Asian states (A, B, C)", "Russia will hold a summit with
        the Central Asian states": the format the lexicon names by those two sides; both sides take part, and so do
        the states a region's side lists in brackets (all of them, when named after "of", are the format's members:
        `format_sides`); a state that is one side and the subject of "hold" hosts it."""
        self._format_sides = []
        for k, tok in enumerate(doc):
            if tok.lower_ not in SUMMIT_NOUNS:
                continue
            j = k + 1 + (k + 1 < len(doc) and doc[k + 1].lower_ in {"meeting", "meetings"})  # "summit meeting"
            if j >= len(doc) or doc[j].lower_ not in {"of", "with"}:
                continue
            # the names after "of"/"with", or a unit that took "the summit of" in ("the summit of A and B")
            after = next((u for u in units if (u.start in {j + 1, j + 2} and u.prep == doc[j].lower_) or (
                u.event and u.start <= k and j < u.end and doc[j].lower_ == "of")), None)
            if after is None or not after.fits(PARTIES):
                continue
            if doc[j].lower_ == "of":
                sides = [m.actor for m in after.members]
            else:
                # the one who holds a summit with the other: the clause's subject, the sentence's first name
                first = units[0] if units and units[0].start <= 1 and not units[0].prep else None
                if first is None or first is after or len(first.members) != 1 or len(after.members) != 1 \
                        or any(t.text in {",", ";", ":"} for t in doc[first.end:k]):
                    continue
                sides = [first.members[0].actor, after.members[0].actor]
            fmt = self.formats().get(frozenset(sides)) if len(sides) == 2 else None
            if fmt is None:
                continue
            parties = list(sides)
            if after.end < len(doc) and doc[after.end].text == "(":
                # "five Central Asian states (Kazakhstan, Kyrgyzstan, ...)": the states the region's side lists
                close = next((c for c in range(after.end, len(doc)) if doc[c].text == ")"), after.end)
                parties += [m.actor for u in units if after.end < u.start < close for m in u.members
                            if m.type == "Country"]
            if doc[j].lower_ == "of":
                # "the summit of A and B" names the format by its members; "A will hold a summit with B" tells of A's
                # act, whose modality a membership read from it would wrongly take
                self._format_sides = [(actor, "memberOf", fmt, 0.7) for actor in dict.fromkeys(parties)]
            for actor in dict.fromkeys(parties):
                out.append((actor, "participatesIn", fmt, 0.75))
            verb = self.trigger_before(doc, k)
            host = units[0] if units and units[0].start == 0 and not units[0].prep and len(units[0].members) == 1 \
                else None
            if verb is not None and self.key(doc[verb]) == "hold" and host is not None \
                    and host.members[0].actor in sides and host.types == {"Country"}:
                out.append((host.members[0].actor, "hosts", fmt, 0.7))  # "Russia will hold a summit with X"
            return verb or k
        return None

    def plus_formats(self, doc: Doc, units: list[Unit], out: list) -> None:
        """"formats like Central Asia + USA": two names joined by "+" name the format the lexicon names by those two
        sides (an organisation, not one summit), and the two are its members."""
        for a, b in itertools.pairwise(units):
            if [t.text for t in doc[a.end:b.start]] != ["+"] or len(a.members) != 1 or len(b.members) != 1:
                continue
            fmt = self.formats().get(frozenset({a.members[0].actor, b.members[0].actor}))
            if fmt is not None and self.type_of(fmt) == "Organization":
                out.extend((m.actor, "memberOf", fmt, 0.7) for m in (a.members[0], b.members[0]))

    def format_sides(self, out: list) -> None:
        """The sides of a format named by "the summit of A and B" (`summit_of_sides`) are its members, whatever the
        summit's modality (a standing relation with no trigger of its own: the clause's modality)."""
        out.extend(getattr(self, "_format_sides", ()))
        self._format_sides = []

    def frame_participate(self, doc, units, t, discourse, index, out) -> None:
        if self.key(doc[t]) == "attend" and self.is_passive(doc, t):
            # "The meeting was attended by A, B and C"
            event = self.subject(units, t, GATHERINGS, within=8)
            if event is not None and (event.event or event.types <= {"Event"} or event.indirect):
                self.emit(out, self.obj(units, t, {"by"}, AGENTS, within=4), "participatesIn", event, 0.8)
            return
        if doc[t].lower_ in {"participant", "participants"} and t + 1 < len(doc) and doc[t + 1].lower_ in {"of", "in"}:
            # "became a full participant of the format": standing membership, like "a member of"
            body = self.obj(units, t, {"of", "in"}, GATHERINGS, within=4)
            member = self.subject(units, t, frozenset({"Country", "Organization"}), within=6, exclude=[body])
            if body is not None and member is not None and {tok.lower_ for tok in doc[member.end:t]} & {
                    "became", "become", "becomes", "is", "are", "was", "remains"}:
                self.emit(out, member, "memberOf", body, 0.8)
            return
        target, conf = self.gathering(doc, units, t)
        if target is None:
            return
        agent = self.owner_before(units, t, AGENTS, within=3) or self.subject(units, t, AGENTS, exclude=[target])
        self.emit(out, agent, "participatesIn", target, conf)

    def frame_address(self, doc, units, t, discourse, index, out) -> None:
        """"addressed the summit", "told the 11th summit of X": a speaker at a gathering takes part in it."""
        target = self.obj(units, t, {""}, GATHERINGS, within=6)
        if target is None or not (target.event or target.types <= {"Event"}):
            return
        agent = self.subject(units, t, AGENTS, exclude=[target])
        self.emit(out, agent, "participatesIn", target, 0.8)

    def frame_member(self, doc, units, t, discourse, index, out) -> None:
        if doc[t].lower_ in {"members"} and t + 1 < len(doc) and doc[t + 1].lower_ != "of":
            self.member_list(doc, units, t, discourse, index, out)
            return
        if doc[t].lower_.startswith("accession") and not any(
                doc[k].lower_ in {"since", "after", "following", "completed", "upon"} for k in range(max(0, t - 4), t)):
            return  # "support X's accession to the WTO": a process under way, no membership yet
        org = self.obj(units, t, {"of", "in", "to"}, GATHERINGS, within=4)
        if org is None:
            return
        if org.end + 1 < len(doc) and doc[org.end].lower_ in {"are", "include", "were"}:
            # "the member states of X are A, B and C"
            listed = next((u for u in units if org.end < u.start <= org.end + 2 and not u.prep), None)
            if listed is not None and listed.fits(frozenset({"Country", "Organization"})):
                self.emit(out, listed, "memberOf", org, 0.8)
                return
        member = self.owner_before(units, t, frozenset({"Country", "Organization", "Person"}), within=3)
        if member is None:
            member = self.subject(units, t, frozenset({"Country", "Organization", "Person"}), within=8, exclude=[org])
            # only a copula or an apposition links a subject to "member": "X is a member", "X, a member"
            if member is not None and member.end <= t:
                gap = {tok.lower_ for tok in doc[member.end:t]}
                if not gap & {"is", "are", "was", "were", "become", "became", "becomes", "remains", "remain", ",",
                              "as", "been"}:
                    return
        self.emit(out, member, "memberOf", org, 0.85)
        if member is not None:
            # "X has been a member of Y since 1992, along with A, B and C": they are members too
            along = next((u for u in units if u.start > org.end and u.prep == "with" and u.start >= 2
                          and doc[u.start - 2].lower_ in {"along", "together"} and u.fits(AGENTS)), None)
            self.emit(out, along, "memberOf", org, 0.75)

    def member_list(self, doc: Doc, units: list[Unit], t: int, discourse: Discourse, index: int, out: list) -> None:
        """"X's members are A, B and C", "it includes five full members, A, B and C": each listed one is a member.

        The body is the owner of "members", the subject of "includes"/"comprises", or for "it" the
        organisation the last sentences were about. Observers listed after are not members.
        """
        right_after = next((u for u in units if u.start == t + 1 and not u.prep), None)
        if t + 1 >= len(doc) or (doc[t + 1].text not in {",", ":"} and right_after is None
                                 and doc[t + 1].lower_ not in {"are", "were", "include"}):
            return
        members = right_after or next((u for u in units if t + 1 < u.start <= t + 3 and not u.prep), None)
        if members is None or not members.fits(frozenset({"Country", "Organization"})):
            return
        body = self.owner_before(units, t, GATHERINGS, within=4)
        if body is None and right_after is not None:
            # "fellow SCO members India and Pakistan": the body named right before "members"
            body = next((u for u in units if u.end == t and not u.prep and u.fits(GATHERINGS)), None)
        if body is None:
            k = next((k for k in range(t - 1, max(-1, t - 6), -1) if self.key(doc[k]) in {"include", "comprise", "have",
                                                                                       "unite", "bring"}), None)
            if k is not None:
                body = self.subject(units, k, GATHERINGS, within=6)
                if body is None and k > 0 and doc[k - 1].lower_ == "it":
                    body = self.last_body(discourse, index)
        if body is not None and body.types <= {"Organization"}:
            self.emit(out, members, "memberOf", body, 0.8)

    def frame_join(self, doc, units, t, discourse, index, out) -> None:
        org = self.obj(units, t, {""}, GATHERINGS, within=4)
        if org is None:
            return
        if any(doc[k].lower_ in {"observer", "observers"} for k in range(org.end, min(len(doc), org.end + 4))):
            return  # "joined X as an observer": observer status is no membership
        member = self.subject(units, t, frozenset({"Country", "Organization", "Person"}), exclude=[org])
        self.emit(out, member, "memberOf", org, 0.8)

    def frame_invite(self, doc, units, t, discourse, index, out) -> None:
        goal = self.obj(units, t, {"to"}, GATHERINGS, within=12)
        if goal is None:
            # "invited X to participate in / to attend the summit": the gathering of the infinitive
            k = next((k for k in range(t + 2, min(len(doc) - 1, t + 8)) if doc[k].lower_ == "to"
                      and self._frames[k + 1] in {"participate", "part"}), None)
            if k is not None:
                verb = k + 1 if self._frames[k + 1] == "participate" else k + 2
                goal = self.gathering(doc, units, verb)[0] if verb < len(doc) else None
        if self.is_passive(doc, t):
            patient = self.subject(units, t, AGENTS, within=10, exclude=[goal])
            agent = self.obj(units, t, {"by"}, AGENTS, within=12, exclude=[goal])
        else:
            agent = self.subject(units, t, AGENTS, exclude=[goal])
            patient = self.obj(units, t, {""}, AGENTS, within=4, exclude=[goal])
            if patient is None:
                # "invited the leaders of the five Central Asian states": unnamed leaders are their states
                cand = self.obj(units, t, {"of"}, AGENTS | {"Region"}, within=6, exclude=[goal])
                patient = cand if cand is not None and self.leaders_of(cand) else None
        if patient is not None:
            self.emit(out, agent, "invited", patient, 0.9)
            self.emit(out, patient, "invitedTo", goal, 0.85)
        if goal is not None and goal.members:
            discourse.last_goal = (index, goal.members[0])

    def frame_invitation(self, doc, units, t, discourse, index, out) -> None:
        """"at the invitation of X" (X invited the subject), "X's invitation": the guest is the subject."""
        agent = self.obj(units, t, {"of", "from"}, AGENTS, within=3) or self.owner_before(units, t, AGENTS, within=3)
        if agent is None:
            return
        # "an invitation from X to Y (to attend Z)": the guest follows the inviter
        guest = next((u for u in units if agent.end < u.start <= agent.end + 2 and u.prep == "to" and u.fits(AGENTS)),
                     None)
        goal = None
        if guest is not None:
            k = guest.end
            if k + 1 < len(doc) and doc[k].lower_ == "to" and self._frames[k + 1] in {"participate", "part"}:
                goal = self.gathering(doc, units, k + 1 if self._frames[k + 1] == "participate" else k + 2)[0]
        else:
            goal = self.obj(units, t, {"to"}, GATHERINGS, within=8, exclude=[agent])
            guest = self.subject(units, t, frozenset({"Person", "Country", "Organization"}), exclude=[agent])
        if guest is None:  # "At the invitation of X, Y arrived ..."
            guest = next((u for u in units if u.start > agent.end and not u.prep and u.fits(AGENTS)), None)
        self.emit(out, agent, "invited", guest, 0.8)
        self.emit(out, guest, "invitedTo", goal, 0.75)

    def frame_host(self, doc, units, t, discourse, index, out) -> None:
        if self.is_passive(doc, t) or (doc[t].lower_ == "hosted" and t + 1 < len(doc) and doc[t + 1].lower_ == "by"):
            event = self.subject(units, t, GATHERINGS, within=10)
            if event is not None and not (event.event or event.types <= {"Event"} or event.indirect):
                event = None
            place = self.obj(units, t, {"by"}, PLACES | {"Organization"}, within=4)
            self.emit(out, place, "hosts", event, 0.8)
            if place is None:
                # "the summit was hosted by President X (in Y)": its host, and the place it is held in
                self.emit(out, self.obj(units, t, {"by"}, frozenset({"Person"}), within=6), "hosts", event, 0.7)
                self.emit(out, self.obj(units, t, {"in", "at"}, PLACES, within=10), "hosts", event, 0.75)
            return
        guest = self.obj(units, t, {""}, AGENTS | GATHERINGS, within=4)
        host = self.subject(units, t, PLACES | AGENTS, exclude=[guest])
        if guest is None or host is None:
            return
        if guest.fits(GATHERINGS) and (guest.event or guest.types <= {"Event"}):
            self.emit(out, host, "hosts", guest, 0.8)
        elif host.types <= {"Person"} and guest.types <= {"Person"}:
            self.emit(out, host, "metWith", guest, 0.7)  # "Tokayev hosted Xi": a meeting
            # "hosted Xi in Astana": the guest came there
            self.emit(out, guest, "visited", self.obj(units, t, {"in", "at"}, PLACES, within=6, exclude=[guest]), 0.75)

    def frame_held(self, doc, units, t, discourse, index, out) -> None:
        take_place = self.key(doc[t]) == "place"
        if not (take_place or self.is_passive(doc, t) or doc[t].lower_ == "held"):
            return
        if doc[t].lower_ == "held" and not self.is_passive(doc, t):
            # "the summit held in Astana" (a participle right after its event), not "X held talks"
            prev = next((u for u in reversed(units) if u.end <= t), None)
            if prev is None or t - prev.end > 1 + (doc[t - 1].text == ","):  # "The forum, held in Astana"
                return
        place = self.obj(units, t, {"in", "at"}, PLACES, within=6)
        event = self.subject(units, t, GATHERINGS, within=10)
        rel = next((k for k in range(t - 1, max(-1, t - 5), -1) if doc[k].lower_ in {"which", "that"}), None)
        if rel is not None and rel > 0 and doc[rel - 1].text == ",":
            # "... to the Astana International Forum, which will be held in Astana": the event is the antecedent
            event = next((u for u in reversed(units) if u.end == rel - 1 and u.fits(GATHERINGS)), event)
        if event is not None and not (event.event or event.types <= {"Event"}):
            event = None
        self.emit(out, place, "hosts", event, 0.8)
