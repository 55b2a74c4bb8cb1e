"""Output of ``exposure compare``: a rich table, JSON, Markdown, CSV, and a self-contained HTML or SVG report with
bar charts of the maximum fine (converted) and the maximum prison by jurisdiction. Amounts are computed exactly
and rounded to whole units only here, for display."""

from __future__ import annotations

import csv
import html
import io
import json
import math
from decimal import ROUND_HALF_EVEN, Decimal

from .. import __version__
from ..engine.compare import Comparison, Row
from ..engine.fines import PerUnit
from ..engine.fines import display as fine_display
from ..engine.fines import to_json as fine_json
from ..engine.results import NOTICE
from ..model.durations import LIFE, term_display, term_iso
from ..model.money import Money, decimal_text


def rounded(value) -> str:
    """A converted value for display: whole units (``EUR 156,245,840``)."""
    if isinstance(value, Money):
        whole = value.amount.quantize(Decimal(1), ROUND_HALF_EVEN)
        return f"{value.currency} {whole:,}"
    if isinstance(value, PerUnit):
        return f"{rounded(value.amount)} per {value.per}"
    return fine_display(value)


def _where(row: Row) -> str:
    return row.jurisdiction + ("" if row.in_places else "*")


def _offence(row: Row) -> str:
    if row.top is None:
        return "no offence found"
    status = "" if row.top.status == "applies" else " (possible)"
    return f"{row.top.title}{status} — {row.top.citation or row.top.offence_id}"


def rates_line(c: Comparison) -> str:
    used = {}
    for row in c.rows:
        for conversion in row.conversions:
            for rate in conversion.rates:
                used[rate.currency] = rate
    parts = [
        f"1 EUR = {r.value} {code} ({'override' if r.day is None else r.day.isoformat()})"
        for code, r in sorted(used.items())
    ]
    text = f"Rates: {c.rates_cite} on or before {c.day.isoformat()}"
    return text + (": " + "; ".join(parts) if parts else "")


# --------------------------------------------------------------------------------------------------------- table
def compact(value) -> str:
    """A fine value in a few characters: ``GBP 18m``, ``max(GBP 18m, USD 260m)``, for narrow table cells."""
    from ..engine.fines import Needs, Undecided

    if isinstance(value, Money):
        amount = value.amount
        for limit, suffix in ((Decimal(10) ** 9, "bn"), (Decimal(10) ** 6, "m"), (Decimal(10) ** 3, "k")):
            if abs(amount) >= limit:
                short = (amount / limit).quantize(Decimal("0.1")).normalize()
                return f"{value.currency} {decimal_text(short)}{suffix}"
        return value.display()
    if isinstance(value, PerUnit):
        return f"{compact(value.amount)}/{value.per}"
    if isinstance(value, Needs):
        return f"{value.formula} (needs {', '.join(value.missing)})"
    if isinstance(value, Undecided):
        name = {"greatest": "max", "least": "min", "sum": "sum"}[value.op]
        return f"{name}({', '.join(compact(p) for p in value.parts)})"
    return value if isinstance(value, str) else fine_display(value)


def render_table(c: Comparison, console) -> None:
    from rich.table import Table

    inc = c.assessment.incident
    console.print(f"[bold]{inc.title}[/] — {inc.date.isoformat()} — places: {', '.join(inc.places)}")
    table = Table(show_lines=True, expand=True)
    table.add_column("Where", no_wrap=True)
    table.add_column("Party", no_wrap=True)
    table.add_column("Track", no_wrap=True)
    table.add_column("Prison\n[dim]worst case[/]", no_wrap=True)
    table.add_column("Fine", overflow="fold", max_width=15)
    table.add_column(f"In {c.currency}\n[dim]worst[/]", no_wrap=True)
    table.add_column("Most serious offence", overflow="ellipsis", no_wrap=True, min_width=26, ratio=1)
    for row in c.rows:
        flag = " [yellow]![/]" if row.notes else ""
        prison = f"{term_display(row.max.prison)}\n[dim]{term_display(row.worst.prison)}[/]"
        fine = f"{compact(row.max_fine_converted)}{flag}\n[dim]{compact(row.worst_fine_converted)}[/]"
        if row.top is None:
            offence = "[dim]no offence found[/]"
        else:
            status = "" if row.top.status == "applies" else " [yellow](possible)[/]"
            offence = f"{row.top.citation or row.top.offence_id}{status}\n[dim]{row.top.title}[/]"
        table.add_row(_where(row), row.party, row.track or "—", prison, compact(row.max.fine), fine, offence)
    console.print(table)
    if any(not row.in_places for row in c.rows):
        console.print("[dim]* not among the incident's places: shown for comparison[/]")
    for row in c.rows:
        for note in row.notes:
            console.print(f"[yellow]![/] [dim]{row.jurisdiction}/{row.party}: {note}[/]")
    console.print(f"[dim]{rates_line(c)}[/]")
    console.print(f"[dim]{NOTICE}[/]")


