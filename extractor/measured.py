"""What a figure measures, read off the dependency parse of its sentence.

Each heuristic is a named function with its own test rows (tests/test_context.py); `measured`
tries them in order. The phrase is a noun phrase of the sentence as written, without articles
or numbers: "4,400 kilometers of national highways" -> "national highways", "1,367
kindergartens" -> "kindergartens", "GDP per capita exceeded $14,000" -> "GDP per capita".
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

# Nouns that hold a measure rather than name the thing measured: "4,400 kilometers OF highways".
CONTAINERS = {
    "kilometer", "kilometre", "meter", "metre", "ton", "tonne", "unit", "pair", "percent", "%",
    "share", "number", "volume", "amount", "total", "level", "rate", "portion", "proportion",
    "part", "hectare", "barrel", "square", "cubic", "billion", "million", "trillion", "thousand",
    "tenge", "dollar", "kwh", "gw", "mw", "times", "fold", "increase", "growth", "rise",
    "decline", "decrease", "reduction", "drop", "value", "worth", "sum", "figure", "capacity",
    "output", "index", "indicator",
}
# Nouns that head a change and take what changes as "in"/"of": "a 1.8-fold increase in output".
CHANGE_NOUNS = {"increase", "growth", "rise", "decline", "decrease", "reduction", "drop", "jump",
                "fall", "gain", "expansion", "contraction"}
PRONOUNS = {"which", "that", "it", "this", "these", "they", "who", "those", "its", "what"}
SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}


DROP = {"relcl", "acl", "advcl", "appos", "det", "punct", "cc", "nummod", "quantmod", "predet", "case"}
KEEP_PREPS = {"of", "per", "in", "for"}


def noun_phrase(token: Token, skip: set[int]) -> str:
    """The phrase headed by a noun: its modifiers, itself, and its "of/per/in/for" complements.

    Articles, numbers, relative clauses and the figure's own tokens (``skip``) are left out.
    """
    words: list[Token] = []

    def visit(t: Token, top: bool) -> None:
        if t.i in skip or (not top and (t.dep_ in DROP and t.text != "-" or t.like_num)):
            return
        if not top and t.dep_ == "prep" and t.lower_ not in KEEP_PREPS:
            return
        words.append(t)
        for child in t.children:
            if child.dep_ in ("conj",) and top:
                continue  # "X and Y": the phrase of X only
            visit(child, False)

    visit(token, True)
    words.sort(key=lambda t: t.i)
    text = " ".join(t.text for t in words).replace(" - ", "-").replace(" ’s", "’s").replace(" 's", "'s")
    return text.strip(" ,;:-")


def _root_of(span: Span) -> Token:
    """The token of the figure's span whose head lies outside it."""
    for token in span:
        if token.head.i < span.start or token.head.i >= span.end or token.head == token:
            return token
    return span[-1]


def _resolve_pronoun(token: Token) -> Token | None:
    """'truck production, which increased ...' -> production; other pronouns give up."""
    if token.lower_ in ("which", "that", "who"):
        verb = token.head
        if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head
    return None


def _subject_of(verb: Token) -> Token | None:
    while True:
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
        if subjects:
            subject = subjects[0]
            if subject.lower_ in PRONOUNS:
                return _resolve_pronoun(subject)
            return subject
        # "... and the construction sector grew" shares nothing; "grew and reached" shares it
        if verb.dep_ in ("conj", "xcomp", "advcl", "ccomp") and verb.head.pos_ in ("VERB", "AUX"):
            verb = verb.head
            continue
        if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head
        return None


def counted_noun(span: Span, skip: set[int]) -> str | None:
    """A count's noun: '1,367 kindergartens', '12 pairs of trains', '180 investment projects'."""
    root = _root_of(span)
    head = root.head
    if root.dep_ in ("nummod", "quantmod", "compound", "amod", "npadvmod") and head.pos_ in ("NOUN", "PROPN"):
        return noun_phrase(head, skip)
    return None


def unit_complement(span: Span, skip: set[int]) -> str | None:
    """'4,400 kilometers of national highways' -> national highways."""
    for token in span:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objects = [c for c in child.children if c.dep_ == "pobj" and c.i not in skip]
                if objects:
                    return noun_phrase(objects[0], skip)
    root = _root_of(span)
    if root.head.lower_ == "of" and root.head.head.i not in skip and root.head.head.lemma_.lower() in CONTAINERS:
        return noun_phrase(root.head.head, skip)  # "the share of X" where X is the figure
    return None


def change_noun_object(span: Span, skip: set[int]) -> str | None:
    """'a 1.8-fold increase in gross agricultural output' -> gross agricultural output;
    'almost 6% growth' -> growth's owner when it has one, else the noun itself."""
    root = _root_of(span)
    head = root.head
    if head.lemma_.lower() in CHANGE_NOUNS and head.i not in skip:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "of"):
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return noun_phrase(objects[0], skip)
        return noun_phrase(head, skip)
    return None


def verb_subject(span: Span, skip: set[int]) -> str | None:
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
    subject = _subject_of(verb)
    if subject is None or subject.i in skip:
        return None
    return noun_phrase(subject, skip)


def object_complement(span: Span, skip: set[int]) -> str | None:
    """'attracted $130 billion in foreign direct investment' -> foreign direct investment."""
    root = _root_of(span)
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "for", "on") and child.i not in skip:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return noun_phrase(objects[0], skip)
    return None


HEURISTICS: tuple[Callable[[Span, set[int]], str | None], ...] = (
    unit_complement, counted_noun, change_noun_object, object_complement, verb_subject,
)


def measured(span: Span, count: bool) -> str:
    """The measured thing for the figure ``span`` (a Span of its parsed sentence), or ""."""
    skip = {t.i for t in span}
    order = HEURISTICS if count else (unit_complement, change_noun_object, object_complement,
                                      verb_subject, counted_noun)
    for heuristic in order:
        phrase = heuristic(span, skip)
        if phrase and any(ch.isalpha() for ch in phrase):
            return phrase
    return ""
