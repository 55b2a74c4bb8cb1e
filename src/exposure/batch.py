"""Batch assessment of a queue of reports: one incident per line (JSON), one JSON result per line out.

Packs load and compile once per process; identical fact patterns are assessed once (see
``evaluate.assess_party``). A bad line is reported on stderr as ``file:line:col: message`` and the run goes on.
With ``jobs > 1`` lines are assessed in worker processes, in order.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Iterator

from .problems import InputError, Problem


@dataclass(frozen=True)
class LineResult:
    line: int
    output: str | None  # one JSON document (no newline), or None for a bad line
    problems: tuple[Problem, ...] = ()


def assess_line(text: str, number: int, name: str, rules, jurisdictions, explain: bool) -> LineResult:
    from .api import assess, parse_incident_data
    from .render.json_out import assessment_dict

    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        return LineResult(number, None, (Problem(name, number, exc.colno, f"invalid JSON: {exc.msg}", "E004"),))
    except RecursionError:
        return LineResult(number, None, (Problem(name, number, 1, "invalid JSON: nested too deeply", "E005"),))
    try:
        incident = parse_incident_data(data, rules, name, number)
        result = assess(incident, rules, jurisdictions)
    except InputError as exc:
        return LineResult(number, None, exc.problems)
    document = {"line": number, **assessment_dict(result, explain=explain)}
    return LineResult(number, json.dumps(document, ensure_ascii=False, separators=(",", ":")))


def numbered_lines(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    for number, text in enumerate(lines, 1):
        if text.strip():
            yield number, text


# -------------------------------------------------------------------------------------------- worker processes
_WORKER: dict = {}


def _init_worker(rule_dirs, jurisdictions, name, explain) -> None:
    from .api import load_rules

    _WORKER.update(rules=load_rules(rule_dirs), jurisdictions=jurisdictions, name=name, explain=explain)


def _work(item: tuple[int, str]) -> LineResult:
    number, text = item
    w = _WORKER
    return assess_line(text, number, w["name"], w["rules"], w["jurisdictions"], w["explain"])


def run(lines: Iterable[str], name: str, rules, rule_dirs=(), jurisdictions=None, *, jobs: int = 1,
        explain: bool = False) -> Iterator[LineResult]:
    """Assess every non-empty line, yielding results in input order."""
    items = numbered_lines(lines)
    if jobs <= 1:
        for number, text in items:
            yield assess_line(text, number, name, rules, jurisdictions, explain)
        return
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    with context.Pool(jobs, _init_worker, (tuple(rule_dirs), jurisdictions, name, explain)) as pool:
        yield from pool.imap(_work, items, chunksize=64)
