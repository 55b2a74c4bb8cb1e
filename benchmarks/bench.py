"""Speed and memory benchmark for exposure. Plain Python; run from the repository root after installing the project:

    python benchmarks/bench.py [--runs 9] [--json results.json] [--quick]

Every figure is the median over repeated runs with its spread (the lowest and the highest run), and says what the
workload is. Commands run interleaved, so that machine noise hits each alike. Nothing is shared with the user's own
set-up: the cache and the cache's key live in a temporary folder (``EXPOSURE_CACHE_DIR``, ``EXPOSURE_CONFIG_DIR``),
and any command that fails stops the benchmark with its error output.

Measured:

* start-up: ``exposure assess examples/platform-global.yaml --format json``, warm (built packs in the cache) and with
  an empty cache, against ``python -c pass`` and against a minimal typer app (the CLI framework's floor); the table
  output; ``exposure check`` on every shipped pack and its test cases;
* where exposure's own time goes in that command (in-process, after the framework's own imports);
* the library API on one core, every shipped pack, end to end (JSON text in, the assessment's JSON out): distinct
  reports (random facts, places, dates and turnovers: what a real queue holds) and recurring ones (500 fact
  patterns in a long queue: near-identical reports);
* peak memory (maximum resident set) of one process assessing a long queue of distinct reports through the API;
* ``exposure assess --batch`` on JSON-lines queues, with ``--jobs 1`` and ``--jobs 2``: distinct reports, recurring
  ones (500 reports, each line written alike: the memo of lines seen word for word answers them), and the same
  recurring reports with each line's keys in a random order (only the engine's memos answer them);
* what the machine gives two processes at once: the same pure-Python loop run alone and then twice side by side,
  the work done per second side by side over the work alone (2.0 on two free cores, 1.0 when two processes share
  one core's worth of time): ``--jobs 2`` cannot scale beyond it.
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


class Failed(RuntimeError):
    """A measured command failed: the benchmark stops, since its figure would mean nothing."""


def run(cmd: list[str], env: dict, stdin=None) -> float:
    """The wall time of one command; its failure stops the benchmark with its error output."""
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=stdin, env=env, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise Failed(f"{' '.join(cmd)} exited {done.returncode}:\n{done.stderr.decode(errors='replace')[-2000:]}")
    return elapsed


def spread(values: list[float]) -> dict:
    """Median, lowest and highest of repeated runs."""
    return {"median": statistics.median(values), "low": min(values), "high": max(values), "runs": len(values)}


def command_spreads(commands: dict[str, tuple[list[str], object]], runs: int, env: dict) -> dict[str, dict]:
    """``commands``: name -> (argv, a function giving the environment of one run, or None for ``env``)."""
    for cmd, make_env in commands.values():  # warm-up: the file cache and the built-pack cache
        for _ in range(2):
            run(cmd, make_env() if make_env else env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (cmd, make_env) in commands.items():
            times[name].append(run(cmd, make_env() if make_env else env))
    return {name: spread(values) for name, values in times.items()}


def compile_package() -> None:
    """Write the package's bytecode, as ``pip install`` does: an editable checkout run with
    PYTHONDONTWRITEBYTECODE would otherwise recompile every module on every run and measure that instead."""
    import compileall

    import exposure

    compileall.compile_dir(os.path.dirname(exposure.__file__), quiet=1)


# ------------------------------------------------------------------------------------------------- workloads
def random_incident(rng: random.Random, facts: list[str], party_facts: list[str], acts: list[str], places: list[str],
                    implies: dict[str, tuple[str, ...]] | None = None) -> dict:
    """A random but consistent incident: ages come from one victim_age, and a true fact makes true what the
    vocabulary says it implies (contradictions are input errors, not incidents)."""
    def pick(names):
        return {n: rng.choice([True, False]) for n in names if rng.random() < 0.7}

    stated = pick(facts)
    for name, implied in (implies or {}).items():
        if stated.get(name) is True:
            stated.update(dict.fromkeys(implied, True))
    out = {
        "title": "benchmark incident",
        "date": f"{rng.choice([2019, 2021, 2023, 2024, 2025, 2026])}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "places": rng.sample(places, k=min(3, len(places))),
        "facts": stated,
        "parties": [
            {"id": "user", "kind": "person", "role": "user", "acts": rng.sample(acts[:5], k=rng.randint(1, 3)), "facts": pick(party_facts)},
            {"id": "platform", "kind": "company", "role": "platform", "acts": rng.sample(acts[4:], k=rng.randint(1, 3)),
             "facts": pick(party_facts), "turnover": f"{rng.randint(1, 5000)}_000_000 USD"},
        ],
    }
    if rng.random() < 0.7:
        out["victim_age"] = rng.randint(5, 40)
    return out


def _incidents(rules, rng: random.Random, n: int) -> list[dict]:
    vocabulary = rules.vocabulary
    ages = {name for _, name in vocabulary.age_facts}
    facts = [n for n in vocabulary.facts("incident") if n not in ages]
    party_facts = list(vocabulary.facts("party"))
    acts = list(vocabulary.acts)
    places = sorted({p for pack in rules.packs.values() for p in pack.applies_in})
    implies = {n: e.implies for n, e in vocabulary.entries.items() if e.implies}
    return [random_incident(rng, facts, party_facts, acts, places, implies) for _ in range(n)]


API_WORKER = r'''
import gc, json, resource, sys, time
from exposure.api import Engine, load_rules, parse_incident_data
from exposure.render.json_out import render
with open(sys.argv[1], encoding="utf-8") as handle:  # counted first, then read a line at a time: the queue itself
    total = sum(1 for _ in handle)                     # never sits in memory (100,000 reports are 100 MB of text)
rules = load_rules()
gc.freeze()  # as the README's long-running worker does: the rules are never garbage
codes = list(rules.packs)
engine = Engine(rules)
start = time.perf_counter()
size = 0
marks = {total * k // 4 for k in (1, 2, 3, 4)}
curve = []
with open(sys.argv[1], encoding="utf-8") as handle:
    for i, line in enumerate(handle, 1):  # end to end: JSON text in, the assessment's JSON document out
        size += len(render(engine.assess(parse_incident_data(json.loads(line), rules), codes)))
        if i in marks:
            curve.append([i, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024])
elapsed = time.perf_counter() - start
print(json.dumps({"per_second": total / elapsed, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "bytes_per_report": size / total, "packs": len(codes), "rss_curve": curve}))
'''


def reordered(rng: random.Random, item):
    """The same report written differently: every object's keys in a random order (the same incident, another
    text, so that only the engine's memos can answer it, not the memo of lines seen word for word)."""
    if isinstance(item, dict):
        keys = list(item)
        rng.shuffle(keys)
        return {key: reordered(rng, item[key]) for key in keys}
    if isinstance(item, list):
        return [reordered(rng, value) for value in item]
    return item


