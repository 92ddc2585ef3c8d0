"""What a figure measures, read off the dependency parse of its sentence.

Each heuristic is a named function with its own test rows (tests/test_context.py); `measured`
tries them in order. The phrase is a noun phrase of the sentence as written, without articles
or numbers: "4,400 kilometers of national highways" -> "national highways", "1,367
kindergartens" -> "kindergartens", "GDP per capita exceeded $14,000" -> "GDP per capita".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path

from spacy.tokens import Span, Token

from ..errors import RuleError
from ..ruleset.loader import LINE_KEY, Field, Schema, default_rules_dir, rule_entries
from ..ruleset.ruleset import RuleSet, compiled_per_ruleset

SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}  # dependency labels, not words

LISTS = Schema("lists", {"id": Field((str,), True), "words": Field((list,), True, list_of=(str,)),
                         "example": Field((str,), True)})


@dataclass(frozen=True)
class MeasuredWords:
    """The word lists of rules/measured.yaml (see its header for what each one is for)."""

    containers: frozenset[str]
    change_nouns: frozenset[str]
    pointers: frozenset[str]
    transparent: frozenset[str]
    time_nouns: frozenset[str]
    agents: frozenset[str]
    label_breaks: frozenset[str]
    scope_words: frozenset[str]
    leading_words: frozenset[str]

    @functools.cached_property
    def label_start(self) -> re.Pattern:
        """Where a list item's label begins: after punctuation, a spaced dash or a label break."""
        words = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(self.label_breaks, key=len, reverse=True))
        return re.compile(rf"[,;:()–—]|\s-\s|\b(?:{words})\b", re.IGNORECASE)

    @functools.cached_property
    def scope_start(self) -> re.Pattern:
        return re.compile(rf"^(?:{'|'.join(map(re.escape, sorted(self.scope_words)))})\b", re.IGNORECASE)

    @functools.cached_property
    def leading(self) -> re.Pattern:
        return re.compile(rf"^(?:(?:{'|'.join(map(re.escape, sorted(self.leading_words)))})\s+)+", re.IGNORECASE)


@compiled_per_ruleset
def word_lists(ruleset: RuleSet) -> MeasuredWords:
    entries = {e["id"]: e for e in rule_entries("measured.yaml", LISTS, ruleset)}
    names = [f.name for f in fields(MeasuredWords)]
    missing = [n for n in names if n not in entries]
    unknown = [i for i in entries if i not in names]
    if missing or unknown:
        path = Path(ruleset or default_rules_dir()) / "measured.yaml"
        raise RuleError(path, None, f"lists must be exactly {', '.join(names)}"
                        + (f"; missing {', '.join(missing)}" if missing else "")
                        + (f"; unknown {', '.join(unknown)}" if unknown else ""))
    path = Path(ruleset) / "measured.yaml"
    for name in names:  # an example must show its list at work: one of its words, inflected or not
        e = entries[name]
        if not any(re.search(rf"(?<!\w){re.escape(w)}", e["example"], re.IGNORECASE) for w in e["words"]):
            raise RuleError(path, e[LINE_KEY], f"list {name!r}: its example {e['example']!r} holds none "
                            "of its words; give a phrase the list is for")
    return MeasuredWords(**{n: frozenset(w.lower() for w in entries[n]["words"]) for n in names})


DROP = {"relcl", "acl", "advcl", "appos", "det", "punct", "cc", "nummod", "quantmod", "predet",
        "advmod", "npadvmod", "mark"}
KEEP_PREPS = {"of", "per", "in", "for", "with", "between"}  # "trade turnover with Kazakhstan"

