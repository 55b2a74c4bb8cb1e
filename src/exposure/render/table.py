"""``--format table``: text for people, per jurisdiction and party: the findings, then each track's combined
maximum, the measures, and what was not assessed.

The layout follows the terminal: a table of findings from 90 columns, a block per finding below that (down to 60
columns and narrower, without broken box drawing). Trails (``--explain``) and version histories (``--history``)
print full width under the finding they explain, never squeezed into a column. Everything that comes from a pack
or an incident reaches rich as :class:`rich.text.Text`, never as markup: a title such as ``[bold]`` or ``\\[`` is
shown as written (rich's markup escaping loses or doubles a backslash before ``[`` or at the end of a text).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from ..engine.fines import display as fine_display
from ..engine.results import Assessment, Finding, PartyResult, TrackResult
from ..model.durations import term_display
from ..model.rates import Conversion

if TYPE_CHECKING:
    from rich.console import Console

WIDE = 90  # from this width, findings are a table; below it, a block each


def shown(console: Console, text: Text) -> Text:
    """``text`` as ``console.print`` shows a markup string of the same spans: highlighted (numbers, quotes...) when
    the console highlights, the spans over the highlighting. For lines printed or padded, not for table cells."""
    out = console.render_str(text.plain, markup=False, emoji=False)
    out.copy_styles(text)
    return out


def print_text(console: Console, *parts: str | tuple[str, str] | Text) -> None:
    """One printed line of text and ``(text, style)`` parts: nothing in it is read as markup."""
    console.print(shown(console, Text.assemble(*parts)))


def one_line(text: Text) -> Text:
    """``text`` with its line breaks as spaces (the same length: the spans stay where they were)."""
    flat = Text(text.plain.replace("\n", " "), style=text.style)
    flat.copy_styles(text)
    return flat


def _status(f: Finding) -> Text:
    if f.status == "applies":
        return Text.assemble(("applies", "bold red"))
    lines = [f"if {n}: {str(v).lower()}?" for n, v in f.unknown_facts.items()]
    lines += [f"depends on question {q} ({'yes' if v else 'no'})" for q, v in f.questions.items()]
    return Text.assemble(("possible", "yellow"), *(("\n", ("\n".join(lines), "dim")) if lines else ()))


def _aggravations(f: Finding) -> Text:
    parts = list(f.aggravations) + [f"{a}?" for a in f.possible_aggravations]
    return Text("\n".join(parts) if parts else "—")


def _time_bar_line(bar, today=None) -> str:
    if bar.status == "date":
        if today is not None and bar.barred_after < today:
            return f"time-barred after {bar.barred_after.isoformat()} (already past on {today.isoformat()})"
        return f"time-barred after {bar.barred_after.isoformat()}"
    if bar.status == "none":
        return "no limitation period"
    if bar.status == "unknown":
        return f"time bar: {bar.explanation}"
    return ""


def _history_lines(a: Assessment, r: PartyResult, f: Finding) -> list[str]:
    from ..engine.law_in_time import version_history

    offence = a.pack_by_code[r.jurisdiction].offence_by_id[f.offence_id]
    lines = []
    for v in version_history(offence):
        span = f"{v['from']} → {v['to'] or 'now'}"
        applied = " ◀ applied" if v["from"] == f.version_from else ""
        lines.append(f"{span}: prison {v['prison'] or '—'}, fine {v['fine'] or '—'}{applied}")
    return lines


NOT_READ = ("not read (TODO)", "yellow")  # a figure the pack could not verify: unknown, never "none"


def _prison(f: Finding) -> Text:
    if f.maxima.prison is None and "prison" in f.unread:
        return Text.assemble(NOT_READ)
    text = Text(term_display(f.maxima.prison))
    if f.maxima.prison is not None and f.unverified_in("prison"):
        text.append(" †")
    if f.min_prison is not None:
        text.append("\n").append(f"(min {term_display(f.min_prison)})", "dim")
    return text


def _fine(f: Finding) -> Text:
    if f.maxima.fine is None and "fine" in f.unread:
        return Text.assemble(NOT_READ)
    text = Text(fine_display(f.maxima.fine) + (" †" if f.maxima.fine is not None and f.unverified_in("fine") else ""))
    if f.prison_or_fine and f.maxima.prison is not None and f.maxima.fine is not None:
        text = Text.assemble("or ", text, "\n", ("(not both)", "dim"))
    return text


def _offence_lines(a: Assessment | None, r: PartyResult, f: Finding) -> list[Text]:
    lines = [Text(f.title), Text.assemble((f.citation, "dim"))]
    if a is not None:
        bar = _time_bar_line(a.time_bar(r, f), a.as_of)
        if bar:
            lines.append(Text.assemble((bar, "dim")))
    if f.law_note:
        lines.append(Text.assemble((f.law_note, "cyan")))
    return lines


def _why(a: Assessment | None, r: PartyResult, f: Finding, explain: bool, history: bool) -> list[Text]:
    """The trail and the versions of one finding, one full-width line each."""
    lines = []
    if history and a is not None:
        lines += [Text.assemble((line, "dim")) for line in _history_lines(a, r, f)]
    if explain:
        lines += [Text.assemble((f"· {line}", "dim")) for line in f.trail]
    return lines


def _print_indented(console, text: Text, indent: int = 2) -> None:
    """A line that keeps its indent when it wraps."""
    from rich.padding import Padding

    console.print(Padding(shown(console, text), (0, 0, 0, indent)))


def _party_title(r: PartyResult, pack_name: str, a: Assessment | None = None) -> Text:
    name = party_name(a, r.party) if a is not None else ""
    named = f" «{name}»" if name else ""
    return Text.assemble((r.jurisdiction, "bold"), f" {pack_name} — party ", (r.party, "bold"), named)


def party_name(a: Assessment, party_id: str) -> str:
    """The name the incident gives a party (``name: the network``), or ""."""
    return next((p.name for p in a.incident.parties if p.id == party_id), "")


def party_table(r: PartyResult, pack_name: str, a: Assessment | None = None):
    """The findings of one party as a table (wide terminals)."""
    from rich.table import Table

    table = Table(
        title=Text.assemble(_party_title(r, pack_name, a), f" ({r.party_kind})", style="table.title"),
        title_justify="left",
        expand=True,
        show_lines=True,
    )
    longest = max((len(n) for f in r.findings for n in (*f.aggravations, *f.possible_aggravations)), default=1)
    table.add_column("Offence", min_width=30, ratio=1)
    table.add_column("Status", max_width=22, overflow="fold")  # fact names are identifiers: fold, never cut
    table.add_column("Aggravations", min_width=min(max(longest + 1, 12), 24), max_width=24)
    table.add_column("Max prison", no_wrap=True)
    table.add_column("Max fine", max_width=24)
    for f in r.findings:
        table.add_row(Text("\n").join(_offence_lines(a, r, f)), _status(f), _aggravations(f), _prison(f), _fine(f))
    return table


def _finding_block(console, a: Assessment | None, r: PartyResult, f: Finding) -> None:
    """One finding as lines (narrow terminals)."""
    print_text(console, (f.offence_id, "bold"), "  ", one_line(_status(f)))
    for line in _offence_lines(a, r, f):
        _print_indented(console, line)
    aggravations = ", ".join([*f.aggravations, *(f"{x}?" for x in f.possible_aggravations)])
    if aggravations:
        _print_indented(console, Text(f"aggravations: {aggravations}"))
    _print_indented(console, Text.assemble("max prison ", one_line(_prison(f)), "; max fine ", one_line(_fine(f))))


def maxima_text(m) -> str:
    if m is None:
        return "—"
    joiner = "or" if m.alternative else "and"
    if m.prison is not None and m.fine is not None:
        return f"prison {term_display(m.prison)} {joiner} fine {fine_display(m.fine)}"
    if m.prison is not None:
        return f"prison {term_display(m.prison)}"
    return f"fine {fine_display(m.fine)}" if m.fine is not None else "—"


def _facts_text(facts: dict) -> str:
    return ", ".join(f"{name}={str(value).lower()}" for name, value in facts.items())


def _track_lines(t: TrackResult, explain: bool) -> list[tuple[str, Text]]:
    """A track's combined maximum, worst case and rules, as (label, text) pairs."""
    label = t.kind.capitalize() if t.track == t.kind else f"{t.kind.capitalize()} ({t.track})"
    rows = [(label, Text.assemble((t.enforcer, "bold")))]
    line = Text(maxima_text(t.max))
    if t.upper_bound is not None and maxima_text(t.upper_bound) != maxima_text(t.max):
        line.append(" ").append(f"(up to {maxima_text(t.upper_bound)} if run consecutively)", "dim")
    elif t.upper_bound is not None:
        line.append(" ").append("(the sum of the maxima run consecutively)", "dim")
    if t.acts > 1:
        line.append(" ").append(f"({t.acts:,} acts)", "dim")
    rows.append(("  maximum", line))
    worst = Text(maxima_text(t.worst))
    if t.worst_facts or t.worst_readings:
        readings = [f"question {q}: {'yes' if v else 'no'}" for q, v in t.worst_readings.items()]
        deciding = ", ".join(filter(None, [_facts_text(t.worst_facts), *readings]))
        worst.append(" ").append(f"(if {deciding})", "dim")
    if t.worst_bounded and t.worst_limit is not None:
        worst.append(" ").append(f"(search bounded: at most {maxima_text(t.worst_limit)})", "dim")
    rows.append(("  worst case", worst))
    rows.append(("  combined by", Text.assemble((t.rule, "dim"))))
    if explain:
        rows += [("", Text.assemble((f"· {line}", "dim"))) for line in t.trail]
    rows += [("  note", Text.assemble((note, "dim"))) for note in t.notes]
    return rows


