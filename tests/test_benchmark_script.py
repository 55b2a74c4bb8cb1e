"""The benchmark script (issue 9's speed goals live there, not in timed tests) still runs and reports every figure."""

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
    assert figures["medians_ms"]["minimal typer app"] > 0 and figures["assess_json_over_typer"] > 0
    assert figures["api"]["queue_per_second"] > 0 and figures["api"]["cold_per_second"] > 0
    assert set(figures["batch"]) == {"queue_jobs1", "queue_jobs2", "distinct_jobs1", "distinct_jobs2"}
    assert set(figures["own_work_ms"]) >= {"load the packs", "evaluate", "write JSON"}
    assert "target <= 1.30" in done.stdout
