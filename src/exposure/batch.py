"""Batch assessment of a queue of reports: one incident per line (JSON), one JSON result per line out.

A :class:`BatchAssessor` holds what every line shares: one :class:`~exposure.engine.engine.Engine` (recurring
fact patterns are evaluated once), one JSON line writer (a recurring party result is written once), and the
options every line gets (jurisdictions, ``as_of``, trails). A bad line is reported as ``file:line:col: message``
and the run goes on. With ``jobs > 1`` lines are assessed in worker processes, each with its own assessor, and
come out in input order; a line goes to the worker that has seen the same text before (:func:`route`), so that a
recurring report is evaluated once in the run rather than once per worker. A line whose exact text was assessed
before is answered from a :class:`LineMemo` without being read again (by the parent, with workers).
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from typing import Any, NoReturn

from .engine.memo import SizedMemo
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
LINE_MEMO_BUDGET = 16 * 1024 * 1024  # characters of line texts and outputs a LineMemo keeps (some 1,000 lines)


class LineMemo:
    """The output of every line already assessed, by the line's exact text, in bounded memory.

    A queue of reports repeats itself word for word (one image reported again and again): such a line needs no
    reading, parsing or evaluation, only its number put in front of the output the same text had. The output is a
    function of the text, the run's options (one memo per run) and today's date (a default ``as_of`` and the date
    cautions read it, so the date is part of the key). A bad line is not remembered: its problems name its line.
    Texts that differ in any byte (key order, spacing) are different entries; the engine's memos still answer
    them without evaluating again."""

    __slots__ = ("_memo",)

    def __init__(self, budget: int = LINE_MEMO_BUDGET) -> None:
        self._memo: SizedMemo[tuple[str | bytes, date], str] = SizedMemo(budget, _line_cost)

    def get(self, text: str | bytes, number: int) -> LineResult | None:
        """Line ``number``'s result, if its text was assessed before."""
        rest = self._memo.get((text, date.today()))
        return None if rest is None else LineResult(number, f'{{"line":{number}{rest}')

    def put(self, text: str | bytes, result: LineResult) -> LineResult:
        """Remember a good line's output, less its ``{"line":n`` opening."""
        output = result.output
        if output is not None:
            opening = f'{{"line":{result.line}'
            if output.startswith(opening) and output[len(opening) : len(opening) + 1] == ",":
                self._memo.put((text, date.today()), output[len(opening) :])
        return result


def _line_cost(key: tuple[str | bytes, date], rest: str) -> int:
    return len(key[0]) + len(rest)


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
        self.seen = LineMemo()

    def line(self, raw: str | bytes, number: int) -> LineResult:
        """One line: its JSON result, or the located problems that make it a bad line."""
        known = self.seen.get(raw, number)
        return known if known is not None else self.seen.put(raw, self._assess(raw, number))

    def _assess(self, raw: str | bytes, number: int) -> LineResult:
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
def settle_for_a_long_run() -> None:
    """For a process that assesses a long queue: the rules loaded so far are frozen out of the cyclic garbage
    collector's sight, and its youngest generation grows to 50,000 objects before a collection. Results are
    memoised and live long, and the garbage of an assessment is almost never cyclic, so the default threshold (700)
    only makes the collector walk the memos over and over (the README's speed section has the measurements)."""
    import gc

    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


ROUND = CHUNK  # lines per worker in one round sent out
ROUNDS_IN_FLIGHT = WINDOW_PER_JOB // CHUNK  # rounds sent and not yet written: the window of lines read ahead
SLACK = 4 * CHUNK  # lines a worker may have pending beyond the least busy one before its lines go elsewhere


def _start_method() -> str:
    """``fork`` where it is safe: on Linux, in a process running no other thread (a worker starts as a copy of the
    parent, its rules loaded and frozen, in milliseconds). Else ``spawn`` (macOS and Windows, where forking is
    unsafe or absent, or when a thread runs, such as the progress display on a terminal, which could hold a lock
    the copy would wait on for ever): each worker imports exposure and loads the rules itself."""
    import multiprocessing
    import sys
    import threading

    forkable = sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()
    return "fork" if forkable and threading.active_count() == 1 else "spawn"


