"""``--format table``: rich tables for people, one per jurisdiction and party, then the combined maxima."""

from __future__ import annotations

from ..durations import term_display
from ..fines import display as fine_display
from ..results import Assessment, PartyResult


def _status(f) -> str:
    if f.status == "applies":
        return "[bold red]applies[/]"
    unknown = "\n".join(f"{n}: {str(v).lower()}?" for n, v in f.unknown_facts.items())
    return f"[yellow]possible[/]\n[dim]if {unknown}[/]" if unknown else "[yellow]possible[/]"


def _aggravations(f) -> str:
    parts = list(f.aggravations) + [f"{a}?" for a in f.possible_aggravations]
    return ", ".join(parts) or "—"


def party_table(r: PartyResult, pack_name: str, explain: bool):
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
        if explain:
            offence += "\n" + "\n".join(f"[dim]· {line}[/]" for line in f.trail)
        prison = term_display(f.maxima.prison)
        if f.min_prison is not None:
            prison += f"\n[dim](min {term_display(f.min_prison)})[/]"
        if f.maxima.prison is not None and f.unverified_in("prison"):
            prison += " †"
        fine = fine_display(f.maxima.fine) + (" †" if f.maxima.fine is not None and f.unverified_in("fine") else "")
        table.add_row(offence, _status(f), _aggravations(f), prison, fine)
    return table


def _summary(r: PartyResult):
    """The combined maxima, the worst case, the rule used and any notes, as an indented two-column grid."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    if r.findings:
        grid.add_row("  Combined maximum", f"prison {term_display(r.max.prison)}, fine {fine_display(r.max.fine)}")
        grid.add_row(
            "  Worst case", f"prison {term_display(r.worst_case.prison)}, fine {fine_display(r.worst_case.fine)} [dim](unknown facts adverse)[/]"
        )
        grid.add_row("  Several offences", f"[dim]{r.combination}[/]")
    for note in r.notes:
        grid.add_row("  Note", f"[dim]{note}[/]")
    return grid


def render(a: Assessment, console, *, explain: bool = False) -> None:
    names = {p.code: p.name.en for p in a.packs}
    inc = a.incident
    console.print(f"[bold]{inc.title}[/] — {inc.date.isoformat()} — places: {', '.join(inc.places)}")
    if not a.results:
        console.print("[yellow]No rule pack applies to these places.[/] Shipped packs: see `exposure packs`.")
    for r in a.results:
        console.print()
        if not r.findings:
            console.print(f"[bold]{r.jurisdiction}[/] {names.get(r.jurisdiction, '')} — party [bold]{r.party}[/]: no offence found")
        else:
            console.print(party_table(r, names.get(r.jurisdiction, ""), explain))
        console.print(_summary(r))
    console.print()
    if any(f.unverified for r in a.results for f in r.findings):
        console.print("[dim]† a figure of this finding rests on a secondary source: the statutory text was not read (see the pack's notes)[/]")
    receipt = ", ".join(f"{p.code} (checked {p.checked.isoformat()})" for p in a.packs)
    if receipt:
        console.print(f"[dim]Packs: {receipt}[/]")
    console.print(f"[dim]{a.notice}[/]")
