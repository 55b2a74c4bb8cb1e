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
from .json_out import conversion_json, coverage_json, receipt_json
from .table import coverage_lines as assessment_coverage_lines
from .table import level_lines, one_line, override_lines, print_text


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
    status = ""
    if row.top.status != "applies":
        questions = ", ".join(row.top.questions)
        status = f" (possible; depends on question {questions})" if questions else " (possible)"
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


def _proceedings(row: Row) -> str:
    return row.track or "—"


def _converted(value, original):
    """The converted fine (a :class:`rich.text.Text`), with the statute's own amount beside it when it was in
    another currency."""
    from rich.text import Text

    text = Text(compact(value))
    if isinstance(original, Money) and isinstance(value, Money) and original.currency != value.currency:
        text.append("\n").append(f"({compact(original)})", "dim")
    return text


def coverage_lines(c: Comparison) -> list[str]:
    """The places of the incident that no row covers, or covers only in part, what was assumed, how levels stand
    and which packs replace shipped ones: the same lines as ``assess`` prints."""
    a = c.assessment
    return assessment_coverage_lines(a) + level_lines(a.packs) + override_lines(a.packs)


def render_table(c: Comparison, console) -> None:
    """One row per jurisdiction, party and track (criminal, a regulator, civil: never added), with named columns;
    a block per row on terminals narrower than 130 columns (eight named columns need that much). Every text from
    an incident or a pack reaches rich as :class:`rich.text.Text`, never as markup."""
    from rich.table import Table
    from rich.text import Text

    inc = c.assessment.incident
    print_text(console, (inc.title, "bold"), f" — {inc.date.isoformat()} — places: {', '.join(inc.places)}")
    if console.width >= 130:
        table = Table(show_lines=True, expand=True)
        table.add_column("Where", no_wrap=True)
        table.add_column("Party", no_wrap=True)
        table.add_column("Proceedings", no_wrap=True)
        table.add_column("Max prison", no_wrap=True)
        table.add_column(f"Max fine ({c.currency})", no_wrap=True)
        table.add_column("Worst prison", no_wrap=True)
        table.add_column(f"Worst fine ({c.currency})", no_wrap=True)
        table.add_column("Most serious offence", ratio=1, min_width=20)
        for row in c.rows:
            flag = (" ", ("!", "yellow")) if row.notes else ()
            either = (" ", ("or", "dim")) if row.max.alternative and row.max.prison and row.max.fine else ()
            table.add_row(
                Text(_where(row)),
                Text(row.party),
                Text(_proceedings(row)),
                Text.assemble(term_display(row.max.prison), *either),
                Text.assemble(_converted(row.max_fine_converted, row.max.fine), *flag),
                Text(term_display(row.worst.prison)),
                _converted(row.worst_fine_converted, row.worst.fine),
                Text(_offence(row)),
            )
        console.print(table)
    else:
        for row in c.rows:
            if row.top is None:  # nothing found: one line, not a block of empty figures
                print_text(console, (_where(row), "bold"), f" {row.party} — {_offence(row)}")
                continue
            enforcer = (f"({row.enforcer})", "dim") if row.enforcer else ""
            print_text(console, (_where(row), "bold"), f" {row.party} — {_proceedings(row)} ", enforcer)
            grid = Table.grid(padding=(0, 1))
            grid.add_column(no_wrap=True)
            grid.add_column()
            for label, m, converted in (
                ("  maximum", row.max, row.max_fine_converted),
                ("  worst case", row.worst, row.worst_fine_converted),
            ):
                joiner = " or " if m.alternative and m.prison and m.fine else ", "
                fine = one_line(_converted(converted, m.fine))
                grid.add_row(label, Text.assemble(f"prison {term_display(m.prison)}{joiner}fine ", fine))
            grid.add_row("  offence", Text(_offence(row)))
            console.print(grid)
    if any(not row.in_places for row in c.rows):
        console.print("[dim]* not among the incident's places: shown for comparison[/]")
    for row in c.rows:
        for note in row.notes:
            print_text(console, ("!", "yellow"), " ", (f"{row.jurisdiction}/{row.party}: {note}", "dim"))
    for line in coverage_lines(c):
        print_text(console, (line, "yellow"))
    console.print("[dim]Tracks are separate proceedings (a court, a regulator, civil): never added together.[/]")
    print_text(console, (rates_line(c), "dim"))
    print_text(console, (NOTICE, "dim"))


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
                    "questions": {q: "yes" if v else "no" for q, v in row.top.questions.items()},
                },
                "findings": row.findings,
                "conversions": [conversion_json(conv) for conv in row.conversions],
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
        "coverage": coverage_json(c.assessment),
        "cautions": list(c.assessment.cautions),
        "receipt": receipt_json(c.assessment.packs),
    }