def _serve(tasks, results, rules, rule_dirs, jurisdictions, name, explain, as_of, summary) -> None:
    """A worker process: assesses each batch of numbered lines it is sent, in order, until it is sent None. Its own
    assessor (engine and line writer) lives as long as the run, so a pattern it has met is answered from memory."""
    import os
    import signal
    import sys

    # Ctrl-C and SIGTERM are the parent's to handle: it ends the workers, and a worker ends without a traceback
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # A worker writes nothing itself (its results go back to the parent); a forked copy must not flush what the
    # parent had buffered, nor print a traceback of its own: the parent reports a worker that ended.
    sys.stdout = sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the worker
    if rules is None:  # spawned: a fresh interpreter loads the rules itself
        from .api import load_rules

        rules = load_rules(rule_dirs)
    assessor = BatchAssessor(rules, jurisdictions, explain=explain, as_of=as_of, name=name, summary=summary)
    settle_for_a_long_run()
    while True:
        batch = tasks.get()
        if batch is None:  # every answer is in the pipe: nothing of the worker's own needs tearing down
            results.close()
            os._exit(0)
        results.send([assessor.line(text, number) for number, text in batch])


def route(texts: list[str | bytes], pending: list[int]) -> list[int]:
    """The worker of each line: the one its text's hash names, so that every sighting of a report goes where it is
    remembered, unless that worker has more than :data:`SLACK` lines pending beyond the least busy one, which then
    takes it. ``pending`` (lines sent and not yet answered, per worker) is updated."""
    jobs = len(pending)
    owners = []
    for text in texts:
        worker = hash(text) % jobs
        least = min(range(jobs), key=pending.__getitem__)
        if pending[worker] > pending[least] + SLACK:
            worker = least
        pending[worker] += 1
        owners.append(worker)
    return owners


class WorkerLost(RuntimeError):
    """A worker process ended without answering (killed, out of memory): its lines have no result."""


