"""Extraction stage, Russian modality: a trigger token in natasha's dependency tree -> how its sentence presents it.

A cue counts only where it governs the trigger: on the trigger itself (a future "посетит", "не" before it),
or on the words above it up to its clause's predicate ("примут участие", "визит не состоялся", "подготовка
к визиту", "предстоящий визит"), past an infinitive to the verb it completes ("планирует посетить", "может
ввести", "не намерена вступать", "пригласил посетить"), and from a clause to the verb it is the complement of
only through that verb's own meaning ("опроверг, что ...", "не исключил, что ...", "если ..."). A cue anywhere
else in the sentence ("Бекболатов, который не был в Клове, посетил Сзоход") says nothing of the trigger.

Asserted, Planned (future, intended, scheduled, invited), Hypothetical (possible, conditional, wished,
proposed, asked) or Denied (negated, denied, cancelled), as ONTOLOGY.md defines them; the words are
`kg/lexicons/words_ru.tsv` (negations, denial_lemmas, hypothetical_lemmas, planned_lemmas, ...).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.wordlists import words

NEGATIONS = words("ru", "negations")
NOT_NEGATING = words("ru", "not_negating")
DENIAL = words("ru", "denial_lemmas")
HYPOTHETICAL = words("ru", "hypothetical_lemmas")
NEGATED_HYPOTHETICAL = words("ru", "negated_hypothetical")
CONDITIONS = words("ru", "conditions")
SUBJUNCTIVE = words("ru", "subjunctive")
PLANNED = words("ru", "planned_lemmas")
PURPOSE = words("ru", "purpose")
FUTURE_AUX = words("ru", "future_aux")
CONTRASTS = words("ru", "contrasts")
SUPPORT = words("ru", "support_verbs")
MODAL_VERBS = words("ru", "modal_verbs")
CIRCUMSTANCES = words("ru", "circumstances")

# the relations by which a clause hangs on the word it is about: a cue of that word reaches into it only
# through its meaning (a verb of denial, of possibility, of intention)
EMBEDDED = frozenset({"ccomp", "csubj", "advcl", "acl", "acl:relcl", "parataxis"})
# the relations of a modifier whose own meaning qualifies the word it modifies ("предстоящий визит",
# "Возможно, ...", "отменённая встреча")
MODIFIERS = frozenset({"amod", "advmod", "parataxis", "discourse", "acl"})


def lemma(token: Token) -> str:
    return (token.lemma_ or token.text).lower().replace("ё", "е")


def root_of(doc: Doc) -> Token:
    """The sentence's root (the first token that heads itself)."""
    return next((t for t in doc if t.head.i == t.i), doc[0])


def negated(token: Token) -> bool:
    """"не" or "ни" among the token's dependents, not "не только", "не раз", "не менее"."""
    for c in token.children:
        if c.lower_ in NEGATIONS and c.i < len(c.doc) - 1 and c.doc[c.i + 1].lower_ not in NOT_NEGATING \
                and c.i < token.i + 2:
            return True
    return False


def word_cue(w: Token) -> str | None:
    """What a word governing a trigger makes of it by its meaning ("отменить", "мочь", "планировать")."""
    key = lemma(w)
    if key in DENIAL:
        return "Denied"
    if key in HYPOTHETICAL:
        return "Hypothetical"
    if key in PLANNED:
        return "Planned"
    return None


def future(w: Token) -> bool:
    """A verb in the future ("посетит", "примут") or an infinitive after a future "будет" ("будут строить")."""
    if "Fut" in w.morph.get("Tense") and "Fin" in w.morph.get("VerbForm"):
        return True
    return any(c.dep_ in {"aux", "aux:pass"} and c.lower_ in FUTURE_AUX for c in w.children)


def contrasted(w: Token, below: Token | None) -> bool:
    """"не на дипломатию, а на логику ..., сдерживание Китая": a conjunct at or after the one "а" or "но" joins
    is affirmed against the negated first one."""
    if below is None or below.dep_ != "conj" or below.head.i != w.i:
        return False
    turns = [c.i for c in w.children if c.dep_ == "conj" and any(
        g.dep_ == "cc" and g.lower_ in CONTRASTS for g in c.children)]
    return bool(turns) and below.i >= min(turns)


