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