def _of_object(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj" and not c.like_num]
            if objects:
                return objects[0]
    return None


def _change_object(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "of"):
            objects = [c for c in child.children if c.dep_ == "pobj" and not c.like_num]
            if objects:
                return objects[0]
    return None


def noun_phrase(token: Token, skip: set[int], w: MeasuredWords) -> str:
    """The phrase headed by a noun: its modifiers, itself, and its "of/per/in/for" complements.

    Articles, numbers, verbs, relative clauses and the figure's own tokens (``skip``) are left
    out; a quantifying head ("the number of X") gives way to X.
    """
    while True:
        if token.lemma_.lower() in w.transparent and _of_object(token) is not None:
            token = _of_object(token)  # "the number of sports schools" -> sports schools
        elif token.lemma_.lower() in w.change_nouns and _change_object(token) is not None:
            token = _change_object(token)  # "an increase in gross agricultural output"
        else:
            break
    if token.lower_ in w.pointers:
        return ""
    words: list[Token] = []

    def visit(t: Token, top: bool, parent: Token | None = None) -> None:
        inner_and = t.dep_ == "cc" and parent is not None and parent.i != token.i \
            and any(c.dep_ == "conj" for c in parent.children)  # "oil and gas sector" keeps its "and"
        if t.i in skip or (not top and (t.dep_ in DROP and t.text != "-" and not inner_and or t.like_num)):
            return
        if t.dep_ == "poss" and t.pos_ == "PRON":
            return  # "its oil production": the pronoun names no part of the thing
        if not top and t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound"):
            return
        if parent is not None and t.dep_ in ("amod", "compound") and t.i > parent.i:
            return  # a modifier after its head ("projects worth ...") says something else
        if not top and t.dep_ == "prep":
            objects = [c for c in t.children if c.dep_ == "pobj" and not c.like_num and c.i not in skip]
            if t.lower_ not in KEEP_PREPS or not objects:
                return
        words.append(t)
        for child in t.children:
            if child.dep_ == "conj" and top:
                continue  # "X and Y": the phrase of X only
            visit(child, False, t)

    visit(token, True)
    words.sort(key=lambda t: t.i)
    # possessive endings and hyphens join their neighbours as written: "doctors' salaries"
    text = "".join((t.text if i == 0 or t.dep_ == "case" or t.text == "-" or words[i - 1].text == "-"
                    else " " + t.text) for i, t in enumerate(words))
    return text.strip(" ,;:-")


def _root_of(span: Span) -> Token:
    """The token of the figure's span whose head lies outside it (the last, when several do:
    in "every second film" both words hang on "film", and "second" carries the figure)."""
    outside = [t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head == t]
    return outside[-1] if outside else span[-1]


def _resolve_pronoun(token: Token) -> Token | None:
    """'truck production, which increased ...' -> production; other pronouns give up."""
    if token.lower_ in ("which", "that", "who"):
        verb = token.head
        if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head
    return None


def _subject_of(verb: Token, w: MeasuredWords) -> Token | None:
    while True:
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
        if subjects:
            subject = min(subjects, key=lambda s: abs(verb.i - s.i))  # the nearest, if misparsed
            if subject.lower_ in w.pointers:
                return _resolve_pronoun(subject)
            return subject
        # "... and the construction sector grew" shares nothing; "grew and reached" shares it
        if verb.dep_ in ("conj", "xcomp", "advcl", "ccomp") and verb.head.pos_ in ("VERB", "AUX"):
            verb = verb.head
            continue
        if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head  # "the majority of voters, totaling 71.12%"
        # a misparse hangs the subject on a clause before the verb ("the share of citizens
        # regularly engaged in sports has risen": share becomes the subject of "engaged")
        for clause in verb.children:
            if clause.dep_ in ("advcl", "ccomp", "csubj") and clause.i < verb.i:
                inner = [c for c in clause.children if c.dep_ in SUBJECTS and c.lower_ not in w.pointers]
                if inner:
                    return inner[0]
        return _subject_before(verb)


def _subject_before(verb: Token) -> Token | None:
    """When the parse gives a verb no subject ("As a result of these measures, savings of
    budget funds ... amounted to $1.5 billion": savings parsed as a conjunct of measures), the
    first noun between the last comma before the verb and the verb that is not inside a
    prepositional phrase stands in for it."""
    start = verb.sent.start
    for token in reversed(verb.doc[start:verb.i]):
        if token.text in (",", ";", ":"):
            start = token.i + 1
            break
    for token in verb.doc[start:verb.i]:
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("conj", "appos", "nsubj", "nsubjpass", "ROOT", "dep"):
            return token
    return None


def counted_noun(span: Span, skip: set[int], w: MeasuredWords) -> str | None:
    """A count's noun: '1,367 kindergartens', '12 pairs of trains', '180 investment projects'."""
    root = _root_of(span)
    head = root.head
    if root.dep_ in ("nummod", "quantmod", "compound", "amod", "npadvmod") and head.pos_ in ("NOUN", "PROPN") \
            and (head.lemma_.lower() not in w.containers or _of_object(head) is not None):
        if head.dep_ == "appos" and head.head.pos_ in ("NOUN", "PROPN") and head.head.i not in skip:
            return noun_phrase(head.head, skip, w)  # "a record number of schools - 1,200 institutions"
        return noun_phrase(head, skip, w)
    return None


def unit_complement(span: Span, skip: set[int], w: MeasuredWords) -> str | None:
    """'4,400 kilometers of national highways' -> national highways."""
    for token in span:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objects = [c for c in child.children if c.dep_ == "pobj" and c.i not in skip]
                if objects:
                    return noun_phrase(objects[0], skip, w)
    root = _root_of(span)
    owner = root.head.head
    if root.head.lower_ == "of" and owner.i not in skip and owner.pos_ in ("NOUN", "PROPN") \
            and owner.lemma_.lower() not in w.transparent:
        return noun_phrase(owner, skip, w)  # "a one-time payment of 8.5 million tenge"
    return None


def change_noun_object(span: Span, skip: set[int], w: MeasuredWords) -> str | None:
    """'a 1.8-fold increase in gross agricultural output' -> gross agricultural output;
    'almost 6% growth' -> growth's owner when it has one, else the noun itself."""
    root = _root_of(span)
    head = root.head
    if head.pos_ == "NOUN" and head.lemma_.lower() in w.change_nouns and head.i not in skip:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "of"):
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return noun_phrase(objects[0], skip, w)
        return noun_phrase(head, skip, w)
    return None