def negation_reaches(w: Token, trigger: Token, below: Token | None, direct: bool) -> bool:
    """Whether a negated word denies the trigger: the trigger itself, a verb the trigger completes ("не намерена
    вступать", "не планирует посетить"), or a verb of support whose noun the trigger is ("не примет участие",
    "визит не состоялся", "не является членом") or of a plan for it ("визит не планируется"); not a verb of which
    the trigger is only a topic ("не собрал информацию о поездке X", `direct` False: a noun stands between them).
    """
    if w.i == trigger.i or below is None:
        return w.i == trigger.i
    return direct and ("Inf" in below.morph.get("VerbForm") or below.dep_ == "xcomp" or (
        below.i == trigger.i and (lemma(w) in SUPPORT or lemma(w) in PLANNED)))


def circumstance(w: Token) -> bool:
    """A noun of the trigger's path that is a circumstance of its clause ("в ходе визита", "по итогам
    переговоров", "на полях саммита"): what the clause says of itself does not deny or plan it."""
    for c in w.children:
        if c.dep_ == "case" and (c.lower_ in CIRCUMSTANCES or any(g.lower_ in CIRCUMSTANCES for g in c.children)):
            return True
    return w.lower_ in CIRCUMSTANCES and any(c.dep_ == "case" for c in w.children)


def own_cue(w: Token, trigger: Token, below: Token | None = None, presupposed: bool = False,
            direct: bool = True) -> str | None:
    """The cue on one word of the trigger's path (reached from the word `below` it): its dependents ("не", "бы",
    "если", "предстоящий", "для"), its meaning (not the trigger's own: "приглашение" is no plan of itself) and
    its tense. Above a circumstance (`presupposed`) only mood and tense count."""
    if not presupposed and negated(w) and not contrasted(w, below) and negation_reaches(w, trigger, below, direct):
        return "Hypothetical" if lemma(w) in NEGATED_HYPOTHETICAL else "Denied"
    for c in w.children:
        low = c.lower_
        if low in SUBJUNCTIVE or (low in CONDITIONS and c.dep_ == "mark"):
            return "Hypothetical"
        if presupposed:
            continue
        if c.dep_ in MODIFIERS and c.i != trigger.i:
            cue = word_cue(c)
            if cue is not None:
                return cue
        if low in PURPOSE and c.dep_ in {"case", "mark"}:
            return "Planned"  # "для участия", "чтобы принять участие"
    if w.i != trigger.i and not presupposed and (direct or lemma(w) not in MODAL_VERBS):
        cue = word_cue(w)
        if cue is not None:
            return cue
    return "Planned" if future(w) else None


def predicate(w: Token) -> bool:
    """A word that heads a clause: a finite verb or a converb, the root, or the head of an embedded clause."""
    forms = w.morph.get("VerbForm")
    return "Fin" in forms or "Conv" in forms or w.head.i == w.i or (
        w.dep_ in EMBEDDED and w.pos_ in {"VERB", "AUX", "ADJ"})


def attitude(head: Token) -> str | None:
    """What the word a clause is the complement of says of it: denied ("опроверг, что"), only possible ("не
    исключил, что", "предложил, чтобы"), planned ("договорились, что")."""
    if negated(head):
        return "Hypothetical" if lemma(head) in NEGATED_HYPOTHETICAL else None
    return word_cue(head)


def modality(doc: Doc, t: int | None) -> str:
    """How the sentence presents what the trigger at token `t` states (None: the sentence's root speaks).

    >>> # "Бордурия не намерена вступать в альянс": Denied; "примут участие": Planned
    """
    trigger = doc[t] if t is not None else root_of(doc)
    w, below = trigger, None
    presupposed, direct = False, True
    planned = None  # a plan found low on the path, which a denial or a possibility above it outranks
    for _ in range(16):
        cue = own_cue(w, trigger, below, presupposed, direct)
        presupposed = presupposed or circumstance(w)
        direct = direct and (w.i == trigger.i or w.pos_ not in {"NOUN", "PROPN", "PRON", "NUM"})
        if cue in {"Denied", "Hypothetical"}:
            return cue
        planned = planned or cue
        if predicate(w) and "Inf" not in w.morph.get("VerbForm"):
            if w.dep_ in EMBEDDED and w.head.i != w.i:
                outer = attitude(w.head)
                if outer in {"Denied", "Hypothetical"}:
                    return outer
                return planned or outer or "Asserted"
            return planned or "Asserted"
        if w.head.i == w.i:
            break
        w, below = w.head, w
    return planned or "Asserted"
