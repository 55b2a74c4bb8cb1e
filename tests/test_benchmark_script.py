"""The benchmark script (the speed goals live there, not in timed tests) still runs, reports every figure with its
spread, and reports the real workload: the queues it says it assessed, every pack, and memos that work (a queue of
recurring reports goes faster than distinct ones). It fails loudly when a measured command fails."""

import json
import subprocess
import sys

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow  # runs the benchmark script (its --quick mode): some 20 s


def test_the_benchmark_script_runs(tmp_path):
    out = tmp_path / "bench.json"
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--quick", "--json", str(out)],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    figures = json.loads(out.read_text())
    startup = figures["startup"]
    floor = startup["minimal typer app"]["median"]
    assert 0 < startup["python -c pass"]["median"] < floor  # the floor is below the framework
    ratio = startup["exposure assess --format json"]["median"] / floor
    assert abs(figures["assess_json_over_typer"] - ratio) < 0.01  # the headline ratio is the one of the medians
    for figure in startup.values():
        assert figure["low"] <= figure["median"] <= figure["high"]
    assert figures["packs"] == len(list((ROOT / "rules").glob("*.tests.yaml")))  # every shipped pack was assessed
    api = figures["api"]
    assert api["distinct"]["reports"] == 300 and api["recurring"]["reports"] == 1_000
    assert api["recurring"]["per_second"]["median"] > api["distinct"]["per_second"]["median"] > 0
    assert api["distinct"]["bytes_per_report"] > 0 and figures["memory"]["peak_rss_mb"]["median"] > 0
    assert {k: v["lines"] for k, v in figures["batch"].items()} == {
        "distinct_jobs1": 200, "distinct_jobs2": 200, "recurring_jobs1": 500, "recurring_jobs2": 500,
        "reordered_jobs1": 500, "reordered_jobs2": 500}
    for kind in ("distinct", "recurring", "reordered"):  # the ratio is that of the paired runs, not of two medians
        ratio = figures["batch"][f"{kind}_jobs2"]["over_jobs1"]
        assert ratio["low"] <= ratio["median"] <= ratio["high"] and ratio["runs"] == 1
    assert set(figures["own_work"]) >= {"import exposure", "load the packs", "evaluate", "write JSON"}
    assert "median (lowest-highest)" in done.stdout and "peak RSS" in done.stdout


def test_a_failing_command_stops_the_benchmark():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import bench
    finally:
        sys.path.pop(0)
    import pytest

    with pytest.raises(bench.Failed, match="exited 1"):
        bench.run([sys.executable, "-c", "import sys; sys.exit(1)"], {})


def test_the_side_by_side_script_compares_two_commits():
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "side_by_side.py"), "HEAD", "--runs", "1",
                           "--lines", "50", "--recurring", "500"], capture_output=True, text=True, cwd=ROOT,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "start-up" in out and out.count("lines/s") == 4 and "now / before, run by run" in out
    listed = subprocess.run(["git", "-C", str(ROOT), "worktree", "list"], capture_output=True, text=True).stdout
    assert "exposure-side-" not in listed  # the temporary worktree is removed


def test_the_side_by_side_script_names_a_commit_it_cannot_check_out():
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "side_by_side.py"), "no-such-commit"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 1
    assert done.stderr.startswith("side by side stopped: 'no-such-commit' cannot be checked out")
    assert "Traceback" not in done.stderr
