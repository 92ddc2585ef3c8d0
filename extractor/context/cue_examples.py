"""Every context cue's example is checked where the cue looks, once per rules version.

A cue of rules/context.yaml reads one piece of text around a figure (the text before it, right
after it, its clause, the gap from the figure before it, or a period's own words). Its example
must show it at work there: for some figure (or period) of the example, the cue matches the
piece the context stage would give it. Checked the first time the context stage uses a rules
version, and a cue that misses its example is a RuleError naming context.yaml and the line,
because a cue that cannot fire on its own example is a typo that silently disables it.
"""

from __future__ import annotations

from ..errors import RuleError
from ..extraction.figures import find_figures
from ..ruleset.context_rules import ContextRules, Cue, context_rules
from ..ruleset.ruleset import RuleSet, compiled_per_ruleset
from .periods import find_periods
from .relations import clause_of, strip_qualifier

EXAMPLE_YEAR = 2024  # examples are resolved against a fixed year: only their shape matters


def shows_itself(cue: Cue, rules: ContextRules, ruleset: RuleSet) -> bool:
    """Whether ``cue`` matches its own example where it looks."""
    example = cue.example
    if cue.role == "clause_break" or cue.where == "measured":  # a measured cue's example is a phrase
        return bool(cue.pattern.search(example))
    if cue.where == "between":
        figures = find_figures(example, ruleset)
        gaps = [strip_qualifier(example[a.end:b.start], ruleset) for a, b in zip(figures, figures[1:])]
        return any(cue.pattern.match(gap) for gap in gaps)
    if cue.role == "partner":  # it reads the text before a country's name
        return any(cue.pattern.search(example[:m.start()]) for _, _, pattern in rules.places_in(example)
                   for m in pattern.finditer(example))
    if cue.role == "compare":  # it reads the text before a period, or the period's own words
        periods = find_periods(example, EXAMPLE_YEAR, ruleset)
        return any(cue.pattern.search(example[:p.start]) if cue.where == "before" else cue.pattern.match(p.text)
                   for p in periods)
    for fig in find_figures(example, ruleset):
        cs, ce = clause_of(example, fig.start, fig.end, rules)
        text = {"before": strip_qualifier(example[:fig.start], ruleset), "after": example[fig.end:ce],
                "clause": example[cs:ce]}[cue.where]
        if cue.pattern.match(text) if cue.where == "after" else cue.pattern.search(text):
            return True
    return False


@compiled_per_ruleset
def checked_context_rules(ruleset: RuleSet) -> ContextRules:
    """The context rules of ``ruleset``, every cue's example checked (once per rules version)."""
    rules = context_rules(ruleset)
    for cue in rules.cues:
        if not shows_itself(cue, rules, ruleset):
            raise RuleError(ruleset / "context.yaml", cue.line,
                            f"entry {cue.id!r} ({cue.role}, where: {cue.where}) does not match its own example "
                            f"{cue.example!r} where it looks; fix the pattern or the example")
    return rules
