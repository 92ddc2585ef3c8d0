"""Currencies of the world as written around a number, and the reading of the ambiguous ones.

CLDR (through babel) knows every ISO 4217 currency: its English names, singular and plural
("US dollar", "US dollars"), its English symbol ("$", "CA$", "£", "₹") and which territories use
it today. ``rules/currencies.yaml`` is the news layer on top (its header documents the fields):
the symbols and spellings news writes ("C$", "RM", "₸", "Kazakh tenge"), the subunits ("cents",
"pence"), the spellings several currencies share ("$", "¥", "kr", "pounds", "francs") and the
CLDR spellings news uses for something else ("real", "ALL").

An ambiguous spelling is read from the text around it (:meth:`Ambiguity.resolve`): the story's
main country -- the country its text names most -- decides when it uses one of the candidates
("$" in a story about Canada is CAD); a story about another country reads the default ("$" in a
Kazakh story is USD), or for some spellings the candidate whose country it names most ("¥" in a
story that names China is CNY).

>>> a = Ambiguity("dollar", ("USD", "CAD"), "USD")
>>> index = CountryIndex.build({"CA": ("Canadian",)})
>>> a.resolve("Canada's Cameco said on Monday. Canadian dollars are", False, index)
('CAD', 'context:CA')
>>> a.resolve("Kazakhstan and Canada signed deals; Kazakhstan will", False, index)
('USD', 'default')
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


@dataclass(frozen=True)
class Ambiguity:
    """A currency spelling several currencies share, and how its text decides between them."""

    id: str
    means: tuple[str, ...]
    default: str
    elsewhere: str = "default"  # "default" | "mentioned": a story about a country using none of means
    unit: str | None = None  # a measure the spelling is when no money is meant ("pounds": lb)
    money_cues: tuple[str, ...] = ()  # text that makes it money ("£", "sterling")

    def resolve(self, text: str, scaled: bool, countries: CountryIndex) -> tuple[str, str]:
        """(the unit the spelling stands for in ``text``, why): ``scaled`` says the amount has a
        scale word, which makes a spelling that is also a measure money ("361 million pounds")."""
        if self.unit is not None and not scaled and not any(cue in text for cue in self.money_cues):
            return self.unit, "measure"
        mentions = countries.mentions(text)
        main = _main(mentions)
        if main is not None:
            for code in countries.currencies_of(main):
                if code in self.means:
                    return code, f"context:{main}"
        if self.elsewhere == "mentioned":
            named = Counter()
            for territory, n in mentions.items():
                for code in countries.currencies_of(territory):
                    if code in self.means:
                        named[code] += n
            best = _main(named)
            if best is not None:
                return best, "mentioned"
        return self.default, "default"


def _main(counts: Mapping[str, int]) -> str | None:
    """The key counted most, if no other is counted as often."""
    ranked = Counter(counts).most_common(2)
    if not ranked or ranked[0][1] == 0 or len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    return ranked[0][0]


@dataclass(frozen=True)
class CountryIndex:
    """The country names of CLDR and the news layer's words for countries, as one pattern, and
    the currencies each country uses today."""

    pattern: re.Pattern
    territory_of: Mapping[str, str]  # name or word -> ISO 3166 code
    currencies: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, words: Mapping[str, Iterable[str]], names: Mapping[str, str] | None = None,
              currencies: Mapping[str, tuple[str, ...]] | None = None) -> CountryIndex:
        """``words``: country code -> extra words; ``names``: code -> English name (default
        CLDR's); ``currencies``: code -> currencies in use (default CLDR's)."""
        names = cldr_countries() if names is None else names
        territory_of = {name: code for code, name in names.items()}
        for code, extra in words.items():
            territory_of.update({w: code for w in extra})
        ordered = sorted(territory_of, key=len, reverse=True)
        pattern = re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)") if ordered \
            else re.compile(r"(?!x)x")
        return cls(pattern, MappingProxyType(territory_of),
                   MappingProxyType(dict(currencies if currencies is not None else territory_currencies())))

    def mentions(self, text: str) -> Counter:
        """How often ``text`` names each country."""
        return Counter(self.territory_of[m.group()] for m in self.pattern.finditer(text))

    def currencies_of(self, territory: str) -> tuple[str, ...]:
        found = self.currencies.get(territory)
        if found is None:
            from babel.numbers import get_territory_currencies

            found = tuple(get_territory_currencies(territory, tender=True))
        return found


# ---- CLDR ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CldrCurrency:
    """What CLDR says of one ISO 4217 currency, in English."""

    code: str
    name: str  # "US Dollar"
    singular: str  # "US dollar"
    plural: str  # "US dollars"
    symbol: str  # "$", or the code when English has no symbol
    current: bool  # legal tender somewhere today


@functools.cache
def cldr_currencies() -> tuple[CldrCurrency, ...]:
    """Every currency CLDR names in English, current or historic.

    >>> by_code = {c.code: c for c in cldr_currencies()}
    >>> by_code["ILS"].plural, by_code["CAD"].symbol, by_code["FIM"].current
    ('Israeli new shekels', 'CA$', False)
    """
    from babel import Locale
    from babel.numbers import get_currency_name, get_currency_symbol

    current = {code for codes in territory_currencies().values() for code in codes}
    out = []
    for code, name in sorted(Locale("en").currencies.items()):
        if not re.fullmatch(r"[A-Z]{3}", code) or code == "XXX":
            continue
        out.append(CldrCurrency(code, name, get_currency_name(code, 1, "en"), get_currency_name(code, 2, "en"),
                                get_currency_symbol(code, "en"), code in current))
    return tuple(out)


@functools.cache
def territory_currencies() -> Mapping[str, tuple[str, ...]]:
    """ISO 3166 country code -> the currencies that are legal tender there today (CLDR)."""
    from babel.core import get_global
    from babel.numbers import get_territory_currencies

    return MappingProxyType({t: tuple(get_territory_currencies(t, tender=True))
                             for t in get_global("territory_currencies") if re.fullmatch(r"[A-Z]{2}", t)})


@functools.cache
def cldr_countries() -> Mapping[str, str]:
    """ISO 3166 code -> English name as news writes it ("Hong Kong", not "Hong Kong SAR China";
    "Myanmar", not "Myanmar (Burma)")."""
    from babel import Locale

    out = {}
    for code, name in Locale("en").territories.items():
        if re.fullmatch(r"[A-Z]{2}", code) and code not in ("EU", "EZ", "UN", "ZZ", "QO"):
            out[code] = re.sub(r"\s*\(.*\)$|\s+SAR China$|\s+-\s+.*$", "", name)
    return MappingProxyType(out)


@dataclass(frozen=True)
class Spelling:
    """One way a currency is written: before the number (a prefix) or after it (a suffix)."""

    text: str
    code: str
    prefix: bool
    symbol: bool  # matched as written (codes and signs); a word is matched in any case


def cldr_spellings(never: Iterable[str] = ()) -> list[Spelling]:
    """The spellings CLDR gives every currency: its code before and after the number, its
    English symbol, its English names, and for a current currency the noun of its name when no
    other current currency shares it ("ringgit", "shekels"); less ``never``.

    >>> found = {(s.text, s.prefix): s.code for s in cldr_spellings()}
    >>> found[("MYR", True)], found[("ringgit", False)], found[("Israeli new shekels", False)]
    ('MYR', 'MYR', 'ILS')
    >>> ("dollars", False) in found  # twenty currencies are dollars: rules/currencies.yaml decides
    False
    """
    blocked = set(never)
    blocked_words = {w.lower() for w in blocked}
    currencies = cldr_currencies()
    nouns = Counter(c.singular.split()[-1].lower() for c in currencies if c.current)
    out: list[Spelling] = []
    for c in currencies:
        if c.code not in blocked:
            out += [Spelling(c.code, c.code, True, True), Spelling(c.code, c.code, False, True)]
        if c.symbol != c.code and c.symbol not in blocked and not re.fullmatch(r"[A-Za-z]+\.?", c.symbol):
            out.append(Spelling(c.symbol, c.code, True, True))
            if not re.search(r"[A-Za-z]", c.symbol):
                out.append(Spelling(c.symbol, c.code, False, True))
        words = {c.singular, c.plural}
        if c.current and nouns[c.singular.split()[-1].lower()] == 1:
            words |= {c.singular.split()[-1], c.plural.split()[-1]}
        out += [Spelling(w, c.code, False, False) for w in sorted(words) if w.lower() not in blocked_words]
    return out