def render_json(c: Comparison) -> str:
    return json.dumps(as_dict(c), ensure_ascii=False, indent=2) + "\n"


# ------------------------------------------------------------------------------------------------ markdown / csv
def _md(text: str) -> str:
    """A Markdown table cell: pipes escaped, line breaks and markup that could inject HTML neutralised."""
    return html.escape(text.replace("\n", " "), quote=False).replace("|", "\\|")


def render_markdown(c: Comparison) -> str:
    inc = c.assessment.incident
    cur = c.currency
    out = [
        f"### {_md(inc.title)} ({inc.date.isoformat()})",
        "",
        f"| Where | Party | Proceedings | Max prison | Max fine | Max fine ({cur}) | Worst prison | Worst fine ({cur}) "
        "| Most serious offence |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in c.rows:
        either = " (or the fine)" if row.max.alternative and row.max.prison and row.max.fine else ""
        cells = [
            _where(row),
            row.party,
            _proceedings(row),
            term_display(row.max.prison) + either,
            fine_display(row.max.fine),
            rounded(row.max_fine_converted) + (" ⚠" if row.notes else ""),
            term_display(row.worst.prison),
            rounded(row.worst_fine_converted),
            _offence(row),
        ]
        out.append("| " + " | ".join(_md(cell) for cell in cells) + " |")
    out.append("")
    if any(not row.in_places for row in c.rows):
        out.append("\\* not among the incident's places: shown for comparison.")
    for row in c.rows:
        for note in row.notes:
            out.append(f"⚠ {_md(row.jurisdiction)}/{_md(row.party)}: {_md(note)}")
    out += [f"- {_md(line)}" for line in coverage_lines(c)]
    out += ["", "Tracks are separate proceedings (a court, a regulator, civil): never added together.", ""]
    out += [f"_{_md(rates_line(c))}. {NOTICE}_", ""]
    return "\n".join(out)


# ----------------------------------------------------------------------------------------------------------- csv
CSV_COLUMNS = (
    "status",  # assessed | partly | not_assessed (a place no pack covers: no figures)
    "jurisdiction",
    "name",
    "party",
    "track",
    "track_kind",
    "in_places",  # true | false
    "max_prison_months",  # whole months, empty when none or life
    "max_prison_kind",  # term | life | none
    "prison_or_fine",  # true: the law allows the term OR the fine
    "max_fine",  # decimal, in max_fine_currency; empty unless max_fine_kind is amount
    "max_fine_currency",
    "max_fine_kind",  # amount | unlimited | discretionary | per_unit | needs | mixed | none
    "max_fine_converted",  # decimal, in converted_currency
    "worst_prison_months",
    "worst_prison_kind",
    "worst_fine_converted",
    "worst_fine_kind",
    "converted_currency",
    "offence_id",
    "offence_status",  # applies | possible
    "offence_title",
    "citation",
    "notes",
)


def _months(term) -> tuple[str, str]:
    from ..model.durations import Term

    if term is None:
        return "", "none"
    if term == LIFE:
        return "", "life"
    assert isinstance(term, Term)
    months = Decimal(term.months) + Decimal(term.days) / Decimal(30)  # a month of the law's 30 days, for sorting
    return decimal_text(months.quantize(Decimal("0.01")).normalize()), "term"


def _fine_kind(value) -> str:
    from ..engine.fines import Needs

    if value is None:
        return "none"
    if isinstance(value, Money):
        return "amount"
    if isinstance(value, str):
        return value
    if isinstance(value, PerUnit):
        return "per_unit"
    if isinstance(value, Needs):
        return "needs"
    return "mixed"


def _amount(value) -> str:
    if not isinstance(value, Money):
        return ""
    exact = value.amount
    return decimal_text(exact.quantize(Decimal("0.01")) if exact != exact.to_integral() else exact)


def _cell(text: str) -> str:
    """A CSV cell safe to open in a spreadsheet: text starting with = + - @ (or a tab or carriage return) would be
    read as a formula, so it is prefixed with an apostrophe."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def render_csv(c: Comparison) -> str:
    """One row per jurisdiction, party and track, and one per place not assessed; every column holds one type."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in c.rows:
        months, kind = _months(row.max.prison)
        worst_months, worst_kind = _months(row.worst.prison)
        fine = row.max.fine
        values = {
            "status": "assessed",
            "jurisdiction": row.jurisdiction,
            "name": row.name,
            "party": row.party,
            "track": row.track,
            "track_kind": row.track_kind,
            "in_places": str(row.in_places).lower(),
            "max_prison_months": months,
            "max_prison_kind": kind,
            "prison_or_fine": str(row.max.alternative).lower(),
            "max_fine": _amount(fine),
            "max_fine_currency": fine.currency if isinstance(fine, Money) else "",
            "max_fine_kind": _fine_kind(fine),
            "max_fine_converted": _amount(row.max_fine_converted),
            "worst_prison_months": worst_months,
            "worst_prison_kind": worst_kind,
            "worst_fine_converted": _amount(row.worst_fine_converted),
            "worst_fine_kind": _fine_kind(row.worst_fine_converted),
            "converted_currency": c.currency,
            "offence_id": row.top.offence_id if row.top else "",
            "offence_status": row.top.status if row.top else "",
            "offence_title": row.top.title if row.top else "",
            "citation": row.top.citation if row.top else "",
            "notes": " | ".join(row.notes),
        }
        writer.writerow([_cell(values[col]) for col in CSV_COLUMNS])
    for cov in c.assessment.coverage:
        if cov.status == "assessed":
            continue
        values = dict.fromkeys(CSV_COLUMNS, "")
        values.update(status=cov.status, jurisdiction=cov.place, notes=cov.why, converted_currency=c.currency)
        writer.writerow([_cell(values[col]) for col in CSV_COLUMNS])
    return buffer.getvalue()


# ------------------------------------------------------------------------------------------------------- charts
FONTS = (
    "system-ui, 'Noto Sans', 'Noto Sans CJK KR', 'Noto Sans KR', 'Malgun Gothic', 'Apple SD Gothic Neo', "
    "'Noto Sans Devanagari', sans-serif"
)  # every pack's script: Latin, Hangul (KR), Devanagari (IN titles)


def _bars(title: str, items: list[tuple], width: int, log: bool) -> str:
    """A horizontal bar chart as SVG. ``items``: (label, value, text, worst value, worst text). Only numbers get
    bars, on one scale; a maximum that is a word (unlimited, at the court's discretion, life) is a labelled marker,
    never a bar as long as the largest amount. The worst case (unknown facts adverse) is a lighter bar behind."""
    row_h, left, right = 24, 190, 330
    height = 52 + row_h * max(1, len(items))
    finite = [v for item in items for v in (item[1], item[3]) if v is not None and math.isfinite(v) and v > 0]
    top = max(finite) if finite else 1.0
    low = min(finite) if finite else 1.0
    span = width - left - right

    def length(v: float) -> float:
        if log:
            lo = math.log10(max(low / 10, 1))
            return max(2.0, span * (math.log10(v) - lo) / max(math.log10(top) - lo, 1e-9))
        return max(2.0, span * v / top)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
        f'aria-label="{html.escape(title)}" font-family="{FONTS}" font-size="12">',
        f'<text x="0" y="16" font-weight="bold" font-size="14">{html.escape(title)}</text>',
        f'<rect x="{left}" y="24" width="10" height="10" fill="#3b6ea8"/><text x="{left + 14}" y="33">maximum</text>',
        f'<rect x="{left + 90}" y="24" width="10" height="10" fill="#b9cde6"/>'
        f'<text x="{left + 104}" y="33">worst case (unknown facts adverse)</text>',
        f'<path d="M{left + 340} 29 l5 -5 l5 5 l-5 5 z" fill="none" stroke="#a33"/>'
        f'<text x="{left + 356}" y="33">no figure to scale (unlimited, discretionary, life)</text>',
    ]
    for i, (label, value, text, worst, worst_text) in enumerate(items):
        y = 42 + i * row_h
        parts.append(f'<text x="{left - 8}" y="{y + 15}" text-anchor="end">{html.escape(label)}</text>')
        end: float = left
        for v, colour in ((worst, "#b9cde6"), (value, "#3b6ea8")):
            if v is not None and math.isfinite(v) and v > 0:
                w = length(v)
                parts.append(f'<rect x="{left}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}" fill="{colour}"/>')
                end = max(end, left + w)
        if any(v is not None and not math.isfinite(v) for v in (value, worst)):
            parts.append(f'<path d="M{end + 4:.1f} {y + 12} l6 -6 l6 6 l-6 6 z" fill="none" stroke="#a33"/>')
            end += 16
        label_text = text if worst_text in (text, None) else f"{text} (worst {worst_text})"
        parts.append(f'<text x="{end + 6:.1f}" y="{y + 15}" fill="#333">{html.escape(label_text)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _fine_point(value) -> tuple[float | None, str]:
    if isinstance(value, Money):
        return float(value.amount), rounded(value)
    if isinstance(value, str):
        return math.inf, fine_display(value)
    return None, (rounded(value) if value is not None else "no fine")


def _prison_point(term) -> tuple[float | None, str]:
    if term == LIFE:
        return math.inf, "life"
    if term is None:
        return None, "no prison"
    return term.months / 12 + term.days / 365, term_display(term)


def _by_own_measure(items: list[tuple]) -> list[tuple]:
    """A chart's rows sorted by what it shows: words (no figure to scale) first, then the largest maximum, then
    the worst case; rows with nothing last."""

    def key(item: tuple) -> tuple:
        value, worst = item[1], item[3]
        return (
            -(1 if value is not None and not math.isfinite(value) else 0),
            -(value if value is not None and math.isfinite(value) else -1.0),
            -(worst if worst is not None and math.isfinite(worst) else -1.0),
            item[0],
        )

    return sorted(items, key=key)


def charts_svg(c: Comparison, width: int = 1000) -> list[str]:
    """The fine chart and, when any row has a prison term, the prison chart, each sorted by its own measure."""
    fines, prisons = [], []
    for row in c.rows:
        label = f"{row.jurisdiction} · {row.party} · {row.track or '—'}"
        fines.append((label, *_fine_point(row.max_fine_converted), *_fine_point(row.worst_fine_converted)))
        prisons.append((label, *_prison_point(row.max.prison), *_prison_point(row.worst.prison)))
    charts = [_bars(f"Maximum fine, converted to {c.currency} (log scale)", _by_own_measure(fines), width, log=True)]
    prisons = [p for p in prisons if p[1] is not None or p[3] is not None]  # parties no prison term reaches
    if prisons:
        charts.append(_bars("Maximum prison (years)", _by_own_measure(prisons), width, log=False))
    return charts


def _wrapped(text: str, width: int = 150) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width) or [""]