def _summary(r: PartyResult, explain: bool = False):
    """Each track's combined maximum, worst case and the rules used, the measures, then any notes: a grid."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    for t in r.tracks:
        for label, text in _track_lines(t, explain):
            grid.add_row(Text(f"  {label}"), text)
    for m in r.measures:
        status = () if m.status == "applies" else (" ", ("(possible)", "yellow"))
        grid.add_row("  Measure", Text.assemble(m.title, *status, " ", (f"— {m.citation}", "dim")))
    for note in r.notes:
        grid.add_row("  Note", Text.assemble((note, "dim")))
    if r.turnover is not None:
        grid.add_row("  Turnover", Text.assemble((turnover_text(r.turnover), "dim")))
    return grid


def turnover_text(conv: Conversion) -> str:
    """Why a fine shows a share of turnover in the pack's currency, and how it was converted: an estimate, since
    the regulator converts by its own rules (period, rate) that the packs do not encode."""
    rates = "; ".join(f"1 EUR = {r.value} {r.currency}" for r in conv.rates)
    days = sorted({r.day.isoformat() if r.day else "override" for r in conv.rates})
    source = next((r.source for r in conv.rates if r.day is not None), "the rates given")
    stale = " (rates more than a year older than the incident)" if conv.stale else ""
    return (
        f"{conv.original.display()} taken as {conv.converted.display()} at the {source} of {', '.join(days)} "
        f"({rates}){stale}: an estimate; the pack states its fines in {conv.converted.currency}, and the "
        "regulator converts by its own rules"
    )


def level_lines(packs) -> list[str]:
    """How each subdivision pack's exposure stands to its parent's (never one added figure): one line per parent,
    rule and authority, naming every subdivision it holds for (twelve US states under one federal rule are one
    line, not twelve)."""
    grouped: dict[tuple[str, str, str], list[str]] = {}
    for p in packs:
        if p.relation is not None:
            grouped.setdefault((p.parent, p.relation.rule, p.relation.evidence.source.cite), []).append(p.code)
    out = []
    for (parent, rule, cite), codes in grouped.items():
        how = {
            "separate": "separate prosecutions: both may punish the same conduct",
            "not_twice": "either may prosecute, but one act is not punished twice",
        }.get(rule, "how their penalties stand to each other was not read (TODO)")
        out.append(f"Levels: {', '.join(codes)} and {parent} — {how}; the figures are never added ({cite})")
    return out


def override_lines(packs) -> list[str]:
    """One line per pack that replaces a shipped one: a reader must know the figures are not the shipped law."""
    return [f"Replaced: {p.code} is read from {p.file}, not from the shipped {p.replaces}" for p in packs if p.replaces]


def coverage_lines(a: Assessment) -> list[str]:
    """One line per place not fully assessed (a reader must not take silence for no exposure)."""
    out = []
    for c in a.coverage:
        if c.status == "not_assessed":
            out.append(f"Not assessed: {c.place} — {c.why}")
        elif c.status == "assessed" and c.why:
            out.append(f"Assumed: {c.place} — {c.why}")
        elif c.status == "partly":
            out.append(f"Partly assessed: {c.place} — {c.why}")
    return out


def render(
    a: Assessment, console, *, explain: bool = False, history: bool = False, deciding: list[str] | None = None
) -> None:
    """The assessment as tables (or blocks, under 90 columns); ``deciding``: the "What would change this" lines,
    printed after the results and before the packs, the coverage and the notice."""
    names = {p.code: p.name.en for p in a.packs}
    inc = a.incident
    wide = console.width >= WIDE
    as_of = f" — law as known on {a.as_of.isoformat()}" if a.as_of and a.as_of != inc.date else ""
    print_text(console, (inc.title, "bold"), f" — {inc.date.isoformat()} — places: {', '.join(inc.places)}{as_of}")
    for note in inc.notes:
        print_text(console, ("note:", "yellow"), " ", (note, "dim"))
    if not a.results:
        console.print("[yellow]No rule pack applies to these places.[/] Shipped packs: see `exposure packs`.")
    for r in a.results:
        console.print()
        title = _party_title(r, names.get(r.jurisdiction, ""), a)
        if not r.findings:
            print_text(console, title, ": no offence found")
        elif wide:
            console.print(party_table(r, names.get(r.jurisdiction, ""), a))
            for f in r.findings:
                why = _why(a, r, f, explain, history)
                if why:
                    print_text(console, (f.offence_id, "bold"), f" — {f.citation}")
                    for text in why:
                        _print_indented(console, text)
        else:
            print_text(console, title, f" ({r.party_kind})")
            for f in r.findings:
                _finding_block(console, a, r, f)
                for text in _why(a, r, f, explain, history):
                    _print_indented(console, text, 4)
        console.print(_summary(r, explain))
    console.print()
    for line in deciding or ():
        indent = len(line) - len(line.lstrip(" "))
        if indent:
            _print_indented(console, Text(line.strip()), indent)
        else:
            print_text(console, (line, "bold"))
    if deciding:
        console.print()
    if any(f.unverified for r in a.results for f in r.findings):
        console.print(
            "[dim]† a figure of this finding rests on a secondary source: the statutory text was not read "
            "(see the pack's notes)[/]"
        )
    receipt = ", ".join(f"{p.code} (checked {p.checked.isoformat()})" for p in a.packs)
    if receipt:
        print_text(console, (f"Packs: {receipt}", "dim"))
    for line in level_lines(a.packs):
        print_text(console, (line, "dim"))
    for line in override_lines(a.packs):
        print_text(console, (line, "yellow"))
    for line in coverage_lines(a):
        print_text(console, (line, "yellow"))
    for caution in a.cautions:
        print_text(console, ("Caution:", "yellow"), f" {caution}")
    print_text(console, (a.notice, "dim"))