def write_queue(folder: Path, name: str, items: list[dict]) -> Path:
    path = folder / f"{name}.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for item in items:
            handle.write(json.dumps(item) + "\n")
    return path


def api_throughput(folder: Path, env: dict, queues: dict[str, Path], runs: int) -> dict:
    """The library API on one core, in a fresh process per run (memos empty at the start, first sightings included),
    end to end; with each run's peak memory."""
    out = {}
    for name, path in queues.items():
        rates, peaks = [], []
        for _ in range(runs):
            done = subprocess.run([sys.executable, "-c", API_WORKER, str(path)], capture_output=True, text=True, env=env,
                                  check=False)
            if done.returncode != 0:
                raise Failed(f"API worker on {path.name} failed:\n{done.stderr[-2000:]}")
            figures = json.loads(done.stdout)
            rates.append(figures["per_second"])
            peaks.append(figures["peak_rss_mb"])
        lines = sum(1 for _ in path.open(encoding="utf-8"))
        out[name] = {"reports": lines, "per_second": spread(rates), "peak_rss_mb": spread(peaks),
                     "bytes_per_report": round(figures["bytes_per_report"]), "packs": figures["packs"],
                     "rss_curve_mb": [[n, round(mb)] for n, mb in figures["rss_curve"]]}
    return out


def batch_throughput(env: dict, queues: dict[str, Path], runs: int) -> dict:
    """``exposure assess --batch`` end to end (process start included), one process, then two, interleaved run by
    run (machine noise hits both alike); with the ratio of each pair of runs."""
    out = {}
    for name, path in queues.items():
        lines = sum(1 for _ in path.open(encoding="utf-8"))
        rates: dict[int, list[float]] = {1: [], 2: []}
        for _ in range(runs):
            for jobs in (1, 2):
                command = [sys.executable, "-m", "exposure", "assess", "--batch", str(path), "--jobs", str(jobs)]
                rates[jobs].append(lines / run(command, env))
        for jobs in (1, 2):
            out[f"{name}_jobs{jobs}"] = {"lines": lines, "per_second": spread(rates[jobs])}
        out[f"{name}_jobs2"]["over_jobs1"] = spread([two / one for one, two in zip(rates[1], rates[2], strict=True)])
    return out


