"""The library API inside a distributed engine: the README's Dask example, run locally on a partitioned queue."""

import json

import pytest

db = pytest.importorskip("dask.bag")

from exposure.api import load_rules  # noqa: E402
from exposure.batch import BatchAssessor  # noqa: E402

REPORT = {"title": "report", "date": "2026-01-02", "places": ["FR"],
          "facts": {"sexual": True, "synthetic": True, "real_person": True, "minor": False, "consent": False,
                    "online": True, "labelled_fake": False},
          "parties": [{"id": "u", "kind": "person", "role": "user", "acts": ["share"]}]}


def assess_partition(lines):
    assessor = BatchAssessor(load_rules(), name="queue")  # one engine per partition, as --batch has one per process
    results = (assessor.line(line, number) for number, line in enumerate(lines, 1))
    return [r.output for r in results if r.output is not None]


def test_dask_bag_over_a_partitioned_queue(tmp_path):
    for part in range(3):
        lines = [json.dumps(dict(REPORT, title=f"report {part}-{i}")) for i in range(20)]
        if part == 1:
            lines.append("{not json")  # a bad line is skipped, not fatal
        (tmp_path / f"reports-{part}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    bag = db.read_text(str(tmp_path / "reports-*.jsonl")).map_partitions(assess_partition)
    results = [json.loads(line) for line in bag.compute(scheduler="processes", num_workers=2)]
    assert len(results) == 60
    assert {r["incident"]["title"] for r in results} == {f"report {p}-{i}" for p in range(3) for i in range(20)}
    france = next(r for r in results[0]["results"] if r["jurisdiction"] == "FR")
    # Code pénal art. 226-8-1 al. 3: three years online, in every partition alike
    assert france["tracks"][0]["max"]["prison"] == "P3Y"