# ---------------------------------------------------------------------------------------------------------- json
def as_dict(c: Comparison) -> dict:
    inc = c.assessment.incident
    rows = []
    for row in c.rows:
        rows.append(
            {
                "jurisdiction": row.jurisdiction,
                "name": row.name,
                "party": row.party,
                "party_kind": row.party_kind,
                "in_places": row.in_places,
                "track": row.track,
                "track_kind": row.track_kind,
                "enforcer": row.enforcer,
                "max": {
                    "prison": term_iso(row.max.prison),
                    "fine": fine_json(row.max.fine),
                    "fine_converted": fine_json(row.max_fine_converted),
                    "prison_or_fine": row.max.alternative,
                },
                "worst_case": {
                    "prison": term_iso(row.worst.prison),
                    "fine": fine_json(row.worst.fine),
                    "fine_converted": fine_json(row.worst_fine_converted),
                    "prison_or_fine": row.worst.alternative,
                },
                "most_serious": None
                if row.top is None
                else {
                    "id": row.top.offence_id,
                    "title": row.top.title,
                    "citation": row.top.citation,
                    "url": row.top.url,
                    "status": row.top.status,
                },
                "findings": row.findings,
                "conversions": [
                    {
                        "from": fine_json(conv.original),
                        "to": fine_json(conv.converted),
                        "stale": conv.stale,
                        "rates": [
                            {
                                "currency": r.currency,
                                "per_eur": decimal_text(r.value),
                                "date": None if r.day is None else r.day.isoformat(),
                                "override": r.day is None,
                            }
                            for r in conv.rates
                        ],
                    }
                    for conv in row.conversions
                ],
                "notes": list(row.notes),
            }
        )
    return {
        "schema_version": 2,
        "notice": NOTICE,
        "incident": {"title": inc.title, "date": inc.date.isoformat(), "places": list(inc.places)},
        "currency": c.currency,
        "rates": {
            "source": c.rates_cite,
            "url": c.rates_url,
            "on_or_before": c.day.isoformat(),
            "overrides": {k: decimal_text(v) for k, v in sorted(c.overrides.items())},
            "stale": c.stale,
        },
        "rows": rows,
        "receipt": {
            "engine": f"exposure {__version__}",
            "packs": [{"id": p.code, "sha256": p.sha256, "checked": p.checked.isoformat()} for p in c.assessment.packs],
        },
    }


def render_json(c: Comparison) -> str:
    return json.dumps(as_dict(c), ensure_ascii=False, indent=2) + "\n"


