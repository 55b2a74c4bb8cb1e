"""``--format table``: text for people, per jurisdiction and party: the findings, then each track's combined
maximum, the measures, and what was not assessed.

The layout follows the terminal: a table of findings from 90 columns, a block per finding below that (down to 60
columns and narrower, without broken box drawing). Trails (``--explain``) and version histories (``--history``)
print full width under the finding they explain, never squeezed into a column. Everything that comes from a pack
or an incident is escaped: a title such as ``[bold]`` is text, not markup.
"""

from __future__ import annotations

from rich.markup import escape

from ..engine.fines import display as fine_display
from ..engine.results import Assessment, Finding, PartyResult, TrackResult
from ..model.durations import term_display
from ..model.rates import Conversion

WIDE = 90  # from this width, findings are a table; below it, a block each


def _status(f: Finding) -> str:
    if f.status == "applies":
        return "[bold red]applies[/]"
    lines = [f"if {n}: {str(v).lower()}?" for n, v in f.unknown_facts.items()]
    lines += [f"depends on question {q} ({'yes' if v else 'no'})" for q, v in f.questions.items()]
    return "[yellow]possible[/]" + (f"\n[dim]{escape(chr(10).join(lines))}[/]" if lines else "")


def _aggravations(f: Finding) -> str:
    parts = list(f.aggravations) + [f"{a}?" for a in f.possible_aggravations]
    return escape("\n".join(parts)) if parts else "—"


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

    pack = next(p for p in a.packs if p.code == r.jurisdiction)
    offence = next(o for o in pack.offences if o.id == f.offence_id)
    lines = []
    for v in version_history(offence):
        span = f"{v['from']} → {v['to'] or 'now'}"
        applied = " ◀ applied" if v["from"] == f.version_from else ""
        lines.append(f"{span}: prison {v['prison'] or '—'}, fine {v['fine'] or '—'}{applied}")
    return lines


NOT_READ = "[yellow]not read (TODO)[/]"  # a figure the pack could not verify: unknown, never "none"


def _prison(f: Finding) -> str:
    if f.maxima.prison is None and "prison" in f.unread:
        return NOT_READ
    text = term_display(f.maxima.prison)
    if f.maxima.prison is not None and f.unverified_in("prison"):
        text += " †"
    if f.min_prison is not None:
        text += f"\n[dim](min {term_display(f.min_prison)})[/]"
    return text


def _fine(f: Finding) -> str:
    if f.maxima.fine is None and "fine" in f.unread:
        return NOT_READ
    text = escape(fine_display(f.maxima.fine)) + (" †" if f.maxima.fine is not None and f.unverified_in("fine") else "")
    if f.prison_or_fine and f.maxima.prison is not None and f.maxima.fine is not None:
        text = f"or {text}\n[dim](not both)[/]"
    return text


def _offence_lines(a: Assessment | None, r: PartyResult, f: Finding) -> list[str]:
    lines = [f"{escape(f.title)}", f"[dim]{escape(f.citation)}[/]"]
    if a is not None:
        bar = _time_bar_line(a.time_bar(r, f), a.as_of)
        if bar:
            lines.append(f"[dim]{escape(bar)}[/]")
    if f.law_note:
        lines.append(f"[cyan]{escape(f.law_note)}[/]")
    return lines


def _why(a: Assessment | None, r: PartyResult, f: Finding, explain: bool, history: bool) -> list[str]:
    """The trail and the versions of one finding, one full-width line each."""
    lines = []
    if history and a is not None:
        lines += [f"[dim]{escape(line)}[/]" for line in _history_lines(a, r, f)]
    if explain:
        lines += [f"[dim]· {escape(line)}[/]" for line in f.trail]
    return lines


def _print_indented(console, markup: str, indent: int = 2) -> None:
    """A line that keeps its indent when it wraps."""
    from rich.padding import Padding

    console.print(Padding(markup, (0, 0, 0, indent)))


def _party_title(r: PartyResult, pack_name: str, a: Assessment | None = None) -> str:
    name = party_name(a, r.party) if a is not None else ""
    named = f" «{escape(name)}»" if name else ""
    return f"[bold]{escape(r.jurisdiction)}[/] {escape(pack_name)} — party [bold]{escape(r.party)}[/]{named}"


def party_name(a: Assessment, party_id: str) -> str:
    """The name the incident gives a party (``name: the network``), or ""."""
    return next((p.name for p in a.incident.parties if p.id == party_id), "")