def render_svg(c: Comparison) -> str:
    charts = charts_svg(c)
    y, groups = 0, []
    for chart in charts:
        groups.append(f'<g transform="translate(10,{y})">{chart}</g>')
        y += int(chart.split('height="')[1].split('"')[0]) + 10
    inc = c.assessment.incident
    footer = _wrapped(f"{inc.title} ({inc.date.isoformat()}). {rates_line(c)}") + _wrapped(NOTICE)
    total = y + 16 * len(footer) + 20
    lines = "\n".join(
        f'<text x="10" y="{y + 16 * (i + 1)}" font-size="11" fill="#555">{html.escape(line)}</text>'
        for i, line in enumerate(footer)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="1020" height="{total}" font-family="{FONTS}">\n'
        f'<rect width="100%" height="100%" fill="white"/>\n' + "\n".join(groups) + "\n" + lines + "\n</svg>\n"
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
            term_display(row.worst.prison),
            rounded(row.worst_fine_converted),
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
body {{ font-family: {FONTS}; margin: 2rem; color: #222; max-width: 1100px; }}
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
<thead><tr><th>Where</th><th>Party</th><th>Proceedings</th><th>Max prison</th><th>Max fine</th>
<th>Max fine ({c.currency})</th><th>Worst prison</th><th>Worst fine ({c.currency})</th><th>Most serious offence</th>
</tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table>
{"<p class='muted'>* not among the incident's places: shown for comparison.</p>" if outside else ""}
{f"<ul class='muted'>{notes}</ul>" if notes else ""}
<p class="muted">{html.escape(rates_line(c))}. Generated by exposure {__version__}.</p>
</body></html>
"""