# ------------------------------------------------------------------------------------------------ markdown / csv
def render_markdown(c: Comparison) -> str:
    inc = c.assessment.incident
    out = [
        f"### {inc.title} ({inc.date.isoformat()})",
        "",
        f"| Where | Party | Track | Max prison | Max fine | In {c.currency} | Worst case | Most serious offence |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in c.rows:
        cells = [
            _where(row),
            row.party,
            row.track or "—",
            term_display(row.max.prison),
            fine_display(row.max.fine),
            rounded(row.max_fine_converted) + (" ⚠" if row.notes else ""),
            f"{term_display(row.worst.prison)}; {rounded(row.worst_fine_converted)}",
            _offence(row),
        ]
        out.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    out.append("")
    if any(not row.in_places for row in c.rows):
        out.append("\\* not among the incident's places: shown for comparison.")
    for row in c.rows:
        for note in row.notes:
            out.append(f"⚠ {row.jurisdiction}/{row.party}: {note}")
    out += ["", f"_{rates_line(c)}. {NOTICE}_", ""]
    return "\n".join(out)


def render_csv(c: Comparison) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        [
            "jurisdiction",
            "name",
            "party",
            "track",
            "track_kind",
            "in_places",
            "max_prison",
            "max_fine",
            "max_fine_currency",
            f"max_fine_{c.currency.lower()}",
            "worst_prison",
            f"worst_fine_{c.currency.lower()}",
            "most_serious_offence",
            "citation",
            "notes",
        ]
    )

    def amount(value):
        if isinstance(value, Money):
            return (
                decimal_text(value.amount.quantize(Decimal("0.01")))
                if value.amount != value.amount.to_integral()
                else decimal_text(value.amount)
            )
        return fine_display(value) if value is not None else ""

    for row in c.rows:
        fine = row.max.fine
        writer.writerow(
            [
                row.jurisdiction,
                row.name,
                row.party,
                row.track,
                row.track_kind,
                str(row.in_places).lower(),
                term_iso(row.max.prison) or "",
                amount(fine),
                fine.currency if isinstance(fine, Money) else "",
                amount(row.max_fine_converted),
                term_iso(row.worst.prison) or "",
                amount(row.worst_fine_converted),
                row.top.title if row.top else "",
                row.top.citation if row.top else "",
                " | ".join(row.notes),
            ]
        )
    return buffer.getvalue()


# ------------------------------------------------------------------------------------------------------- charts
def _bars(title: str, items: list[tuple], width: int, log: bool) -> str:
    """A horizontal bar chart as SVG. ``items``: (label, value, text, worst value, worst text); a value of inf fills
    the bar; the worst case (unknown facts adverse) is drawn as a lighter bar behind the maximum."""
    row_h, left, right = 24, 150, 330
    height = 52 + row_h * max(1, len(items))
    finite = [v for item in items for v in (item[1], item[3]) if v is not None and math.isfinite(v) and v > 0]
    top = max(finite) if finite else 1.0
    low = min(finite) if finite else 1.0
    span = width - left - right

    def length(v: float) -> float:
        if not math.isfinite(v):
            return span
        if log:
            lo = math.log10(max(low / 10, 1))
            return max(2.0, span * (math.log10(v) - lo) / max(math.log10(top) - lo, 1e-9))
        return max(2.0, span * v / top)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
        f'aria-label="{html.escape(title)}" font-family="system-ui, sans-serif" font-size="12">',
        f'<text x="0" y="16" font-weight="bold" font-size="14">{html.escape(title)}</text>',
        f'<rect x="{left}" y="24" width="10" height="10" fill="#3b6ea8"/><text x="{left + 14}" y="33">maximum</text>',
        f'<rect x="{left + 90}" y="24" width="10" height="10" fill="#b9cde6"/>'
        f'<text x="{left + 104}" y="33">worst case (unknown facts adverse)</text>',
    ]
    for i, (label, value, text, worst, worst_text) in enumerate(items):
        y = 42 + i * row_h
        parts.append(f'<text x="{left - 8}" y="{y + 15}" text-anchor="end">{html.escape(label)}</text>')
        end: float = left
        if worst is not None and worst > 0:
            w = length(worst)
            parts.append(f'<rect x="{left}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}" fill="#b9cde6"/>')
            end = max(end, left + w)
        if value is not None and value > 0:
            w = length(value)
            parts.append(f'<rect x="{left}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}" fill="#3b6ea8"/>')
            end = max(end, left + w)
        label_text = text if worst_text in (text, None) else f"{text} (worst {worst_text})"
        parts.append(f'<text x="{end + 6:.1f}" y="{y + 15}" fill="#333">{html.escape(label_text)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _fine_point(value) -> tuple[float | None, str]:
    if isinstance(value, Money):
        return float(value.amount), rounded(value)
    if isinstance(value, str):
        return math.inf, value
    return None, (rounded(value) if value is not None else "no fine")


def _prison_point(term) -> tuple[float | None, str]:
    if term == LIFE:
        return math.inf, "life"
    if term is None:
        return None, "no prison"
    return term.months / 12 + term.days / 365, term_display(term)


def charts_svg(c: Comparison, width: int = 1000) -> list[str]:
    """The fine chart and, when any row has a prison term, the prison chart."""
    fines, prisons = [], []
    for row in c.rows:
        label = f"{row.jurisdiction} · {row.party}"
        fines.append((label, *_fine_point(row.max_fine_converted), *_fine_point(row.worst_fine_converted)))
        prisons.append((label, *_prison_point(row.max.prison), *_prison_point(row.worst.prison)))
    charts = [_bars(f"Maximum fine, converted to {c.currency} (log scale)", fines, width, log=True)]
    prisons = [p for p in prisons if p[1] is not None or p[3] is not None]  # parties no prison term reaches
    if prisons:
        charts.append(_bars("Maximum prison (years)", prisons, width, log=False))
    return charts


def render_svg(c: Comparison) -> str:
    charts = charts_svg(c)
    y, groups = 0, []
    for chart in charts:
        groups.append(f'<g transform="translate(10,{y})">{chart}</g>')
        y += int(chart.split('height="')[1].split('"')[0]) + 10
    inc = c.assessment.incident
    total = y + 50
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="1020" height="{total}" font-family="system-ui, sans-serif">\n'
        f'<rect width="100%" height="100%" fill="white"/>\n' + "\n".join(groups) + "\n"
        f'<text x="10" y="{total - 28}" font-size="11" fill="#555">{html.escape(inc.title)} ({inc.date.isoformat()}). '
        f"{html.escape(rates_line(c))}</text>\n"
        f'<text x="10" y="{total - 12}" font-size="11" fill="#555">{html.escape(NOTICE)}</text>\n</svg>\n'
    )


