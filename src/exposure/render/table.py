"""``--format table``: rich tables for people, one per jurisdiction and party, then the combined maxima."""

from __future__ import annotations

from rich.markup import escape

from ..engine.fines import display as fine_display
from ..engine.results import Assessment, PartyResult
from ..model.durations import term_display


def _status(f) -> str:
    if f.status == "applies":
        return "[bold red]applies[/]"
    lines = [f"if {n}: {str(v).lower()}?" for n, v in f.unknown_facts.items()]
    lines += [f"depends on question {q} ({'yes' if v else 'no'})" for q, v in f.questions.items()]
    return "[yellow]possible[/]" + (f"\n[dim]{escape(chr(10).join(lines))}[/]" if lines else "")


def _aggravations(f) -> str:
    parts = list(f.aggravations) + [f"{a}?" for a in f.possible_aggravations]
    return ", ".join(parts) or "—"


def _time_bar_line(bar) -> str:
    if bar.status == "date":
        return f"time-barred after {bar.barred_after.isoformat()}"
    if bar.status == "none":
        return "no limitation period"
    if bar.status == "unknown":
        return f"time bar: {bar.explanation}"
    return ""


def _history_lines(a: Assessment, r: PartyResult, f) -> list[str]:
    from ..engine.law_in_time import version_history

    pack = next(p for p in a.packs if p.code == r.jurisdiction)
    offence = next(o for o in pack.offences if o.id == f.offence_id)
    lines = []
    for v in version_history(offence):
        span = f"{v['from']} → {v['to'] or 'now'}"
        applied = " ◀" if v["from"] == f.version_from else ""
        lines.append(f"{span}: prison {v['prison'] or '—'}, fine {v['fine'] or '—'}{applied}")
    return lines


def party_table(r: PartyResult, pack_name: str, explain: bool, a: Assessment | None = None, history: bool = False):
    from rich.table import Table

    table = Table(
        title=f"[bold]{r.jurisdiction}[/] {pack_name} — party [bold]{r.party}[/] ({r.party_kind})",
        title_justify="left",
        expand=True,
        show_lines=True,
    )
    table.add_column("Offence", min_width=36, ratio=1, overflow="fold")
    table.add_column("Status", max_width=20, overflow="fold")
    table.add_column("Aggravations", max_width=16, overflow="fold")
    table.add_column("Max prison", no_wrap=True)
    table.add_column("Max fine", max_width=22, overflow="fold")
    for f in r.findings:
        offence = f"{f.title}\n[dim]{f.citation}[/]"
        if a is not None:
            bar = _time_bar_line(a.time_bar(r, f))
            if bar:
                offence += f"\n[dim]{bar}[/]"
        if f.law_note:
            offence += f"\n[cyan]{f.law_note}[/]"
        if history and a is not None:
            offence += "\n" + "\n".join(f"[dim]  {line}[/]" for line in _history_lines(a, r, f))
        if explain:
            offence += "\n" + "\n".join(f"[dim]· {line}[/]" for line in f.trail)
        prison = term_display(f.maxima.prison)
        if f.min_prison is not None:
            prison += f"\n[dim](min {term_display(f.min_prison)})[/]"
        if f.maxima.prison is not None and f.unverified_in("prison"):
            prison += " †"
        fine = fine_display(f.maxima.fine) + (" †" if f.maxima.fine is not None and f.unverified_in("fine") else "")
        if f.prison_or_fine and f.maxima.prison is not None and f.maxima.fine is not None:
            fine = f"or {fine}\n[dim](not both)[/]"
        table.add_row(offence, _status(f), _aggravations(f), prison, fine)
    return table


def _maxima_text(m) -> str:
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


def _summary(r: PartyResult, explain: bool = False):
    """Each track's combined maximum, worst case and the rules used, then any notes: an indented grid."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for t in r.tracks:
        grid.add_row(f"  {t.kind.capitalize()}", f"[bold]{escape(t.enforcer)}[/]")
        line = _maxima_text(t.max)
        if t.upper_bound is not None and _maxima_text(t.upper_bound) != _maxima_text(t.max):
            line += f" [dim](up to {_maxima_text(t.upper_bound)} if run consecutively)[/]"
        elif t.upper_bound is not None:
            line += " [dim](the sum of the maxima run consecutively)[/]"
        if t.acts > 1:
            line += f" [dim]({t.acts:,} acts)[/]"
        grid.add_row("    maximum", line)
        worst = _maxima_text(t.worst)
        if t.worst_facts or t.worst_readings:
            readings = [f"question {q}: {'yes' if v else 'no'}" for q, v in t.worst_readings.items()]
            deciding = ", ".join(filter(None, [_facts_text(t.worst_facts), *readings]))
            worst += f" [dim](if {escape(deciding)})[/]"
        if t.worst_bounded and t.worst_limit is not None:
            worst += f" [dim](search bounded: at most {_maxima_text(t.worst_limit)})[/]"
        grid.add_row("    worst case", worst)
        grid.add_row("    combined by", f"[dim]{escape(t.rule)}[/]")
        if explain:
            for line in t.trail:
                grid.add_row("", f"[dim]· {escape(line)}[/]")
        for note in t.notes:
            grid.add_row("    note", f"[dim]{escape(note)}[/]")
    for m in r.measures:
        status = "" if m.status == "applies" else " [yellow](possible)[/]"
        grid.add_row("  Measure", f"{escape(m.title)}{status} [dim]— {escape(m.citation)}[/]")
    for note in r.notes:
        grid.add_row("  Note", f"[dim]{escape(note)}[/]")
    return grid


def render(a: Assessment, console, *, explain: bool = False, history: bool = False) -> None:
    names = {p.code: p.name.en for p in a.packs}
    inc = a.incident
    as_of = f" — law as known on {a.as_of.isoformat()}" if a.as_of and a.as_of != inc.date else ""
    console.print(f"[bold]{inc.title}[/] — {inc.date.isoformat()} — places: {', '.join(inc.places)}{as_of}")
    for note in inc.notes:
        console.print(f"[yellow]note:[/] [dim]{escape(note)}[/]")
    if not a.results:
        console.print("[yellow]No rule pack applies to these places.[/] Shipped packs: see `exposure packs`.")
    for r in a.results:
        console.print()
        if not r.findings:
            console.print(
                f"[bold]{r.jurisdiction}[/] {names.get(r.jurisdiction, '')} — party [bold]{r.party}[/]: "
                "no offence found"
            )
        else:
            console.print(party_table(r, names.get(r.jurisdiction, ""), explain, a, history))
        console.print(_summary(r, explain))
    console.print()
    if any(f.unverified for r in a.results for f in r.findings):
        console.print(
            "[dim]† a figure of this finding rests on a secondary source: the statutory text was not read "
            "(see the pack's notes)[/]"
        )
    receipt = ", ".join(f"{p.code} (checked {p.checked.isoformat()})" for p in a.packs)
    if receipt:
        console.print(f"[dim]Packs: {receipt}[/]")
    console.print(f"[dim]{a.notice}[/]")