def party_table(r: PartyResult, pack_name: str, a: Assessment | None = None):
    """The findings of one party as a table (wide terminals)."""
    from rich.table import Table

    table = Table(
        title=f"{_party_title(r, pack_name, a)} ({r.party_kind})",
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
        table.add_row("\n".join(_offence_lines(a, r, f)), _status(f), _aggravations(f), _prison(f), _fine(f))
    return table


def _finding_block(console, a: Assessment | None, r: PartyResult, f: Finding) -> None:
    """One finding as lines (narrow terminals)."""
    status = _status(f).replace("\n", " ")
    console.print(f"[bold]{escape(f.offence_id)}[/]  {status}")
    for line in _offence_lines(a, r, f):
        _print_indented(console, line)
    aggravations = ", ".join([*f.aggravations, *(f"{x}?" for x in f.possible_aggravations)])
    if aggravations:
        _print_indented(console, f"aggravations: {escape(aggravations)}")
    _print_indented(
        console, f"max prison {_prison(f).replace(chr(10), ' ')}; max fine {_fine(f).replace(chr(10), ' ')}"
    )


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


def _track_lines(t: TrackResult, explain: bool) -> list[tuple[str, str]]:
    """A track's combined maximum, worst case and rules, as (label, text) pairs."""
    label = t.kind.capitalize() if t.track == t.kind else f"{t.kind.capitalize()} ({t.track})"
    rows = [(label, f"[bold]{escape(t.enforcer)}[/]")]
    line = escape(maxima_text(t.max))
    if t.upper_bound is not None and maxima_text(t.upper_bound) != maxima_text(t.max):
        line += f" [dim](up to {escape(maxima_text(t.upper_bound))} if run consecutively)[/]"
    elif t.upper_bound is not None:
        line += " [dim](the sum of the maxima run consecutively)[/]"
    if t.acts > 1:
        line += f" [dim]({t.acts:,} acts)[/]"
    rows.append(("  maximum", line))
    worst = escape(maxima_text(t.worst))
    if t.worst_facts or t.worst_readings:
        readings = [f"question {q}: {'yes' if v else 'no'}" for q, v in t.worst_readings.items()]
        deciding = ", ".join(filter(None, [_facts_text(t.worst_facts), *readings]))
        worst += f" [dim](if {escape(deciding)})[/]"
    if t.worst_bounded and t.worst_limit is not None:
        worst += f" [dim](search bounded: at most {escape(maxima_text(t.worst_limit))})[/]"
    rows.append(("  worst case", worst))
    rows.append(("  combined by", f"[dim]{escape(t.rule)}[/]"))
    if explain:
        rows += [("", f"[dim]· {escape(line)}[/]") for line in t.trail]
    rows += [("  note", f"[dim]{escape(note)}[/]") for note in t.notes]
    return rows


def _summary(r: PartyResult, explain: bool = False):
    """Each track's combined maximum, worst case and the rules used, the measures, then any notes: a grid."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    for t in r.tracks:
        for label, text in _track_lines(t, explain):
            grid.add_row(f"  {label}", text)
    for m in r.measures:
        status = "" if m.status == "applies" else " [yellow](possible)[/]"
        grid.add_row("  Measure", f"{escape(m.title)}{status} [dim]— {escape(m.citation)}[/]")
    for note in r.notes:
        grid.add_row("  Note", f"[dim]{escape(note)}[/]")
    if r.turnover is not None:
        grid.add_row("  Turnover", f"[dim]{escape(turnover_text(r.turnover))}[/]")
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
    """One line per subdivision pack: how its exposure stands to its parent's (never one added figure)."""
    out = []
    for p in packs:
        if p.relation is None:
            continue
        how = (
            "separate prosecutions: both may punish the same conduct"
            if p.relation.rule == "separate"
            else "either may prosecute, but one act is not punished twice"
        )
        out.append(
            f"Levels: {p.code} and {p.parent} — {how}; the figures are never added ({p.relation.evidence.source.cite})"
        )
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
    console.print(f"[bold]{escape(inc.title)}[/] — {inc.date.isoformat()} — places: {', '.join(inc.places)}{as_of}")
    for note in inc.notes:
        console.print(f"[yellow]note:[/] [dim]{escape(note)}[/]")
    if not a.results:
        console.print("[yellow]No rule pack applies to these places.[/] Shipped packs: see `exposure packs`.")
    for r in a.results:
        console.print()
        title = _party_title(r, names.get(r.jurisdiction, ""), a)
        if not r.findings:
            console.print(f"{title}: no offence found")
        elif wide:
            console.print(party_table(r, names.get(r.jurisdiction, ""), a))
            for f in r.findings:
                why = _why(a, r, f, explain, history)
                if why:
                    console.print(f"[bold]{escape(f.offence_id)}[/] — {escape(f.citation)}")
                    for line in why:
                        _print_indented(console, line)
        else:
            console.print(f"{title} ({r.party_kind})")
            for f in r.findings:
                _finding_block(console, a, r, f)
                for line in _why(a, r, f, explain, history):
                    _print_indented(console, line, 4)
        console.print(_summary(r, explain))
    console.print()
    for line in deciding or ():
        indent = len(line) - len(line.lstrip(" "))
        _print_indented(console, escape(line.strip()), indent) if indent else console.print(f"[bold]{escape(line)}[/]")
    if deciding:
        console.print()
    if any(f.unverified for r in a.results for f in r.findings):
        console.print(
            "[dim]† a figure of this finding rests on a secondary source: the statutory text was not read "
            "(see the pack's notes)[/]"
        )
    receipt = ", ".join(f"{p.code} (checked {p.checked.isoformat()})" for p in a.packs)
    if receipt:
        console.print(f"[dim]Packs: {escape(receipt)}[/]")
    for line in level_lines(a.packs):
        console.print(f"[dim]{escape(line)}[/]")
    for line in override_lines(a.packs):
        console.print(f"[yellow]{escape(line)}[/]")
    for line in coverage_lines(a):
        console.print(f"[yellow]{escape(line)}[/]")
    for caution in a.cautions:
        console.print(f"[yellow]Caution:[/] {escape(caution)}")
    console.print(f"[dim]{escape(a.notice)}[/]")