def render_html(c: Comparison) -> str:
    inc = c.assessment.incident
    charts = charts_svg(c)
    outside = any(not r.in_places for r in c.rows)
    rows = []
    for row in c.rows:
        cells = [
            _where(row),
            row.party,
            row.track or "—",
            term_display(row.max.prison),
            fine_display(row.max.fine),
            rounded(row.max_fine_converted),
            f"{term_display(row.worst.prison)}; {rounded(row.worst_fine_converted)}",
            _offence(row),
        ]
        link = f' <a href="{html.escape(row.top.url)}">text</a>' if row.top and row.top.url else ""
        rows.append(
            "<tr>"
            + "".join(f"<td>{html.escape(cell)}</td>" for cell in cells[:-1])
            + f"<td>{html.escape(cells[-1])}{link}</td></tr>"
        )
    notes = "".join(
        f"<li>{html.escape(row.jurisdiction)}/{html.escape(row.party)}: {html.escape(n)}</li>"
        for row in c.rows
        for n in row.notes
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>exposure — {html.escape(inc.title)}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem; color: #222; max-width: 1100px; }}
table {{ border-collapse: collapse; width: 100%; font-size: 14px; margin: 1rem 0; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 6px 8px; text-align: left; vertical-align: top; }}
th {{ background: #f3f5f8; }}
.muted {{ color: #666; font-size: 13px; }}
figure {{ margin: 1.5rem 0; }}
</style></head>
<body>
<h1>{html.escape(inc.title)}</h1>
<p class="muted">Incident of {inc.date.isoformat()} · places: {html.escape(", ".join(inc.places))}
· amounts in {c.currency} at dated reference rates · {html.escape(NOTICE)}</p>
{"".join(f"<figure>{chart}</figure>" for chart in charts)}
{"" if len(charts) > 1 else "<p class='muted'>No jurisdiction sets a prison term for these parties.</p>"}
<table>
<thead><tr><th>Where</th><th>Party</th><th>Track</th><th>Max prison</th><th>Max fine</th><th>In {c.currency}</th>
<th>Worst case</th><th>Most serious offence</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table>
{"<p class='muted'>* not among the incident's places: shown for comparison.</p>" if outside else ""}
{f"<ul class='muted'>{notes}</ul>" if notes else ""}
<p class="muted">{html.escape(rates_line(c))}. Generated by exposure {__version__}.</p>
</body></html>
"""
