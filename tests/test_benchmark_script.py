"""The benchmark script (the speed goals live there, not in timed tests) still runs, reports every figure, and
reports the real workload: the queue it says it assessed, every pack, and memos that work (a queue of recurring
reports goes faster than distinct ones)."""

import json
import subprocess
import sys

from .conftest import ROOT


def test_the_benchmark_script_runs(tmp_path):
    out = tmp_path / "bench.json"
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--quick", "--json", str(out)],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    figures = json.loads(out.read_text())
    medians = figures["medians_ms"]
    assert 0 < medians["python -c pass"] < medians["minimal typer app"]  # the floor is below the framework
    ratio = medians["exposure assess --format json"] / medians["minimal typer app"]
    assert abs(figures["assess_json_over_typer"] - ratio) < 0.01  # the headline ratio is the one of the medians
    api = figures["api"]
    assert api["packs"] == len(list((ROOT / "rules").glob("*.tests.yaml")))  # every shipped pack was assessed
    assert api["queue_length"] == 2_000 and api["queue_patterns"] == 50 and api["findings_per_incident"] > 0
    assert api["queue_per_second"] > api["cold_per_second"] > 0  # recurring reports are answered from the memos
    assert {k: v["lines"] for k, v in figures["batch"].items()} == {
        "queue_jobs1": 500, "queue_jobs2": 500, "distinct_jobs1": 200, "distinct_jobs2": 200}
    assert set(figures["own_work_ms"]) >= {"import exposure", "load the packs", "evaluate", "write JSON"}
    assert all(v > 0 for v in figures["own_work_ms"].values())
    assert "target <= 1.30" in done.stdout and "target >= 20,000/s" in done.stdout
