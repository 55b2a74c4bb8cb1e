"""``--format table``: rich tables for people, one per jurisdiction and party, then the combined maxima."""

from __future__ import annotations

from ..durations import term_display
from ..fines import display as fine_display
from ..results import Assessment, PartyResult


def _status(f) -> str:
    if f.status == "applies":
        return "[bold red]applies[/]"
    unknown = ", ".join(f"{n}={str(v).lower()}?" for n, v in f.unknown_facts.items())
    return f"[yellow]possible[/]\n[dim]if {unknown}[/]" if unknown else "[yellow]possible[/]"


def _aggravations(f) -> str:
    parts = list(f.aggravations) + [f"{a}?" for a in f.possible_aggravations]
    return ", ".join(parts) or "—"


def party_table(r: PartyResult, pack_name: str, explain: bool):
    from rich.table import Table

    table = Table(
        title=f"[bold]{r.jurisdiction}[/] {pack_name} — party [bold]{r.party}[/] ({r.party_kind})",
        title_justify="left",
        expand=False,
        show_lines=True,
    )
    table.add_column("Offence", ratio=3, overflow="fold")
    table.add_column("Status", no_wrap=True)
    table.add_column("Aggravations", overflow="fold")
    table.add_column("Max prison", no_wrap=True)
    table.add_column("Max fine", overflow="fold")
    for f in r.findings:
        offence = f"{f.title}\n[dim]{f.citation}[/]"
        if explain:
            offence += "\n" + "\n".join(f"[dim]· {line}[/]" for line in f.trail)
        prison = term_display(f.maxima.prison)
        if f.min_prison is not None:
            prison += f"\n[dim](min {term_display(f.min_prison)})[/]"
        table.add_row(offence, _status(f), _aggravations(f), prison, fine_display(f.maxima.fine))
    return table


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
            console.print(
                f"  [bold]Combined maximum[/]: prison {term_display(r.max.prison)}, fine {fine_display(r.max.fine)}"
                f"   [dim]worst case with unknown facts: prison {term_display(r.worst_case.prison)}, "
                f"fine {fine_display(r.worst_case.fine)}[/]"
            )
            console.print(f"  [dim]Several offences: {r.combination}[/]")
        for note in r.notes:
            console.print(f"  [dim]Note: {note}[/]")
    console.print()
    receipt = ", ".join(f"{p.code} (checked {p.checked.isoformat()})" for p in a.packs)
    if receipt:
        console.print(f"[dim]Packs: {receipt}[/]")
    console.print(f"[dim]{a.notice}[/]")