BREAKDOWN = r'''
import io, json, sys, time
import typer
app = typer.Typer()
@app.command()
def hello(name: str) -> None:
    pass
app(["world"], standalone_mode=False)  # the framework's own work first, as in every command
t0 = time.perf_counter()
from exposure import api
from exposure.render.json_out import render
t1 = time.perf_counter()
doc = api.read_incident_file(sys.argv[1])
t2 = time.perf_counter()
rules = api.load_rules((), places=api.incident_places(doc))
t3 = time.perf_counter()
result = api.assess(api.incident_from_document(doc, rules), rules)
t4 = time.perf_counter()
text = render(result)
t5 = time.perf_counter()
print(json.dumps({"import exposure": t1 - t0, "read the incident (YAML)": t2 - t1, "load the packs": t3 - t2,
                  "evaluate": t4 - t3, "write JSON": t5 - t4}))
'''


def breakdown(runs: int, env: dict) -> dict[str, dict]:
    """Where exposure's own time goes in ``assess --format json`` (in-process, after the framework's imports)."""
    samples: dict[str, list[float]] = {}
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", BREAKDOWN, str(EXAMPLE)], capture_output=True, text=True, env=env,
                              check=False)
        if done.returncode != 0:
            raise Failed(f"breakdown failed:\n{done.stderr[-2000:]}")
        for name, value in json.loads(done.stdout).items():
            samples.setdefault(name, []).append(value)
    return {name: spread(values) for name, values in samples.items()}


BURN = "import time\nt = time.perf_counter()\nx = 0\nfor i in range(8_000_000):\n    x += i\nprint(time.perf_counter() - t)\n"


def parallel_capacity(runs: int) -> dict:
    """Work per second of two processes running side by side over one running alone (each the same CPU-bound
    loop): how much a second process can add on this machine."""
    ratios = []
    for _ in range(runs):
        alone = float(subprocess.run([sys.executable, "-c", BURN], capture_output=True, text=True, check=True).stdout)
        pair = [subprocess.Popen([sys.executable, "-c", BURN], stdout=subprocess.PIPE, text=True) for _ in range(2)]
        both = [float(p.communicate()[0]) for p in pair]
        ratios.append(2 * alone / max(both))
    return spread(ratios)


# ---------------------------------------------------------------------------------------------------- report
def ms(figure: dict) -> str:
    return f"{figure['median'] * 1000:7.1f} ms ({figure['low'] * 1000:.0f}-{figure['high'] * 1000:.0f})"