def verb_subject(span: Span, skip: set[int], w: MeasuredWords) -> str | None:
    """'GDP reached $288 billion' -> GDP; 'output increased by 31.4%' -> output;
    'production ... has tripled' (the figure is the verb) -> production."""
    token = _root_of(span)
    if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod",):
        verb = token
    else:
        verb = token.head
        while verb.pos_ not in ("VERB", "AUX") and verb.dep_ in ("prep", "pobj", "dobj", "attr",
                                                                 "npadvmod", "advmod", "nummod",
                                                                 "quantmod", "appos", "conj", "acomp"):
            if verb.head == verb:
                break
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX"):
            return None
    subject = _subject_of(verb, w)
    if subject is None or subject.i in skip:
        return None
    if is_agent(subject, w):  # "Kazakhstan plans to boost its production": the production
        acted_on = _object_of(verb, skip)
        return noun_phrase(acted_on, skip, w) if acted_on is not None else None
    return noun_phrase(subject, skip, w)


def change_scope(span: Span, skip: set[int], w: MeasuredWords) -> str | None:
    """Where a change happened, when the change itself is the subject: 'Growth was noted in the
    production of the chemical industry by 25.3 percent' -> production of the chemical
    industry; 'there was a decrease by 2.8 percent in the oil and gas sector' -> oil and gas
    sector. The "in" phrase hangs on the verb, the change noun or the figure itself."""
    verb = _root_of(span)
    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    if not subjects:
        return None
    change = subjects[0]
    if change.dep_ == "expl":  # "there was a decrease ...": the change is the verb's attribute
        change = next((c for c in verb.children if c.dep_ in ("attr", "dobj")), change)
    if change.lemma_.lower() not in w.change_nouns or _change_object(change) is not None:
        return None  # no change as subject, or it names its own thing ("an increase in X")
    holders = [verb, change] + [t for t in span]
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ == "in" and child.i not in skip:
                objects = [c for c in child.children if c.dep_ == "pobj" and c.i not in skip
                           and c.lemma_.lower() not in w.time_nouns and not c.like_num]
                if objects:
                    return noun_phrase(objects[0], skip, w)
    return None


