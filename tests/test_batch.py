"""`exposure assess --batch`: a queue of incidents, one JSON per line, bad lines reported and skipped."""

import json

from .conftest import run_cli

GOOD = {"title": "t", "date": "2026-01-02", "places": ["FR"],
        "facts": {"sexual": True, "synthetic": True, "real_person": True, "minor": False, "consent": False,
                  "online": True, "labelled_fake": False},
        "parties": [{"id": "u", "kind": "person", "role": "user", "acts": ["share"]}]}


def write_queue(tmp_path, lines):
    path = tmp_path / "reports.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_batch_streams_one_result_per_line_and_reports_bad_lines(tmp_path):
    bad_fact = dict(GOOD, facts={"sexal": True})
    lines = [json.dumps(GOOD), "{not json", json.dumps(bad_fact), "", json.dumps(dict(GOOD, date="2024-01-10"))]
    out = run_cli("assess", "--batch", str(write_queue(tmp_path, lines)), cwd=tmp_path)
    assert out.returncode == 1  # bad lines were skipped: the run says so in its exit code
    results = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["line"] for r in results] == [1, 5]
    france = next(r for r in results[0]["results"] if r["jurisdiction"] == "FR")
    # Code pénal art. 226-8-1 al. 3, online: three years
    assert france["tracks"][0]["max"]["prison"] == "P3Y"
    assert "trail" not in france["findings"][0]  # lean lines unless --explain
    # before the SREN law (2024-05-23): only the old art. 226-8, one year
    assert next(r for r in results[1]["results"] if r["jurisdiction"] == "FR")["tracks"][0]["max"]["prison"] == "P1Y"
    errors = out.stderr.splitlines()
    assert errors[0].startswith("reports.jsonl:2:2: invalid JSON") or errors[0].startswith(f"{tmp_path}/reports.jsonl:2:")
    assert any(":3:1: unknown fact 'sexal'" in e for e in errors)
    assert errors[-1] == "exposure: 2 bad line(s) skipped"


def test_batch_with_jobs_keeps_input_order(tmp_path):
    lines = [json.dumps(dict(GOOD, title=f"report {i}")) for i in range(40)]
    one = run_cli("assess", "--batch", str(write_queue(tmp_path, lines)), cwd=tmp_path)
    two = run_cli("assess", "--batch", str(write_queue(tmp_path, lines)), "--jobs", "2", cwd=tmp_path)
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout
    assert [json.loads(x)["incident"]["title"] for x in two.stdout.splitlines()] == [f"report {i}" for i in range(40)]


def test_batch_reads_stdin(tmp_path):
    out = run_cli("assess", "--batch", "-", input=json.dumps(GOOD) + "\n")
    assert out.returncode == 0 and json.loads(out.stdout)["line"] == 1


def test_assess_needs_exactly_one_input():
    assert run_cli("assess").returncode == 2