class _Workers:
    """``jobs`` worker processes, each with a queue of batches in and a pipe of results out.

    **A worker that dies.** Only the worker holds the writing end of its results pipe (the parent closes its copy
    as soon as the worker has started), so a worker killed mid-answer ends the pipe: the parent's read ends with
    :class:`WorkerLost` instead of waiting for ever for the rest of a message.

    **Routing.** A line goes to the worker chosen by the hash of its bytes, so every sighting of a recurring report
    reaches the worker that has it in memory: a pattern is evaluated once in the whole run, not once per worker.
    A worker more than :data:`SLACK` lines busier than the least busy one gives its new lines to that one instead
    (a queue dominated by one report still keeps every worker busy; the second worker then learns it too).
    Results come back per worker in the order sent and are merged back into input order.

    **Never blocking a worker.** While the parent waits for one worker's answer, it takes in every answer that is
    ready from the others and keeps it until its turn. A worker that runs ahead is therefore never left blocked on
    a full pipe, idle, until the parent gets round to it (the window of lines in flight bounds what is kept)."""

    def __init__(self, jobs: int, args: tuple) -> None:
        import multiprocessing

        method = _start_method()
        context: Any = multiprocessing.get_context(method)  # a fork or spawn context: both have Process and Queue
        rules, *rest = args
        self.tasks = [context.Queue() for _ in range(jobs)]
        self.results = []
        self.processes = []
        for tasks in self.tasks:
            reader, writer = context.Pipe(duplex=False)
            process = context.Process(
                target=_serve, args=(tasks, writer, rules if method == "fork" else None, *rest), daemon=True
            )
            process.start()
            writer.close()  # the worker's own now: its death ends the pipe (see above)
            self.results.append(reader)
            self.processes.append(process)
        self.pending = [0] * jobs
        self.answered: list[deque[list[LineResult]]] = [deque() for _ in range(jobs)]  # taken in, not yet merged
        self.ended: set[int] = set()  # workers whose pipe has ended (killed, or out of memory)

    def send(self, items: list[tuple[int, str | bytes]]) -> list[int]:
        """Send one round of lines out; the worker of each line, in order."""
        owners = route([text for _, text in items], self.pending)
        batches: list[list[tuple[int, str | bytes]]] = [[] for _ in self.tasks]
        for item, worker in zip(items, owners, strict=True):
            batches[worker].append(item)
        for worker, batch in enumerate(batches):
            if batch:
                self.tasks[worker].put(batch)
        return owners

    def receive(self, owners: list[int]) -> Iterator[LineResult]:
        """The results of the round whose lines went to ``owners``, in input order."""
        answers: dict[int, Iterator[LineResult]] = {}
        for worker in dict.fromkeys(owners):
            got = self._answer(worker)
            self.pending[worker] -= len(got)
            answers[worker] = iter(got)
        for worker in owners:
            yield next(answers[worker])

    def _answer(self, worker: int) -> list[LineResult]:
        """The next batch of results of ``worker``, taking in meanwhile what the others have ready;
        :class:`WorkerLost` if it ended first."""
        from multiprocessing.connection import wait

        answered = self.answered[worker]
        while not answered:
            if worker in self.ended:
                self._lost(worker)
            open_pipes = {id(pipe): i for i, pipe in enumerate(self.results) if i not in self.ended}
            ready = wait([self.results[i] for i in open_pipes.values()], timeout=1.0)
            if not ready and not self.processes[worker].is_alive():
                self.ended.add(worker)
            for pipe in ready:
                i = open_pipes[id(pipe)]
                try:
                    self.answered[i].append(self.results[i].recv())
                except (EOFError, OSError):
                    self.ended.add(i)
        return answered.popleft()

    def _lost(self, worker: int) -> NoReturn:
        process = self.processes[worker]
        process.join(timeout=1)
        raise WorkerLost(f"worker process {worker + 1} ended (exit code {process.exitcode})")

    def close(self, finished: bool) -> None:
        """Workers told to stop once their batches are done (``finished``), else ended at once (an error, Ctrl-C)."""
        for tasks, process in zip(self.tasks, self.processes, strict=True):
            if finished and process.is_alive():
                tasks.put(None)
            else:
                process.terminate()
        for process in self.processes:
            process.join(timeout=5 if finished else 1)
            if process.is_alive():
                process.kill()
                process.join()
        for pipe in self.results:
            pipe.close()
        for q in self.tasks:
            q.close()
            q.cancel_join_thread()  # what was never read (after an error) is not waited for


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
    maxima and the findings' ids and status). With ``jobs > 1`` the lines are routed to worker processes (see
    :class:`_Workers`), a bounded window of them in flight, so memory stays bounded on a queue of any length."""
    items = numbered_lines(lines)
    if jobs <= 1:
        assessor = BatchAssessor(rules, jurisdictions, explain=explain, as_of=as_of, name=name, summary=summary)
        for number, text in items:
            yield assessor.line(text, number)
        return
    from itertools import islice

    workers = _Workers(jobs, (rules, tuple(rule_dirs), jurisdictions, name, explain, as_of, summary))
    seen = LineMemo()  # a line seen before is answered here, without a round trip to a worker
    finished = False
    try:
        in_flight: deque[_Round] = deque()
        while True:
            while len(in_flight) < ROUNDS_IN_FLIGHT:
                lines_ = list(islice(items, ROUND * jobs))
                if not lines_:
                    break
                in_flight.append(_Round.send(lines_, seen, workers))
            if not in_flight:
                finished = True
                return
            yield from in_flight.popleft().results(seen, workers)
    finally:
        workers.close(finished)


class _Round:
    """One round of lines read: those answered from the parent's :class:`LineMemo` at once, the others sent to
    the workers (their owners in order); the results come out in input order and teach the memo."""

    __slots__ = ("known", "owners", "sent")

    def __init__(self, known: list[LineResult | None], sent: list[tuple[int, str | bytes]], owners: list[int]):
        self.known, self.sent, self.owners = known, sent, owners

    @classmethod
    def send(cls, lines: list[tuple[int, str | bytes]], seen: LineMemo, workers: _Workers) -> _Round:
        known = [seen.get(text, number) for number, text in lines]
        sent = [line for line, answer in zip(lines, known, strict=True) if answer is None]
        return cls(known, sent, workers.send(sent) if sent else [])

    def results(self, seen: LineMemo, workers: _Workers) -> Iterator[LineResult]:
        answers = workers.receive(self.owners)
        texts = (text for _, text in self.sent)
        for answer in self.known:
            yield answer if answer is not None else seen.put(next(texts), next(answers))