AGENT_ENTITIES = {"GPE", "ORG", "PERSON", "NORP"}


def is_agent(token: Token, w: MeasuredWords) -> bool:
    """A subject that acts rather than gets measured: "the government", "the company", or a
    country, organisation or person the model names ("Kazakhstan plans to ...")."""
    return token.lemma_.lower() in w.agents or (token.pos_ == "PROPN" and token.ent_type_ in AGENT_ENTITIES)


def _object_of(verb: Token, skip: set[int]) -> Token | None:
    """The noun a verb (or the verb it governs: "plans to boost") acts on, not the figure."""
    for v in [verb] + [c for c in verb.children if c.dep_ == "xcomp"]:
        objects = [c for c in v.children if c.dep_ == "dobj" and c.i not in skip and c.pos_ in ("NOUN", "PROPN")]
        if objects:
            return objects[0]
    return None


def gapped_noun(span: Span, skip: set[int], w: MeasuredWords) -> str | None:
    """'mortality has decreased by 7.8%, maternal mortality by 26.3%' -> maternal mortality:
    with the verb left out, "by" hangs on the noun that changed."""
    root = _root_of(span)
    owner = root.head.head
    if root.dep_ == "pobj" and root.head.lower_ == "by" and owner.pos_ in ("NOUN", "PROPN") \
            and owner.i not in skip and owner.lemma_.lower() not in w.change_nouns:
        return noun_phrase(owner, skip, w)
    return None


def changed_object(span: Span, skip: set[int], w: MeasuredWords) -> str | None:
    """What a verb changes, when the figure says by how much or to what: 'reduce accidents by
    20%' -> accidents; 'raise the gasification level to 62%' -> gasification level; 'reducing
    waiting lists fivefold' -> waiting lists."""
    root = _root_of(span)
    if root.head.lower_ in ("by", "to") and root.dep_ == "pobj":
        verb = root.head.head
    elif root.dep_ in ("advmod", "npadvmod"):
        verb = root.head
    else:
        return None
    if verb.pos_ != "VERB":
        return None
    # the object comes before the amount it changes by; one after it is a misparsed list item
    # ("prices increased by 6.5 percent, ..., non-food goods by 4.9 percent")
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i not in skip and c.i < span.start]
    return noun_phrase(objects[0], skip, w) if objects else None


def partitive(span: Span, skip: set[int], w: MeasuredWords) -> str | None:
    """'645 out of 655 planned facilities' -> planned facilities; 'Out of 6,256 villages, 5,523
    ...' -> villages: a bare count takes the noun of its "(out) of" phrase. Read off the words
    next to the figure as well as the parse, which often hangs "out of" on the verb."""
    root = _root_of(span)
    if root.pos_ != "NUM":
        return None
    doc = span.doc
    after = doc[span.end:span.end + 2]
    if len(after) and (after[0].lower_ == "of" or after[0].lower_ == "out" and len(after) > 1
                       and after[1].lower_ == "of"):
        for token in doc[span.end:min(len(doc), span.end + 10)]:
            if token.dep_ == "pobj" and token.pos_ in ("NOUN", "PROPN") and token.i not in skip:
                return noun_phrase(token, skip, w)
    for token in list(root.children) + [root.head]:
        if token.dep_ == "prep" and token.lower_ in ("of", "out"):
            inner = [c for c in token.subtree if c.dep_ == "pobj" and c.i not in skip and c.pos_ in ("NOUN", "PROPN")]
            if inner:
                return noun_phrase(inner[0], skip, w)
    return None