def test_batch_summary_lines_to_an_output_file(tmp_path):
    lines = [json.dumps(GOOD), json.dumps(dict(GOOD, date="2024-01-10"))]
    target = tmp_path / "results.jsonl"
    out = run_cli("assess", "--batch", str(write_queue(tmp_path, lines)), "--summary", "--output", str(target), cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout == ""  # the results went to the file
    full = run_cli("assess", "--batch", str(write_queue(tmp_path, lines)), cwd=tmp_path).stdout.splitlines()
    summaries = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [s["line"] for s in summaries] == [1, 2]
    france = next(r for r in summaries[0]["results"] if r["jurisdiction"] == "FR")
    # the same figures as a full line (Code pénal art. 226-8-1 al. 3 online: three years), in far fewer bytes
    assert france["tracks"][0]["max"]["prison"] == "P3Y"
    assert {f["status"] for f in france["findings"]} <= {"applies", "possible"}
    assert sum(map(len, target.read_text(encoding="utf-8").splitlines())) < sum(map(len, full)) / 2


def test_unsafe_characters_are_refused_written_or_escaped_and_a_crlf_line_is_not(tmp_path):
    """One search of the line decides when it has no backslash; the walk of its texts decides otherwise."""
    literal = json.dumps(dict(GOOD, title="report \u202e fdp.exe"), ensure_ascii=False)  # RIGHT-TO-LEFT OVERRIDE
    escaped = json.dumps(dict(GOOD, title="report \u202e fdp.exe"))  # the same, as "\u202e"
    key = json.dumps({**GOOD, "facts": {**GOOD["facts"], "minor\u200b": True}}, ensure_ascii=False)
    harmless = json.dumps(dict(GOOD, title='a "quoted" \\ title'))  # backslashes, nothing unsafe
    path = tmp_path / "reports.jsonl"
    path.write_bytes("\n".join([literal, escaped, key, harmless]).encode() + b"\n" + json.dumps(GOOD).encode() + b"\r\n")
    out = run_cli("assess", "--batch", str(path), cwd=tmp_path)
    assert [json.loads(line)["line"] for line in out.stdout.splitlines()] == [4, 5]
    errors = out.stderr.splitlines()
    assert errors[0].endswith(":1:1: the text holds a bidirectional control U+202E (RIGHT-TO-LEFT OVERRIDE): control, "
                              "bidirectional and zero-width characters are not allowed")
    assert errors[1].endswith(":2:1: " + errors[0].split(":1:1: ")[1])
    assert ":3:1: the text holds a zero-width character U+200B (ZERO WIDTH SPACE)" in errors[2]
    assert errors[-1] == "exposure: 3 bad line(s) skipped"


# ------------------------------------------------------------------------------------------------ worker routing
def test_routing_sends_each_text_to_one_worker_while_loads_are_even():
    from exposure.batch import route

    texts = [f'{{"report": {i % 7}}}\n'.encode() for i in range(70)]
    pending = [0, 0]
    owners = route(texts, pending)
    by_text: dict[bytes, set[int]] = {}
    for text, owner in zip(texts, owners, strict=True):
        by_text.setdefault(text, set()).add(owner)
    assert all(len(workers) == 1 for workers in by_text.values())  # every sighting where the first one went
    assert pending == [owners.count(0), owners.count(1)] and sum(pending) == 70


def test_routing_spreads_one_dominant_report_over_every_worker():
    """A queue of one report repeated: the owner takes lines until it is SLACK lines ahead, then the other does."""
    from exposure.batch import SLACK, route

    pending = [0, 0]
    owners = route([b'{"same": 1}\n'] * (4 * SLACK), pending)
    assert set(owners) == {0, 1}
    assert abs(pending[0] - pending[1]) <= SLACK + 1


def _queue(n: int) -> list[bytes]:
    """n lines of 5 recurring reports and some distinct ones, with a bad line among them."""
    lines = [json.dumps(dict(GOOD, title=f"report {i % 5 if i % 3 else i}")).encode() + b"\n" for i in range(n)]
    lines[n // 2] = b"{not json\n"
    return lines


def test_workers_give_the_lines_one_process_gives_in_the_same_order(rules):
    from exposure.batch import run

    lines = _queue(300)
    one = [(r.line, r.output, r.problems) for r in run(lines, "<queue>", rules, jobs=1)]
    two = [(r.line, r.output, r.problems) for r in run(lines, "<queue>", rules, jobs=2)]
    assert two == one
    assert [line for line, _, _ in two] == list(range(1, 301))
    assert two[150][1] is None and two[150][2][0].line == 151  # the bad line (index n // 2), reported at its line


def test_spawned_workers_give_the_same_lines(rules, monkeypatch):
    """Where a worker cannot start as a copy of the parent (macOS, Windows, a thread running), it is spawned and
    loads the rules itself."""
    from exposure import batch

    monkeypatch.setattr(batch, "_start_method", lambda: "spawn")
    lines = _queue(40)
    one = [r.output for r in batch.run(lines, "<queue>", rules, jobs=1)]
    assert [r.output for r in batch.run(lines, "<queue>", rules, jobs=2)] == one


def test_a_worker_that_dies_is_reported_not_waited_for(rules):
    import multiprocessing
    import os
    import signal

    import pytest

    from exposure.batch import WorkerLost, run

    results = run(_queue(4000), "<queue>", rules, jobs=2)
    assert next(results).line == 1
    workers = multiprocessing.active_children()
    assert workers
    os.kill(workers[0].pid, signal.SIGKILL)
    with pytest.raises(WorkerLost, match="ended"):
        for _ in results:
            pass
    assert not any(w.is_alive() for w in workers)  # the other worker was ended too


def test_a_line_seen_before_is_answered_from_memory_with_its_own_number(rules):
    """The same text again is not evaluated again, and its output is what a fresh assessor writes for that line."""
    from exposure.batch import BatchAssessor

    text = json.dumps(GOOD).encode() + b"\n"
    assessor = BatchAssessor(rules)
    first = assessor.line(text, 1)
    assessor.engine.assess = None  # a second evaluation would fail
    again = assessor.line(text, 42)
    assert again.line == 42 and again.problems == ()
    assert again.output == BatchAssessor(rules).line(text, 42).output
    assert json.loads(again.output)["line"] == 42 and json.loads(first.output)["line"] == 1


def test_a_bad_line_is_not_remembered_so_each_sighting_names_its_own_line(rules):
    from exposure.batch import BatchAssessor

    assessor = BatchAssessor(rules)
    bad = json.dumps(dict(GOOD, facts={"sexal": True})).encode()
    assert [assessor.line(bad, n).problems[0].line for n in (3, 9)] == [3, 9]


def test_a_new_day_is_a_new_entry(rules, monkeypatch):
    """Today's date is part of what a line's output depends on (the default as_of, the date cautions)."""
    from datetime import date

    from exposure import batch

    memo = batch.LineMemo()
    memo.put(b"x", batch.LineResult(1, '{"line":1,"a":1}'))
    assert memo.get(b"x", 5).output == '{"line":5,"a":1}'

    class Tomorrow(date):
        @classmethod
        def today(cls):
            return date.today() + (date(2000, 1, 2) - date(2000, 1, 1))

    monkeypatch.setattr(batch, "date", Tomorrow)
    assert memo.get(b"x", 5) is None


def test_the_line_memo_stays_within_its_budget():
    from exposure.batch import LineMemo, LineResult

    memo = LineMemo(budget=100)
    for n in range(50):
        memo.put(f"text {n}", LineResult(n, f'{{"line":{n},"value":"{"x" * 20}"}}'))
    # each entry costs 39: 7 characters of text ("text 49") and 32 of output after '{"line":49'
    assert memo._memo.used == 78 and len(memo._memo) == 2
    assert memo.get("text 49", 1) is not None and memo.get("text 0", 1) is None  # the oldest went first
    memo.put("huge", LineResult(1, '{"line":1,"v":"' + "x" * 200 + '"}'))  # larger than the whole budget
    assert memo.get("huge", 1) is None and memo.get("text 49", 1) is not None


def test_with_workers_the_parent_answers_lines_it_has_seen_and_keeps_the_order(rules):
    """A queue longer than the lines in flight, so that later sightings are answered by the parent's memo."""
    from exposure.batch import ROUND, ROUNDS_IN_FLIGHT, run

    n = 3 * ROUND * ROUNDS_IN_FLIGHT * 2  # three windows of two workers
    lines = [json.dumps(dict(GOOD, title=f"report {i % 4}")).encode() + b"\n" for i in range(n)]
    lines[n - 10] = b"{not json\n"
    one = [(r.line, r.output, r.problems) for r in run(lines, "<queue>", rules, jobs=1)]
    two = [(r.line, r.output, r.problems) for r in run(lines, "<queue>", rules, jobs=2)]
    assert two == one and [line for line, _, _ in two] == list(range(1, n + 1))
    assert two[n - 10][2][0].line == n - 9


def _two_pipes():
    """A :class:`_Workers` over two real pipes and two stand-in processes: what ``_answer`` reads and watches."""
    import multiprocessing
    from collections import deque

    from exposure.batch import _Workers

    class Alive:
        exitcode = None

        def is_alive(self):
            return True

        def join(self, timeout=None):
            pass

    workers = object.__new__(_Workers)
    pipes = [multiprocessing.Pipe(duplex=False) for _ in range(2)]
    workers.results = [reader for reader, _ in pipes]
    workers.processes = [Alive(), Alive()]
    workers.answered = [deque() for _ in range(2)]
    workers.ended = set()
    return workers, [writer for _, writer in pipes]


def test_waiting_for_one_worker_takes_in_what_the_other_has_ready():
    # A worker that runs ahead must not sit blocked on a full pipe until the parent gets round to it.
    workers, writers = _two_pipes()
    writers[1].send(["second worker, first batch"])
    writers[1].send(["second worker, second batch"])
    writers[0].send(["first worker, first batch"])
    assert workers._answer(0) == ["first worker, first batch"]
    assert len(workers.answered[1]) >= 1  # taken in while waiting, kept for its turn
    assert workers._answer(1) == ["second worker, first batch"]
    assert workers._answer(1) == ["second worker, second batch"]


def test_a_worker_ended_while_waiting_for_another_is_reported_at_its_turn():
    import pytest

    from exposure.batch import WorkerLost

    workers, writers = _two_pipes()
    writers[1].close()  # the second worker died
    writers[0].send(["first worker's batch"])
    assert workers._answer(0) == ["first worker's batch"]
    with pytest.raises(WorkerLost, match="worker process 2 ended"):
        workers._answer(1)
