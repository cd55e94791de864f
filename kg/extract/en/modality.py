"""Extraction stage, English modality: how a sentence presents what a relation trigger states.

ONTOLOGY.md's four modalities from English grammar, each cue read only where it governs the
trigger (no tagger: the verb chain is read by word order, right to left from the trigger):

* the verb chain before a verb trigger: "will visit", "is expected to meet", "plans to
  attend", "may visit", "did not meet", "never visited", "refused to meet", "invited him to
  visit" (only asked for), "accepted an invitation to visit" (planned);
* a light verb whose object is the trigger noun, read as the verb itself: "will hold talks",
  "will pay a visit", "will continue her trip", "did not hold talks", "take part";
* a verb whose object is the trigger noun: "cancelled the visit", "proposed talks";
* a word before a trigger noun: "the upcoming visit", "a possible meeting", "no talks";
* what a subject trigger noun is said to do: "the talks are expected to ...", "the visit
  was postponed", "the summit will ...";
* the clause: "if/unless/whether ..." and the main clause after a fronted "If ..." clause
  are hypothetical; "... hopes that ..." is wished for, "... denied that ..." denied.

A purpose infinitive after a verb of motion is planned ("arrived in Delhi to take part in").
The word lists are data (kg/lexicons/words_en.tsv).
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.core import Extractor
from kg.extract.en.words import CLAUSE_END, DETERMINERS, POSSESSIVE_DETERMINERS, PREPS
from kg.wordlists import words

ASSERTED, PLANNED, HYPOTHETICAL, DENIED = "Asserted", "Planned", "Hypothetical", "Denied"

FUTURE = words("en", "future_auxiliaries")
MODALS = words("en", "modal_auxiliaries")
NEGATIONS = words("en", "negations")
CHAIN_AUX = words("en", "chain_auxiliaries")
CHAIN_ADVERBS = words("en", "chain_adverbs")
HEDGE_ADVERBS = words("en", "hedge_adverbs")
PLANNING_GOVERNORS = words("en", "planning_governors")
WISHING_GOVERNORS = words("en", "wishes")
AIMED_TRIGGERS = words("en", "aimed_triggers")
AIM_GOVERNORS = words("en", "aim_governors")
DENYING_GOVERNORS = words("en", "denying_governors")
MOTION_VERBS = words("en", "motion_verbs")
LIGHT_VERBS = words("en", "light_verbs")
PLANNING_VERBS = words("en", "planning_verbs")
WISHING_VERBS = words("en", "wishing_verbs")
DENYING_VERBS = words("en", "denying_verbs")
DENYING_PHRASAL = frozenset(tuple(w.split("_", 1)) for w in words("en", "denying_phrasal_verbs"))
PLANNED_BEFORE = words("en", "planned_adjectives")
HYPOTHETICAL_BEFORE = words("en", "hypothetical_adjectives")
DENIED_BEFORE = words("en", "denied_adjectives")
CONDITIONALS = words("en", "conditionals")
PROSPECTIVE = frozenset(tuple(w.rsplit("_", 1)) for w in words("en", "prospective_phrases"))
HOPING_VERBS = words("en", "hoping_verbs")
QUESTIONS = words("en", "question_marks")
SPEECH_VERBS = words("en", "speech_verbs")
# words that open a fronted clause ("Before visiting X, Y will ...")
FRONTED = words("en", "fronted")
COMPLEMENTIZERS = words("en", "complementizers")
NEGATED_SCOPE_BREAKERS = words("en", "not_negating")

# frames of happenings (meetings, visits, gatherings): in another verb's phrase they happen when it does ("will
# speak at the meeting"); standing relations do not ("will discuss prospects for partnership")
HAPPENING_FRAMES = frozenset({"meet", "talks", "negotiate", "visit", "arrive", "participate", "part", "host", "held",
                              "place", "invite", "invitation", "welcome", "receive", "address"})
# modal auxiliaries that, negated, say it did not or cannot happen ("could not meet", "cannot visit")
_DENYING_MODALS = frozenset({"can", "ca", "could"})


class EnglishModality(Extractor):
    """The modality of each trigger's reading (a mixin under `EnglishExtractor`)."""

    def modality_of(self, doc: Doc, t: int | None) -> str:
        if t is None:
            return self.clause_modality(doc, 0)
        fronted = self.fronted_end(doc)
        if fronted is not None and t < fronted:
            # "Before visiting X, Y will ...", "After the talks, ...": the fronted clause is told as the main one
            mood = self.clause_modality(doc, fronted + 1)
        else:
            mood = self.trigger_modality(doc, t)
        if mood == HYPOTHETICAL and self.aimed(doc, t):
            mood = ASSERTED
        clause = self.clause_mood(doc, t)
        return clause if clause is not None and mood in (ASSERTED, PLANNED) else mood

    def aimed(self, doc: Doc, t: int) -> bool:
        """"X wants to weaken Y", "seeks to contain Y": the aim is itself the rivalry, stated as a fact."""
        return self.key(doc[t]) in AIMED_TRIGGERS and t >= 2 and doc[t - 1].lower_ == "to" \
            and self.key(doc[t - 2]) in AIM_GOVERNORS

    def fronted_end(self, doc: Doc) -> int | None:
        """The comma closing an adverbial clause or phrase that opens the sentence ("Before visiting X,",
        "On Thursday, after the ceremony,"), or None."""
        end, start = None, 0
        while start < len(doc) and (doc[start].lower_ in FRONTED or doc[start].lower_ in PREPS):
            comma = None
            for k in range(start + 1, min(len(doc), start + 16)):
                if doc[k].text in CLAUSE_END or (self.chain_word(doc[k]) and doc[k].lower_ != "to"):
                    return end
                if doc[k].text == ",":
                    comma = k
                    break
            if comma is None:
                return end
            end, start = comma, comma + 1  # "On Thursday, after a formal ceremony, X will ..."
        return end

    # ------------------------------------------------------------------ the trigger's own chain
    def trigger_modality(self, doc: Doc, t: int, depth: int = 0) -> str:
        """The modality the words governing the trigger at `t` give it (Asserted when none does)."""
        before = self.before_noun(doc, t)
        if before is not None:
            return before
        head, governed = self.governing_verb(doc, t)
        if governed is not None:
            return governed
        mood = self.chain(doc, head)
        if mood == ASSERTED and head == t and self.noun_like(doc, t):
            if self.subject_position(doc, t):
                return self.subject_noun(doc, t) or mood
            if depth < 2 and self._frames[t] in HAPPENING_FRAMES:
                return self.in_phrase(doc, t, depth) or mood
        return mood

    def in_phrase(self, doc: Doc, t: int, depth: int) -> str | None:
        """A trigger noun in a phrase of another verb's: "will speak at the meeting", "is scheduled to meet X for
        talks", "arrived in Y for talks" share that verb's modality (a purpose "for" after motion is planned)."""
        p = t - 1
        while p >= 0 and (doc[p].lower_ in DETERMINERS or doc[p].lower_ in POSSESSIVE_DETERMINERS
                          or (doc[p].is_alpha and doc[p].is_lower and doc[p].lower_ not in PREPS)
                          or doc[p].text in {"-", "–"} or doc[p].like_num) and t - p <= 6:
            p -= 1
        if p < 0 or doc[p].lower_ not in PREPS - {"of"}:
            return None
        for j in range(p - 1, max(-1, p - 9), -1):
            tok = doc[j]
            if tok.text in CLAUSE_END or tok.text == ",":
                return None
            if self.key(tok) in MOTION_VERBS and doc[p].lower_ == "for":
                return self.negated_or(doc, j, PLANNED)
            if self.relation_trigger(j):
                return self.trigger_modality(doc, j, depth + 1)
            if tok.lower_ in FUTURE or tok.lower_ in MODALS:
                return self.chain(doc, j + 1)
        return None

    def prospective(self, doc: Doc, t: int) -> bool:
        """"preparations for the summit", "ahead of the visit": the noun at `t` names what is still to come."""
        k = t - 1
        while k >= 0 and t - k <= 6 and doc[k].lower_ not in PREPS and (
                not doc[k].is_punct or doc[k].text in {"-", "–", "+"}):
            k -= 1  # over the determiner and the words of the name: "for the C5+1 summit"
        return k > 0 and (doc[k - 1].lower_, doc[k].lower_) in PROSPECTIVE

    def before_noun(self, doc: Doc, t: int) -> str | None:
        """"the upcoming visit", "a possible meeting", "no talks": a word right before the trigger noun."""
        if self.prospective(doc, t):
            return PLANNED
        for k in range(t - 1, max(-1, t - 3), -1):
            low = doc[k].lower_
            if low in DENIED_BEFORE:
                return DENIED
            if low in PLANNED_BEFORE:
                return PLANNED
            if low in HYPOTHETICAL_BEFORE:
                return HYPOTHETICAL
            if low in DETERMINERS or low in POSSESSIVE_DETERMINERS or low in PREPS or not doc[k].is_alpha \
                    or not doc[k].is_lower:
                return None
        return None

    def noun_like(self, doc: Doc, t: int) -> bool:
        """No tagger: a trigger after a determiner, a possessive or an adjective, or with a noun's ending."""
        low = doc[t].lower_
        for k in range(t - 1, max(-1, t - 4), -1):  # "a visit", "his official visit", "a state visit"
            if doc[k].lower_ in DETERMINERS or doc[k].lower_ in POSSESSIVE_DETERMINERS or doc[k].text in {"'s", "’s"}:
                return True
            if not (doc[k].is_alpha and doc[k].is_lower) or self.chain_word(doc[k]) or doc[k].lower_ in PREPS:
                break
        return low.endswith(("tion", "tions", "ment", "ments", "ship", "ships", "talks", "summit", "meeting",
                             "meetings", "ties"))

    def governing_verb(self, doc: Doc, t: int) -> tuple[int, str | None]:
        """The verb whose chain the trigger's modality is read from: the trigger itself, or the light verb
        whose object it is ("hold talks", "take part"); with the modality a governing verb gives the noun
        itself ("cancelled the visit", "proposed talks"), if one does."""
        if self.key(doc[t]) == "part" and t > 0 and self.key(doc[t - 1]) == "take":
            return t - 1, None
        if not self.noun_like(doc, t) and not doc[t].lower_.endswith("ing"):
            return t, None
        for k in range(t - 1, max(-1, t - 9), -1):
            tok = doc[k]
            key = self.key(tok)
            if tok.text in {"-", "–"} or (0 < k < len(doc) - 1 and "-" in {doc[k - 1].text, doc[k + 1].text}):
                continue  # "a one-on-one meeting", "full-format talks"
            if key in LIGHT_VERBS:
                return k, None
            if key in DENYING_VERBS or self.phrasal_denial(doc, k):
                return k, DENIED
            if key in WISHING_VERBS:
                return k, HYPOTHETICAL
            if key in PLANNING_VERBS:
                negated = self.chain(doc, k) == DENIED
                return k, DENIED if negated else PLANNED
            if tok.text in CLAUSE_END or tok.text == "," or tok.lower_ in PREPS or tok.lower_ in {"and", "or"} \
                    or not (tok.is_lower or tok.is_punct or tok.like_num):
                break
        return t, None

    def subject_noun(self, doc: Doc, t: int) -> str | None:
        """"The talks are expected to ...", "the visit was postponed", "the summit will ...": what the verb after
        a subject trigger noun (and its complements) says of it."""
        k = t + 1
        while k < len(doc) and k - t <= 10:
            tok = doc[k]
            if tok.text in CLAUSE_END or tok.text == "," or tok.lower_ in {"which", "that", "who", "where"}:
                return None
            if tok.lower_ in FUTURE:
                return DENIED if k + 1 < len(doc) and doc[k + 1].lower_ in NEGATIONS else PLANNED
            if tok.lower_ in MODALS and tok.lower_ != "would":
                return HYPOTHETICAL
            if tok.lower_ in CHAIN_AUX and tok.lower_ not in {"have", "has", "had", "do", "does", "did"}:
                nxt = doc[k + 1] if k + 1 < len(doc) else None
                if nxt is None:
                    return None
                if nxt.lower_ in NEGATIONS:
                    return None
                if self.key(nxt) in DENYING_VERBS:
                    return DENIED
                if self.key(nxt) in PLANNING_GOVERNORS and k + 2 < len(doc) and doc[k + 2].lower_ in {"to", "for"}:
                    return PLANNED
                return None
            if tok.lower_ in PREPS or tok.lower_ in DETERMINERS or tok.lower_ in {"and", "&", "-", "–"} \
                    or not tok.is_lower or tok.like_num:
                k += 1
                continue
            return None
        return None

    def chain(self, doc: Doc, v: int) -> str:
        """The modality of the verb at `v` from its auxiliaries, negation and the infinitive's governor."""
        negated = hedged = False
        k = v - 1
        while k >= 0:
            tok = doc[k]
            low = tok.lower_
            if low in NEGATED_SCOPE_BREAKERS and k > 0 and doc[k - 1].lower_ == "not":
                k -= 2  # "will not only visit X but also Y": no negation
                continue
            if low in NEGATIONS:
                negated = True
                k -= 1
                continue
            if low in HEDGE_ADVERBS:
                hedged = True
                k -= 1
                continue
            if low in CHAIN_ADVERBS or (low.endswith("ly") and tok.is_lower and len(low) > 4) or low in CHAIN_AUX:
                k -= 1
                continue
            break
        if k < 0:
            return DENIED if negated else HYPOTHETICAL if hedged else ASSERTED
        low = doc[k].lower_
        if low in FUTURE:
            return DENIED if negated else HYPOTHETICAL if hedged else PLANNED
        if low in MODALS:
            if negated:
                return DENIED if low in _DENYING_MODALS else HYPOTHETICAL
            if low == "would" and self.reported(doc, k):
                return PLANNED
            return HYPOTHETICAL
        if low == "to":
            mood = self.infinitive(doc, k)
            if negated and mood in (ASSERTED, PLANNED):
                return DENIED
            return HYPOTHETICAL if hedged and mood != DENIED else mood
        if negated:
            return DENIED
        if hedged:
            return HYPOTHETICAL
        if (self.key(doc[k]) in DENYING_GOVERNORS or self.phrasal_denial(doc, k)) and doc[v].lower_.endswith("ing"):
            return DENIED  # "denied meeting X", "ruled out visiting"
        if low in {"on", "for"} and k > 0 and self.key(doc[k - 1]) in {"work", "prepare"} | PLANNING_GOVERNORS:
            return self.negated_or(doc, k - 1, PLANNED)  # "is working on holding the summit"
        return ASSERTED

    def phrasal_denial(self, doc: Doc, k: int) -> bool:
        """"ruled out", "called off" ending at token `k`."""
        return k > 0 and (self.key(doc[k - 1]), doc[k].lower_) in DENYING_PHRASAL

    def infinitive(self, doc: Doc, to: int) -> str:
        """The modality of an infinitive "to V" from what governs it: "expected to", "invited X to", "refused to"."""
        for k in range(to - 1, max(-1, to - 9), -1):
            tok = doc[k]
            key = self.key(tok)
            if tok.text in CLAUSE_END or (tok.text == "," and k < to - 1):
                break
            if key in DENYING_GOVERNORS:
                return DENIED
            if key in WISHING_GOVERNORS:
                # "accepted an invitation to visit": the visit is planned, no longer only asked for
                if any(self.key(doc[j]) == "accept" for j in range(max(0, k - 3), k)):
                    return PLANNED
                return self.negated_or(doc, k, HYPOTHETICAL)
            if key in PLANNING_GOVERNORS:
                if key == "expect" and k < to - 1 and not (k > 0 and self.key(doc[k - 1]) == "be"):
                    # "analysts expect X to join": someone's expectation, not a schedule ("X is expected to")
                    return self.negated_or(doc, k, HYPOTHETICAL)
                if k == to - 1 or key not in {"set", "go"}:
                    return self.negated_or(doc, k, PLANNED)
            if key in MOTION_VERBS:
                return self.negated_or(doc, k, PLANNED)  # "arrived in Delhi to take part": its purpose
            if k == to - 1 and key == "be":
                return PLANNED  # "Putin is to visit"
        if to > 0 and not doc[to - 1].is_lower and all(
                not tok.is_lower or tok.lower_ in DETERMINERS or tok.lower_ in {"and", "of", "'s", "’s"}
                for tok in doc[self.clause_start(doc, to):to]):
            return PLANNED  # a headline's "Putin to hold talks with X": the subject's future
        return ASSERTED

    def negated_or(self, doc: Doc, k: int, mood: str) -> str:
        """`mood`, unless the governor at `k` is itself negated ("does not plan to", "no plans to")."""
        for j in range(k - 1, max(-1, k - 4), -1):
            low = doc[j].lower_
            if low in NEGATIONS or low == "no":
                return DENIED
            if not (low in CHAIN_AUX or low in CHAIN_ADVERBS or low in DETERMINERS):
                break
        return mood

    def reported(self, doc: Doc, k: int) -> bool:
        """"said he would visit": a future told in reported speech."""
        return any(self.key(doc[j]) in SPEECH_VERBS for j in range(max(0, k - 6), k))

    def trigger_at(self, k: int) -> int | None:
        """The trigger whose frame read the `k`-th reading of the sentence (None for none)."""
        return next((t for a, b, t in reversed(self._spans) if a <= k < b), None)

    def trigger_before(self, doc: Doc, k: int, within: int = 10) -> int | None:
        """The nearest relation trigger before token `k` in its clause: "will attend the X summit in Y"."""
        for j in range(k - 1, max(-1, k - within), -1):
            if doc[j].text in CLAUSE_END:
                return None
            if self.relation_trigger(j):
                return j
        return None

    def relation_trigger(self, j: int) -> bool:
        """Token `j` is a trigger of a relation frame (not a title, an event noun or a role cue)."""
        frame = self._frames[j] if j < len(self._frames) else ""
        return bool(frame) and not frame.startswith(("title", "head")) and frame not in {"two_countries", "between"}

    @staticmethod
    def chain_word(tok) -> bool:
        """A word the verb chain passes over: an auxiliary, a modal, a negation, an adverb, "to"."""
        low = tok.lower_
        return low in FUTURE or low in MODALS or low in NEGATIONS or low in CHAIN_AUX or low in CHAIN_ADVERBS \
            or low in HEDGE_ADVERBS or low == "to" or (low.endswith("ly") and tok.is_lower and len(low) > 4)

    # ------------------------------------------------------------------ the clause
    def clause_start(self, doc: Doc, t: int) -> int:
        """The first token of the clause holding `t` (after the last comma, semicolon or colon before it)."""
        for k in range(t - 1, -1, -1):
            if doc[k].text in CLAUSE_END or doc[k].text in {",", "—", "–"}:
                return k + 1
        return 0

    def subject_position(self, doc: Doc, t: int) -> bool:
        """The trigger noun opens its clause: only determiners, names and modifiers stand before it."""
        for k in range(self.clause_start(doc, t), t):
            low = doc[k].lower_
            if low in FUTURE or low in MODALS or low in NEGATIONS or low in CHAIN_AUX or (
                    low in PREPS and low != "of") or self.key(doc[k]) in SPEECH_VERBS:
                return False
        return True

    def clause_mood(self, doc: Doc, t: int) -> str | None:
        """What the clause holding `t` is under: a condition ("if", "unless", "whether", or the main clause after a
        fronted "If ..." clause), a hope ("hopes (that) X will visit") or a denial ("denied that X met Y")."""
        if len(doc) and doc[-1].text in QUESTIONS:
            return HYPOTHETICAL  # "Will X visit Y?"
        start = self.clause_start(doc, t)
        if any(doc[k].lower_ in CONDITIONALS for k in range(start, t)):
            return HYPOTHETICAL  # "unless X visits Y", "whether X supports Y"
        if doc[0].lower_ in CONDITIONALS and start > 0:
            return HYPOTHETICAL  # "If the talks succeed, X will visit Y"
        for j in range(t - 1, max(-1, t - 12), -1):
            if doc[j].text in CLAUSE_END:
                break
            key = self.key(doc[j])
            nxt = doc[j + 1].lower_
            if key in HOPING_VERBS and nxt != "to" and nxt != "for":
                return HYPOTHETICAL
            if key in DENYING_GOVERNORS and nxt in COMPLEMENTIZERS:
                return DENIED
        return None

    def clause_modality(self, doc: Doc, start: int) -> str:
        """The modality of the first verb chain of the main clause (for readings no one trigger gives):
        a fronted clause ("In Astana, ...", "Before visiting X, ...") and relative clauses are passed over."""
        if start < len(doc) and doc[start].lower_ in CONDITIONALS:
            return HYPOTHETICAL
        k = start
        while k < len(doc) and doc[k].text not in CLAUSE_END:
            low = doc[k].lower_
            if low in {"who", "which", "where", "when"} and k > 0 and doc[k - 1].text == ",":
                k = next((j for j in range(k + 1, len(doc)) if doc[j].text in {",", ";"} | CLAUSE_END), len(doc)) + 1
                continue
            if low in CHAIN_AUX and k + 2 < len(doc) and self.key(doc[k + 1]) in PLANNING_GOVERNORS \
                    and doc[k + 2].lower_ in {"for", "to"} and doc[k + 1].lower_ != low:
                return self.negated_or(doc, k + 1, PLANNED)  # "the summit is scheduled for 2027"
            if low in FUTURE or low in MODALS or low in NEGATIONS or (low == "to" and k > 0 and self.key(
                    doc[k - 1]) in PLANNING_GOVERNORS | WISHING_GOVERNORS | DENYING_GOVERNORS):
                nxt = k + 1
                while nxt < len(doc) and (doc[nxt].lower_ in CHAIN_AUX or doc[nxt].lower_ in NEGATIONS
                                          or doc[nxt].lower_ in CHAIN_ADVERBS or doc[nxt].lower_ in FUTURE):
                    nxt += 1
                return self.chain(doc, min(nxt, len(doc) - 1))
            k += 1
        return ASSERTED
