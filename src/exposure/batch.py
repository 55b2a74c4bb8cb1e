"""Batch assessment of a queue of reports: one incident per line (JSON), one JSON result per line out.

A :class:`BatchAssessor` holds what every line shares: one :class:`~exposure.engine.engine.Engine` (recurring
fact patterns are evaluated once), one JSON line writer (a recurring party result is written once), and the
options every line gets (jurisdictions, ``as_of``, trails). A bad line is reported as ``file:line:col: message``
and the run goes on. With ``jobs > 1`` lines are assessed in worker processes, each with its own assessor, and
come out in input order.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from decimal import Decimal

from .model.problems import InputError, Problem
from .model.records import record


@record
class LineResult:
    """One line of a batch queue: its JSON result, or the problems that made it a bad line."""

    line: int
    output: str | None  # one JSON document (no newline), or None for a bad line
    problems: tuple[Problem, ...] = ()


CHUNK = 64  # lines sent to a worker at a time
WINDOW_PER_JOB = 16 * CHUNK  # lines read ahead per worker (Pool.imap alone would read the whole queue at once)
MAX_LINE = 1024 * 1024  # bytes in one queued incident (a YAML incident file may hold 5 MB; a queue line is JSON)


class _Duplicate(ValueError):
    pass


def _no_duplicates(pairs):
    """JSON objects with a repeated key are refused, as YAML mappings are (json keeps the last one silently)."""
    out = {}
    for key, value in pairs:
        if key in out:
            raise _Duplicate(key)
        out[key] = value
    return out


def _integer(text: str):
    """JSON integers as the YAML loader types them: an integer of thousands of digits stays a number (Decimal),
    which the model then refuses with a located message, instead of failing Python's int conversion."""
    return int(text) if len(text) <= 40 else Decimal(text)


def _number(text: str):
    value = Decimal(text)
    return value if value.is_finite() and -40 <= value.adjusted() <= 40 else text


class BatchAssessor:
    """Assesses the lines of one queue with one engine, one line writer and the same options for every line."""

    def __init__(
        self,
        rules,
        jurisdictions=None,
        *,
        explain: bool = False,
        as_of=None,
        name: str = "<queue>",
        summary: bool = False,
    ) -> None:
        from .engine.engine import Engine
        from .render.json_out import LineWriter

        self.rules, self.jurisdictions, self.explain, self.as_of, self.name = rules, jurisdictions, explain, as_of, name
        self.summary = summary
        self.engine = Engine(rules)
        self.writer = LineWriter()

    def line(self, raw: str | bytes, number: int) -> LineResult:
        """One line: its JSON result, or the located problems that make it a bad line."""
        from .api import parse_incident_data

        data = _json_object(raw, number, self.name)
        if isinstance(data, LineResult):
            return data
        try:
            incident = parse_incident_data(data, self.rules, self.name, number)
            result = self.engine.assess(incident, self.jurisdictions, self.as_of)
        except InputError as exc:
            return LineResult(number, None, exc.problems)
        if self.summary:
            from .render.json_out import summary_line

            return LineResult(number, summary_line(result, number))
        return LineResult(number, self.writer.line(result, number, self.explain))


