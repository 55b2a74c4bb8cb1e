"""Trust under attack (issue 20): what an incident, a queue, a pack folder or the terminal around the tool can do.

Each test names the defect it guards against; each failed before the fix. The YAML and JSON inputs of the same
classes are in the hostile corpus (tests/corpus/), which checks their located messages."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import EXAMPLES, ROOT, RULES, run_cli

PLATFORM = EXAMPLES / "platform-global.yaml"
ENV = {"NO_COLOR": "1", "COLUMNS": "100", "PATH": "/usr/bin:/bin"}


def one_line_error(out: subprocess.CompletedProcess, needle: str) -> None:
    assert out.returncode == 1, (out.returncode, out.stderr)
    assert "Traceback" not in out.stderr and "internal error" not in out.stderr, out.stderr
    assert needle in out.stderr, out.stderr


# ------------------------------------------------------------------------------------------ special files
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
@pytest.mark.parametrize("command", [["assess"], ["compare"], ["assess", "--batch"]])
def test_a_fifo_is_refused_not_waited_on(tmp_path, command):
    fifo = tmp_path / "queue"
    os.mkfifo(fifo)
    out = run_cli(*command, str(fifo))  # run_cli's timeout (60 s) would fail the test on a hang
    one_line_error(out, "found a FIFO (not a regular file)")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_in_a_rules_folder_is_refused_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "xx.yaml")
    out = run_cli("assess", str(EXAMPLES / "adult-deepfake-fr.yaml"), "--rules", str(tmp_path))
    one_line_error(out, "found a FIFO (not a regular file)")


def test_a_device_is_refused_before_it_is_read():
    one_line_error(run_cli("assess", "/dev/zero"), "found a device or socket")


def test_a_symlink_loop_is_bad_input_not_a_bug(tmp_path):
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    one_line_error(run_cli("assess", str(tmp_path / "a.yaml")), "Too many levels of symbolic links")


def test_a_full_disk_is_said_in_one_line():
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    queue = json.dumps(_queue_line()) + "\n"
    out = run_cli("assess", "--batch", "-", "--output", "/dev/full", input=queue)
    one_line_error(out, "No space left on device")


# --------------------------------------------------------------------------------------------------- batch
def _queue_line() -> dict:
    return {
        "title": "Requested AI edit",
        "date": "2026-01-02",
        "places": ["FR"],
        "facts": {"sexual": True, "synthetic": True, "real_person": True, "consent": False, "online": True},
        "parties": [{"id": "requester", "kind": "person", "role": "user", "acts": ["share"]}],
    }


def test_batch_refuses_the_options_it_cannot_honour():
    for extra, needle in ((["--format", "table"], "--format table"), (["--history"], "--history")):
        out = run_cli("assess", "--batch", "-", *extra, input="")
        assert out.returncode == 2 and needle in out.stderr, out.stderr
    for extra in (["--output", "x.jsonl"], ["--summary"], ["--jobs", "2"]):
        out = run_cli("assess", str(PLATFORM), *extra)
        assert out.returncode == 2 and "works with --batch FILE only" in out.stderr, out.stderr


def test_batch_honours_as_of_like_a_single_assessment(tmp_path):
    line = json.dumps(_queue_line())
    for as_of in ("2026-01-02", "2026-12-03"):
        alone = tmp_path / "one.yaml"
        alone.write_text(line, encoding="utf-8")  # JSON is YAML
        single = json.loads(run_cli("assess", str(alone), "-f", "json", "--as-of", as_of).stdout)
        queued = json.loads(run_cli("assess", "--batch", "-", "--as-of", as_of, "--explain", input=line + "\n").stdout)
        assert queued["as_of"] == single["as_of"] == as_of
        assert queued["results"] == single["results"]


def test_jobs_are_capped_at_the_cpu_count():
    lines = (json.dumps(_queue_line()) + "\n") * 3
    out = run_cli("assess", "--batch", "-", "--jobs", "1000", input=lines)
    assert out.returncode == 0, out.stderr
    assert f"--jobs 1000 capped at {os.cpu_count()}" in out.stderr
    assert len(out.stdout.splitlines()) == 3


def test_a_queue_is_read_a_window_at_a_time(rules):
    """Pool.imap alone reads the whole queue ahead of the workers: memory grew with the number of lines."""
    from exposure.batch import CHUNK, WINDOW_PER_JOB, run

    read = 0
    line = json.dumps(_queue_line()).encode()

    def queue():
        nonlocal read
        for _ in range(100_000):
            read += 1
            yield line

    results = run(queue(), "<queue>", rules, jobs=2)
    first = next(results)
    assert first.output is not None
    assert read <= 2 * WINDOW_PER_JOB * 2 + CHUNK, read  # one window in flight, not the 100,000 lines
    results.close()


def test_a_line_longer_than_the_limit_is_drained_not_held():
    from exposure.batch import MAX_LINE, bounded_lines

    stream = io.BytesIO(b"x" * (3 * MAX_LINE) + b"\n" + b'{"a": 1}\n')
    lines = list(bounded_lines(stream))
    assert len(lines) == 2 and len(lines[0]) == MAX_LINE + 1 and lines[1] == b'{"a": 1}\n'


@pytest.mark.slow  # waits for workers to start and end
def test_sigterm_with_workers_ends_without_tracebacks():
    line = (json.dumps(_queue_line()) + "\n").encode()
    process = subprocess.Popen(
        [sys.executable, "-m", "exposure", "assess", "--batch", "-", "--jobs", "2"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=ENV,
    )
    assert process.stdin is not None and process.stderr is not None
    process.stdin.write(line * 200)
    process.stdin.flush()
    time.sleep(3)  # the workers have started (spawn) and are waiting for more lines
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=30)
    text = err.decode()
    assert process.returncode == 143, (process.returncode, text)
    assert "Traceback" not in text and "BrokenPipe" not in text, text
    assert "exposure: terminated" in text


# ------------------------------------------------------------------------------------------- text is data
def test_markup_and_emoji_codes_in_a_title_are_printed_as_written(tmp_path):
    incident = tmp_path / "i.yaml"
    incident.write_text(
        'title: "[/]x :smile: [allegedly] [bold red]"\ndate: 2026-01-02\nplaces: [FR]\n'
        "parties: [{id: u, kind: person, role: user, acts: [share], name: '[link=javascript:x]me[/link]'}]\n",
        encoding="utf-8",
    )
    out = run_cli("assess", str(incident))
    assert out.returncode == 0, out.stderr
    assert "[/]x :smile: [allegedly] [bold red]" in out.stdout and "😄" not in out.stdout
    assert "«[link=javascript:x]me[/link]»" in out.stdout  # a party's name is shown, as text


def test_markup_in_a_pack_title_cannot_break_the_tables(tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    text = (RULES / "fr.yaml").read_text(encoding="utf-8")
    text = text.replace("name: {local: France, en: France}", "name: {local: 'Fr[/]ance [bold]', en: 'Fr[/]ance [bold]'}", 1)
    assert "Fr[/]ance" in text
    (folder / "fr.yaml").write_text(text, encoding="utf-8")
    out = run_cli("assess", str(EXAMPLES / "adult-deepfake-fr.yaml"), "--rules", str(folder), "--in", "FR")
    assert out.returncode == 0, out.stderr
    assert "Fr[/]ance [bold]" in out.stdout


def test_a_closed_pipe_ends_quietly_with_success():
    for command in (["assess", str(PLATFORM)], ["compare", str(PLATFORM)], ["facts"]):
        process = subprocess.Popen(
            [sys.executable, "-m", "exposure", *command],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            env=ENV,
        )
        assert process.stdout is not None and process.stderr is not None
        process.stdout.readline()
        process.stdout.close()  # what `| head -1` does
        err = process.stderr.read().decode()
        process.wait(timeout=60)
        assert process.returncode == 0, (command, process.returncode, err)
        assert err == "", err


def test_a_test_case_name_cannot_forge_check_lines_or_workflow_commands(tmp_path):
    for name in ("fr.yaml", "vocabulary.yaml"):
        shutil.copy(RULES / name, tmp_path / name)
    tests = (RULES / "fr.tests.yaml").read_text(encoding="utf-8")
    forged = "x\\nrules/fr.yaml:1:1: E101: forged\\n::add-mask::secret\\n::error::forged"
    first_name = tests.split("- name: ", 1)[1].split("\n", 1)[0]
    tests = tests.replace(f"- name: {first_name}", f'- name: "{forged}"', 1)
    tests = tests.replace("status: applies", "status: possible", 1)  # make that case fail
    (tmp_path / "fr.tests.yaml").write_text(tests, encoding="utf-8")
    text = run_cli("check", str(tmp_path / "fr.yaml"))
    assert text.returncode == 1
    for line in text.stdout.splitlines():
        assert line.startswith((str(tmp_path), "  ")), line  # a problem line, or an indented continuation
    github = run_cli("check", str(tmp_path / "fr.yaml"), "--format", "github")
    for line in github.stdout.splitlines():  # a workflow command is read at the start of a line only
        assert line.startswith(("::error file=", "::warning file=")), line
    assert "\\n::add-mask::secret" in github.stdout  # the forged command stays inside its message, escaped


# -------------------------------------------------------------------------------------- packs and overrides
def test_a_pack_that_replaces_a_shipped_one_says_so(tmp_path):
    shutil.copy(RULES / "fr.yaml", tmp_path / "fr.yaml")
    table = run_cli("assess", str(EXAMPLES / "adult-deepfake-fr.yaml"), "--rules", str(tmp_path), "--in", "FR")
    assert "Replaced: FR is read from" in " ".join(table.stdout.split())
    data = json.loads(
        run_cli("assess", str(EXAMPLES / "adult-deepfake-fr.yaml"), "--rules", str(tmp_path), "-f", "json").stdout
    )
    fr = next(p for p in data["receipt"]["packs"] if p["id"] == "FR")
    assert fr["replaces"].endswith("rules/fr.yaml") and fr["file"] != fr["replaces"]  # the shipped file, wherever installed
    assert all("replaces" not in p for p in data["receipt"]["packs"] if p["id"] != "FR")


def test_two_files_for_one_jurisdiction_are_an_error(tmp_path):
    shutil.copy(RULES / "fr.yaml", tmp_path / "france.yaml")
    out = run_cli("assess", str(EXAMPLES / "adult-deepfake-fr.yaml"), "--rules", str(tmp_path))
    one_line_error(out, "pack code 'FR' is already declared by")


def test_check_validates_a_vocabulary_override_against_the_packs_it_serves(tmp_path):
    vocabulary = (RULES / "vocabulary.yaml").read_text(encoding="utf-8")
    start = vocabulary.index("\n  online:")
    end = vocabulary.index("\n  ", start + 3)
    while vocabulary[end + 3] == " ":
        end = vocabulary.index("\n  ", end + 3)
    (tmp_path / "vocabulary.yaml").write_text(vocabulary[:start] + vocabulary[end:], encoding="utf-8")
    out = run_cli("check", str(tmp_path / "vocabulary.yaml"))
    assert out.returncode == 1
    assert "rules/fr.yaml" in out.stdout and "'online'" in out.stdout


# -------------------------------------------------------------------------------------------- small points
@pytest.mark.parametrize(
    "rate, needle",
    [("EUR=2", "the euro's own rate is 1"), ("USD=1e-999", "lies between"), ("USD=1e999", "lies between")],
)
def test_rates_outside_any_quotation_are_refused(rate, needle):
    out = run_cli("compare", str(PLATFORM), "--rate", rate)
    assert out.returncode == 2 and needle in out.stderr and "internal error" not in out.stderr, out.stderr


@pytest.mark.parametrize("place", ["ıt", "ß", "ＦＲ"])
def test_a_place_is_never_folded_into_a_code(tmp_path, place):
    incident = tmp_path / "i.yaml"
    incident.write_text(
        f"title: x\ndate: 2026-01-02\nplaces: [{place}]\nparties: [{{id: u, kind: person, role: user}}]\n",
        encoding="utf-8",
    )
    one_line_error(run_cli("assess", str(incident)), "codes are ASCII letters")


def test_a_look_alike_name_is_shown_by_its_code_points(tmp_path):
    incident = tmp_path / "i.yaml"
    incident.write_text(
        "title: x\ndate: 2026-01-02\nplaces: [FR]\nparties: [{id: u, kind: person, role: user, acts: [sh\u0430re]}]\n",
        encoding="utf-8",
    )
    one_line_error(run_cli("assess", str(incident)), "unknown act 'sh\\u0430re' (did you mean 'share'?)")