def rate(figure: dict) -> str:
    return f"{figure['median']:9,.0f}/s ({figure['low']:,.0f}-{figure['high']:,.0f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="repetitions of each start-up measure (default 9)")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--distinct", type=int, default=3_000, help="distinct reports per API run (default 3,000)")
    parser.add_argument("--memory", type=int, default=20_000,
                        help="distinct reports in the peak-memory run (default 20,000; the issue's 100,000 takes long)")
    parser.add_argument("--quick", action="store_true", help="one run and small queues: checks that the script works "
                        "(the test suite runs it so); its figures mean nothing")
    args = parser.parse_args()
    runs, heavy_runs = (1, 1) if args.quick else (args.runs, 3)
    distinct_n, recurring_n, batch_distinct_n, batch_recurring_n = (
        (300, 1_000, 200, 500) if args.quick else (args.distinct, 50_000, args.distinct, 20_000))
    memory_n = 300 if args.quick else args.memory
    compile_package()
    from exposure.api import load_rules

    rules = load_rules()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {**os.environ, "EXPOSURE_CACHE_DIR": str(folder / "cache"), "EXPOSURE_CONFIG_DIR": str(folder / "config")}
        app = folder / "minimal_typer_app.py"
        app.write_text(MINIMAL_TYPER_APP, encoding="utf-8")
        exposure = [sys.executable, "-m", "exposure"]
        assess_json = [*exposure, "assess", str(EXAMPLE), "--format", "json"]
        empty_caches = iter(range(10**6))

        def empty_cache() -> dict:  # a new, empty cache folder for each run: the first run after an install
            return {**env, "EXPOSURE_CACHE_DIR": str(folder / f"cache-{next(empty_caches)}")}

        startup = command_spreads(
            {
                "python -c pass": ([sys.executable, "-c", "pass"], None),
                "minimal typer app": ([sys.executable, str(app), "world"], None),
                "exposure assess --format json": (assess_json, None),
                "assess --format json, empty cache": (assess_json, empty_cache),
                "exposure assess (table)": ([*exposure, "assess", str(EXAMPLE)], None),
                "exposure check (all packs)": ([*exposure, "check"], None),
            },
            runs,
            env,
        )
        parts = breakdown(runs, env)
        patterns = _incidents(rules, rng, 500)
        queues = {
            "distinct": write_queue(folder, "distinct", _incidents(rules, rng, distinct_n)),
            "recurring": write_queue(folder, "recurring", [rng.choice(patterns) for _ in range(recurring_n)]),
        }
        api = api_throughput(folder, env, queues, heavy_runs)
        memory_queue = {"memory": write_queue(folder, "memory", _incidents(rules, rng, memory_n))}
        memory = api_throughput(folder, env, memory_queue, 1)["memory"]
        recurring = [rng.choice(patterns) for _ in range(batch_recurring_n)]
        batch_queues = {
            "distinct": write_queue(folder, "batch-distinct", _incidents(rules, rng, batch_distinct_n)),
            "recurring": write_queue(folder, "batch-recurring", recurring),
            "reordered": write_queue(folder, "batch-reordered", [reordered(rng, item) for item in recurring]),
        }
        batch = batch_throughput(env, batch_queues, heavy_runs)
    capacity = parallel_capacity(heavy_runs)
    floor = startup["minimal typer app"]["median"]
    packs = api["distinct"]["packs"]
    print(f"exposure benchmark, {packs} packs, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; "
          "median (lowest-highest) over the runs")
    print(f"\nstart-up, {runs} runs each, interleaved:")
    for name, figure in startup.items():
        print(f"  {name:36} {ms(figure)}  {figure['median'] / floor:5.2f}x the typer app")
    print("\nexposure's own work in assess --format json (in-process, after the framework's imports):")
    for name, figure in parts.items():
        print(f"  {name:28} {ms(figure)}")
    print(f"\nlibrary API, one core, {packs} packs, end to end (JSON in, JSON out), fresh process and empty memos per run:")
    for name, figures in api.items():
        what = "random, all different" if name == "distinct" else "500 fact patterns, recurring"
        print(f"  {name:9} {figures['reports']:>7,} reports ({what}): {rate(figures['per_second'])}, "
              f"peak RSS {figures['peak_rss_mb']['median']:.0f} MB, {figures['bytes_per_report']:,} bytes of JSON each")
    curve = ", ".join(f"{mb} MB after {n:,}" for n, mb in memory["rss_curve_mb"])
    print(f"  peak RSS over {memory['reports']:,} distinct reports: {memory['peak_rss_mb']['median']:.0f} MB "
          f"({rate(memory['per_second']).strip()}); {curve}")
    print("\nassess --batch (JSON lines), end to end including process start:")
    what = {"distinct": "random, all different", "recurring": "500 reports, each recurring word for word",
            "reordered": "the same 500 reports, each line's keys in a random order"}
    for name, figures in batch.items():
        kind, jobs = name.rsplit("_jobs", 1)
        ratio = figures.get("over_jobs1")
        versus = f", {ratio['median']:.2f}x --jobs 1 ({ratio['low']:.2f}-{ratio['high']:.2f})" if ratio else ""
        print(f"  {kind:9} {figures['lines']:>6,} lines ({what[kind]}), --jobs {jobs}: "
              f"{rate(figures['per_second'])} lines{versus}")
    print(f"\nthis machine, two processes side by side: {capacity['median']:.2f}x the work of one "
          f"({capacity['low']:.2f}-{capacity['high']:.2f}; 2.00 on two free cores): what --jobs 2 can reach at most")
    results = {"packs": packs, "python": sys.version.split()[0], "cpus": os.cpu_count(), "startup": startup,
               "assess_json_over_typer": round(startup["exposure assess --format json"]["median"] / floor, 3),
               "own_work": parts, "api": api, "memory": memory, "batch": batch,
               "parallel_capacity": capacity}
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    try:
        main()
    except Failed as exc:
        print(f"benchmark stopped: {exc}", file=sys.stderr)
        sys.exit(1)