def _json_object(raw: str | bytes, number: int, name: str):
    """The parsed JSON of one line, or a :class:`LineResult` naming what is wrong with it."""
    from .load.yaml_source import has_unsafe_character

    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            col = len(raw[: exc.start].decode("utf-8", errors="replace")) + 1
            problem = Problem(
                name, number, col, f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8", "E002"
            )
            return LineResult(number, None, (problem,))
    else:
        text = raw
    if len(text) > MAX_LINE:
        problem = Problem(name, number, 1, f"line too long (more than {MAX_LINE} bytes): one incident per line", "E002")
        return LineResult(number, None, (problem,))
    try:
        data = json.loads(text, parse_float=_number, parse_int=_integer, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        return LineResult(number, None, (Problem(name, number, exc.colno, f"invalid JSON: {exc.msg}", "E004"),))
    except _Duplicate as exc:
        return LineResult(number, None, (Problem(name, number, 1, f"duplicate key '{exc}'", "E005"),))
    except RecursionError:
        return LineResult(number, None, (Problem(name, number, 1, "invalid JSON: nested too deeply", "E005"),))
    except ValueError as exc:  # e.g. an integer of thousands of digits
        return LineResult(
            number, None, (Problem(name, number, 1, f"invalid JSON: {str(exc).splitlines()[0]}", "E004"),)
        )
    unsafe = _unsafe_text(data) if "\\" in text or has_unsafe_character(text) else None
    if unsafe is not None:  # "\u001b" in JSON is what "\e" is in YAML: refused the same way
        message = f"the text holds {unsafe}: control, bidirectional and zero-width characters are not allowed"
        return LineResult(number, None, (Problem(name, number, 1, message, "E002"),))
    return data


def _unsafe_text(data: object) -> str | None:
    """What the first unsafe character in any key or text of ``data`` is, or None.

    Only asked when the line has a backslash or an unsafe character somewhere (outside its strings, a CR of a CRLF
    line is harmless): without a backslash every key and text is a stretch of the line as written, so one search
    of the line answers for all of them, far faster than this walk."""
    from .load.yaml_source import unsafe_character

    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found = unsafe_character(item)
            if found is not None:
                return found
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None


def numbered_lines(lines: Iterable[str | bytes]) -> Iterator[tuple[int, str | bytes]]:
    for number, text in enumerate(lines, 1):
        if text.strip():
            yield number, text


def bounded_lines(handle) -> Iterator[bytes]:
    """The lines of a binary stream, each read with at most :data:`MAX_LINE` + 1 bytes in memory: a longer line
    is drained and stands as its first ``MAX_LINE`` + 1 bytes (reported as too long), so memory stays bounded
    whatever the stream holds (``/dev/zero``, one line of gigabytes)."""
    while True:
        line = handle.readline(MAX_LINE + 1)
        if not line:
            return
        if len(line) > MAX_LINE and not line.endswith(b"\n"):
            rest = line
            while rest and not rest.endswith(b"\n"):
                rest = handle.readline(1 << 20)
        yield line


# -------------------------------------------------------------------------------------------- worker processes
_worker: list[BatchAssessor] = []  # the assessor of a worker process (set by the pool's initializer)


def settle_for_a_long_run() -> None:
    """For a process that assesses a long queue: the rules loaded so far are frozen out of the cyclic garbage
    collector's sight, and its youngest generation grows to 50,000 objects before a collection. Results are
    memoised and live long, and the garbage of an assessment is almost never cyclic, so the default threshold (700)
    only makes the collector walk the memos over and over (the README's speed section has the measurements)."""
    import gc

    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


def _init_worker(rule_dirs, jurisdictions, name, explain, as_of, summary=False) -> None:
    import signal

    from .api import load_rules

    # Ctrl-C and SIGTERM are the parent's to handle: it terminates the pool, and a worker ends without a traceback
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)

    _worker[:] = [
        BatchAssessor(load_rules(rule_dirs), jurisdictions, explain=explain, as_of=as_of, name=name, summary=summary)
    ]
    settle_for_a_long_run()


def _work(item: tuple[int, str | bytes]) -> LineResult:
    number, text = item
    return _worker[0].line(text, number)


def run(
    lines: Iterable[str | bytes],
    name: str,
    rules,
    rule_dirs=(),
    jurisdictions=None,
    *,
    jobs: int = 1,
    explain: bool = False,
    as_of=None,
    summary: bool = False,
) -> Iterator[LineResult]:
    """Assess every non-empty line, yielding results in input order (``summary``: each line only the tracks'
    maxima and the findings' ids and status)."""
    items = numbered_lines(lines)
    if jobs <= 1:
        assessor = BatchAssessor(rules, jurisdictions, explain=explain, as_of=as_of, name=name, summary=summary)
        for number, text in items:
            yield assessor.line(text, number)
        return
    import multiprocessing
    from itertools import islice

    context = multiprocessing.get_context("spawn")
    window = WINDOW_PER_JOB * jobs  # lines in flight: the queue is read a window at a time, so memory stays bounded
    with context.Pool(jobs, _init_worker, (tuple(rule_dirs), jurisdictions, name, explain, as_of, summary)) as pool:
        while True:
            chunk = list(islice(items, window))
            if not chunk:
                return
            yield from pool.imap(_work, chunk, chunksize=CHUNK)