def object_complement(span: Span, skip: set[int], w: MeasuredWords) -> str | None:
    """'attracted $130 billion in foreign direct investment' -> foreign direct investment.
    Only for amounts: a verb's "in five years" says when, not what."""
    root = _root_of(span)
    if root.pos_ in ("VERB", "AUX"):
        return None
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "for", "on") and child.i not in skip:
            objects = [c for c in child.children if c.dep_ == "pobj" and c.lemma_.lower() not in w.time_nouns]
            if objects:
                return noun_phrase(objects[0], skip, w)
    return None


HEURISTICS: tuple[Callable[[Span, set[int], MeasuredWords], str | None], ...] = (
    unit_complement, counted_noun, partitive, gapped_noun, change_noun_object, changed_object,
    object_complement, change_scope, verb_subject,
)
# A percentage is a part of a whole: "the share of X will account for 10% of world GDP"
# measures the share of X, so the subject comes before the "of" complement.
PERCENT_HEURISTICS = (gapped_noun, change_noun_object, changed_object, change_scope, verb_subject,
                      unit_complement, counted_noun)
AMOUNT_HEURISTICS = (unit_complement, gapped_noun, change_noun_object, changed_object, object_complement,
                     change_scope, verb_subject, counted_noun)


def governing_words(span: Span) -> str:
    """The verb group a figure hangs on, with its auxiliaries and open complements: "were
    commissioned", "has instructed the modernization", "tasked to renovate". Indicators use it
    to tell "schools built" from "schools modernized" when the noun is the same."""
    token = _root_of(span)
    verb = token if token.pos_ in ("VERB", "AUX") else None
    for ancestor in token.ancestors:
        if verb is None and ancestor.pos_ in ("VERB", "AUX"):
            verb = ancestor
            break
    if verb is None:
        return ""
    words = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg", "prt")] + [verb]
    for child in verb.children:
        if child.dep_ in ("xcomp", "dobj", "ccomp") and child.i not in {t.i for t in span}:
            words.append(child)
            words += [c for c in child.children if c.dep_ in ("aux", "prt")]
    words.sort(key=lambda t: t.i)
    return " ".join(t.text for t in words)


@compiled_per_ruleset
def unit_words(ruleset: RuleSet) -> frozenset[str]:
    """Every word of every unit and currency spelling of the rules ("U.S. dollars" gives "u.s."
    and "dollars"), lower-cased: a phrase of only these names how a figure is counted, not what."""
    from ..extraction.lexicon import load_lexicon  # the spellings live with the other extraction rules

    lexicon = load_lexicon(ruleset)
    spellings = [s.text for s in lexicon.suffixes if not s.time] + list(lexicon.prefixes)
    return frozenset(word.strip(",.;:'’") for text in spellings for word in text.lower().split())


def names_nothing(phrase: str, w: MeasuredWords, units: frozenset[str]) -> bool:
    """Whether a phrase is only unit, currency or time words ("U.S. dollars", "tenge", "months
    of year"): the figure's own unit or a date taken for the thing measured.

    >>> w = MeasuredWords(*[frozenset()] * 4, frozenset({"month", "year"}), *[frozenset()] * 4)
    >>> [names_nothing(p, w, frozenset({"u.s", "dollars"})) for p in ["U.S. dollars", "months of year", "exports"]]
    [True, True, False]
    """
    words = [word.strip(",.;:'’") for word in phrase.lower().split()]
    content = [word for word in words if word not in ("of", "the", "a", "an", "and", "in")]
    return bool(content) and all(word in units or word in w.time_nouns or word.rstrip("s") in w.time_nouns
                                 for word in content)


def measured(span: Span, count: bool, percent: bool = False, ruleset: Path | None = None) -> str:
    """The measured thing for the figure ``span`` (a Span of its parsed sentence), or "": the
    first phrase a heuristic finds that names something besides units and times."""
    skip = {t.i for t in span}
    w = word_lists(ruleset)
    units = unit_words(ruleset)
    order = HEURISTICS if count else PERCENT_HEURISTICS if percent else AMOUNT_HEURISTICS
    for heuristic in order:
        phrase = heuristic(span, skip, w)
        if phrase and any(ch.isalpha() for ch in phrase) and not names_nothing(phrase, w, units):
            return phrase
    return ""
