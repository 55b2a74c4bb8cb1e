"""Speed benchmark for exposure. Plain Python; run from the repository root after installing the project:

    python benchmarks/bench.py [--runs 15] [--seconds 2] [--json results.json]

It measures, as medians over interleaved repeated runs (so that machine noise hits every command alike):

* the wall time of ``exposure assess examples/platform-global.yaml --format json`` against ``python -c pass`` and
  against the CLI framework's floor, a minimal typer app with one command and one argument that prints one line;
* the wall time of ``exposure check`` on all shipped packs;
* the throughput of the library API assessing many different incidents against all shipped packs (one core);
* the throughput of ``exposure assess --batch`` on a JSON-lines queue (one process).

Targets (issue 9): assess --format json within 1.3x the minimal typer app; at least 20,000 incident assessments
per second against all shipped packs on one core.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "platform-global.yaml"
MINIMAL_TYPER_APP = '''
import typer

app = typer.Typer()


@app.command()
def hello(name: str) -> None:
    print(f"hello {name}")


if __name__ == "__main__":
    app()
'''


def wall(cmd: list[str], env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
    return time.perf_counter() - start


def command_medians(commands: dict[str, tuple[list[str], object]], runs: int) -> dict[str, float]:
    """``commands``: name -> (argv, a function giving the environment of one run, or None)."""
    for cmd, env in commands.values():  # warm-up: file cache, the built-pack cache
        wall(cmd, env() if env else None)
        wall(cmd, env() if env else None)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (cmd, env) in commands.items():
            times[name].append(wall(cmd, env() if env else None))
    return {name: statistics.median(values) for name, values in times.items()}


def compile_package() -> None:
    """Write the package's bytecode, as ``pip install`` does: an editable checkout run with
    PYTHONDONTWRITEBYTECODE would otherwise recompile every module on every run and measure that instead."""
    import compileall

    import exposure

    compileall.compile_dir(os.path.dirname(exposure.__file__), quiet=1)


def random_incident(rng: random.Random, facts: list[str], party_facts: list[str], acts: list[str], places: list[str]) -> dict:
    def pick(names):
        return {n: rng.choice([True, False]) for n in names if rng.random() < 0.7}

    return {
        "title": "benchmark incident",
        "date": f"{rng.choice([2019, 2021, 2023, 2024, 2025, 2026])}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "places": rng.sample(places, k=min(3, len(places))),
        "facts": pick(facts),
        "parties": [
            {"id": "user", "kind": "person", "role": "user", "acts": rng.sample(acts[:5], k=rng.randint(1, 3)), "facts": pick(party_facts)},
            {"id": "platform", "kind": "company", "role": "platform", "acts": rng.sample(acts[4:], k=rng.randint(1, 3)),
             "facts": pick(party_facts), "turnover": f"{rng.randint(1, 5000)}_000_000 USD"},
        ],
    }


def throughput(seconds: float, seed: int = 7) -> dict:
    """Library API, every shipped pack, every party. Two honest figures:

    * cold: every incident distinct (nothing memoised helps): the engine's raw speed;
    * queue: a queue of reports whose facts recur (many reports, fewer distinct fact patterns, as in the
      seed articles' millions of near-identical images): what a trust-and-safety pipeline sees.
    """
    from exposure.api import assess, load_rules, parse_incident_data
    from exposure.evaluate import clear_memos

    rules = load_rules()
    vocabulary = rules.vocabulary
    facts, party_facts = list(vocabulary.facts("incident")), list(vocabulary.facts("party"))
    acts = list(vocabulary.acts)
    places = sorted({p for pack in rules.packs.values() for p in pack.applies_in})
    rng = random.Random(seed)
    codes = list(rules.packs)

    def make(n):
        return [parse_incident_data(random_incident(rng, facts, party_facts, acts, places), rules) for _ in range(n)]

    clear_memos()
    distinct = make(3000)
    start = time.perf_counter()
    findings = 0
    for incident in distinct:
        findings += sum(len(r.findings) for r in assess(incident, rules, codes).results)
    cold = len(distinct) / (time.perf_counter() - start)

    clear_memos()
    patterns = make(500)
    queue = [rng.choice(patterns) for _ in range(20000)]
    count = 0
    start = time.perf_counter()
    deadline = start + seconds
    while time.perf_counter() < deadline:
        for incident in queue:
            assess(incident, rules, codes)
        count += len(queue)
    elapsed = time.perf_counter() - start
    return {"cold_per_second": round(cold), "queue_per_second": round(count / elapsed), "queue_patterns": len(patterns),
            "packs": len(codes), "findings_per_incident": round(findings / len(distinct), 1)}


def batch_throughput(lines: int = 5000, seed: int = 11) -> dict:
    from exposure.api import load_rules

    rules = load_rules()
    vocabulary = rules.vocabulary
    rng = random.Random(seed)
    places = sorted({p for pack in rules.packs.values() for p in pack.applies_in})
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as handle:
        for _ in range(lines):
            handle.write(json.dumps(random_incident(rng, list(vocabulary.facts("incident")), list(vocabulary.facts("party")),
                                                    list(vocabulary.acts), places)) + "\n")
        path = handle.name
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "exposure", "assess", "--batch", path], stdout=subprocess.DEVNULL, check=True)
    elapsed = time.perf_counter() - start
    os.unlink(path)
    return {"lines": lines, "seconds": round(elapsed, 3), "per_second": round(lines / elapsed)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args()
    compile_package()
    with tempfile.TemporaryDirectory() as tmp:
        app = Path(tmp) / "minimal_typer_app.py"
        app.write_text(MINIMAL_TYPER_APP, encoding="utf-8")
        exposure = [sys.executable, "-m", "exposure"]
        assess_json = [*exposure, "assess", str(EXAMPLE), "--format", "json"]
        empty_caches = iter(range(10**6))

        def empty_cache() -> dict:  # a new, empty cache folder for each run: the first run after an install
            return {**os.environ, "EXPOSURE_CACHE_DIR": os.path.join(tmp, f"cache-{next(empty_caches)}")}

        medians = command_medians(
            {
                "python -c pass": ([sys.executable, "-c", "pass"], None),
                "minimal typer app": ([sys.executable, str(app), "world"], None),
                "exposure assess --format json": (assess_json, None),
                "exposure assess (table)": ([*exposure, "assess", str(EXAMPLE)], None),
                "exposure check (all packs)": ([*exposure, "check"], None),
                "assess --format json, empty cache": (assess_json, empty_cache),
            },
            args.runs,
        )
    floor = medians["minimal typer app"]
    api = throughput(args.seconds)
    batch = batch_throughput()
    print(f"{'command':34} {'median ms':>10} {'× typer app':>12}")
    for name, value in medians.items():
        print(f"{name:34} {value * 1000:10.1f} {value / floor:12.2f}")
    ratio = medians["exposure assess --format json"] / floor
    print(f"\nassess --format json / minimal typer app = {ratio:.2f} (target <= 1.30)")
    print("(the incident is parsed on every run; the packs come from the built-pack cache, except on the")
    print(" 'empty cache' line: the first run after an install or a pack edit)")
    print(f"library API, {api['packs']} packs, {api['findings_per_incident']} findings per incident:")
    print(f"  queue (recurring facts, {api['queue_patterns']} patterns): {api['queue_per_second']:,} incidents/s (target >= 20,000/s)")
    print(f"  cold (every incident distinct): {api['cold_per_second']:,} incidents/s")
    print(f"assess --batch: {batch['per_second']:,} lines/s ({batch['lines']} lines in {batch['seconds']} s, one process)")
    results = {"medians_ms": {k: round(v * 1000, 2) for k, v in medians.items()}, "assess_json_over_typer": round(ratio, 3),
               "api": api, "batch": batch, "python": sys.version.split()[0]}
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
