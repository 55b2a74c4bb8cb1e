"""Start-up and ``--batch`` speed of this checkout side by side with an earlier commit, on the same workloads.

    python benchmarks/side_by_side.py BEFORE [--runs 9] [--lines 2000]

What "at least as good as before, measured side by side" asks for. ``BEFORE`` (a commit, a tag) is checked out in a
temporary git worktree; each side runs from its own source tree (``PYTHONPATH``) with the dependencies of this
environment, its own bytecode compiled first, and its own cache and cache key in a temporary folder. Commands run
interleaved, so machine noise hits both alike, and a failing command stops the script.

Workloads, each one that both sides accept (checked line by line before anything is timed):

* start-up: ``exposure assess INCIDENT --format json``, warm, with the incident file of ``BEFORE`` (the example
  ``examples/platform-global.yaml``), against a minimal typer app;
* ``assess --batch`` with one process on distinct lines: random reports drawn as ``benchmarks/bench.py`` draws
  them, from the facts, acts and places that both sides' vocabularies and packs know (an age is stated through
  facts, never ``victim_age``, which older incident formats lack);
* ``assess --batch`` with one process on 20,000 lines of 500 such reports recurring word for word.

``--runs 1 --lines 50 --recurring 500`` only checks that the script works (the test suite runs it so).

Each side evaluates its own packs: a later commit may carry more law (more offences, more packs for a place), and
that is part of what is measured.
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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # the benchmark's own generator and helpers (beside this script)

ROOT = bench.ROOT
EXAMPLE = Path("examples") / "platform-global.yaml"

VOCABULARY = r"""
import json
from exposure.api import load_rules
rules = load_rules()
v = rules.vocabulary
ages = {name for _, name in getattr(v, "age_facts", ())}
print(json.dumps({"incident": [n for n in v.facts("incident") if n not in ages], "party": list(v.facts("party")),
                  "acts": list(v.acts), "places": sorted({p for pack in rules.packs.values() for p in pack.applies_in}),
                  "implies": {n: list(e.implies) for n, e in getattr(v, "entries", {}).items()
                              if getattr(e, "implies", ())}}))
"""


class Side:
    """One source tree, run with its own bytecode, cache and cache key."""

    def __init__(self, name: str, root: Path, scratch: Path):
        self.name, self.root = name, root
        self.env = dict(os.environ, PYTHONPATH=str(root / "src"), EXPOSURE_CACHE_DIR=str(scratch / f"cache-{name}"),
                        EXPOSURE_CONFIG_DIR=str(scratch / f"config-{name}"))
        self.env.pop("EXPOSURE_NO_CACHE", None)
        done = subprocess.run([sys.executable, "-m", "compileall", "-q", str(root / "src")], env=self.env,
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise bench.Failed(f"{name}: its source does not compile:\n{done.stdout[-2000:]}")

    def argv(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "exposure", *args]

    def vocabulary(self) -> dict:
        done = subprocess.run([sys.executable, "-c", VOCABULARY], capture_output=True, text=True, env=self.env)
        if done.returncode != 0:
            raise bench.Failed(f"{self.name}: reading its vocabulary failed:\n{done.stderr[-2000:]}")
        return json.loads(done.stdout)

    def accepts(self, queue: Path) -> None:
        """Every line of ``queue`` is a report this side assesses (no bad line): else the comparison is void."""
        done = subprocess.run(self.argv("assess", "--batch", str(queue)), stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True, env=self.env)
        if done.returncode != 0 or done.stderr.strip():
            raise bench.Failed(f"{self.name} refuses lines of {queue.name}:\n{done.stderr[-2000:]}")


def queue_both_accept(sides: list[Side], lines: int, seed: int) -> list[dict]:
    """Random reports from what both sides know, consistent with this checkout's vocabulary links."""
    known = [side.vocabulary() for side in sides]

    def common(key: str) -> list[str]:
        names = [n for n in known[-1][key] if all(n in k[key] for k in known)]
        return sorted(names) if key == "places" else names

    implies = {n: tuple(i) for n, i in known[-1]["implies"].items()}
    rng = random.Random(seed)
    out = []
    for _ in range(lines):
        report = bench.random_incident(rng, common("incident"), common("party"), common("acts"), common("places"),
                                       implies)
        report.pop("victim_age", None)  # not in older incident formats
        out.append(report)
    return out


def timed(commands: dict[str, tuple[list[str], dict]], runs: int) -> dict[str, list[float]]:
    """Wall times of each command, ``runs`` times, interleaved (after one warm-up run each)."""
    for argv, env in commands.values():
        bench.run(argv, env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (argv, env) in commands.items():
            times[name].append(bench.run(argv, env))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("before", help="the earlier commit or tag")
    parser.add_argument("--runs", type=int, default=9, help="repetitions of each measure (default 9)")
    parser.add_argument("--lines", type=int, default=2_000, help="distinct lines in the batch queue (default 2,000)")
    parser.add_argument("--recurring", type=int, default=20_000,
                        help="lines of the recurring batch queue (default 20,000)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="exposure-side-") as tmp:
        scratch = Path(tmp)
        tree = scratch / "before"
        added = subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet", str(tree),
                                args.before], capture_output=True, text=True)
        if added.returncode != 0:
            raise bench.Failed(f"{args.before!r} cannot be checked out: {added.stderr.strip().splitlines()[-1]}")
        try:
            report(args, scratch, [Side("before", tree, scratch), Side("now", ROOT, scratch)])
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False)


def report(args: argparse.Namespace, scratch: Path, sides: list[Side]) -> None:
    before, now = sides
    commit = subprocess.run(["git", "-C", str(before.root), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, check=True).stdout.strip()
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                          check=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True, check=True).stdout.strip()
    incident = before.root / EXAMPLE
    reports = queue_both_accept(sides, args.lines, seed=23)
    distinct = bench.write_queue(scratch, "distinct", reports)
    patterns = reports[:500]
    recurring = bench.write_queue(scratch, "recurring", [patterns[i % len(patterns)] for i in range(args.recurring)])
    for side in sides:
        side.accepts(distinct)
    typer_app = scratch / "typer_app.py"
    typer_app.write_text(bench.MINIMAL_TYPER_APP, encoding="utf-8")

    print(f"before: {commit}; now: {head}{' with uncommitted changes' if dirty else ''}; {args.runs} runs each, "
          "interleaved; median (lowest-highest)")
    start = timed({"typer": ([sys.executable, str(typer_app), "world"], dict(os.environ)),
                   **{s.name: (s.argv("assess", str(incident), "--format", "json"), s.env) for s in sides}}, args.runs)
    floor = statistics.median(start["typer"])
    print(f"\nstart-up, assess {EXAMPLE} (of {commit}) --format json, warm; a minimal typer app "
          f"{floor * 1e3:.1f} ms:")
    for side in sides:
        ms = [t * 1e3 for t in start[side.name]]
        print(f"  {side.name:6} {statistics.median(ms):6.1f} ms ({min(ms):.0f}-{max(ms):.0f}) = "
              f"{statistics.median(start[side.name]) / floor:.2f}× the typer app")
    for name, queue, n in (("distinct", distinct, len(reports)), ("recurring word for word", recurring, args.recurring)):
        times = timed({s.name: (s.argv("assess", "--batch", str(queue)), s.env) for s in sides}, max(3, args.runs // 3))
        print(f"\nassess --batch, {n:,} lines, {name}, one process:")
        for side in sides:
            rates = [n / t for t in times[side.name]]
            print(f"  {side.name:6} {statistics.median(rates):8,.0f} lines/s ({min(rates):,.0f}-{max(rates):,.0f})")
        pairs = [b / a for a, b in zip(times["now"], times["before"], strict=True)]
        print(f"  now / before, run by run: {', '.join(f'{p:.2f}' for p in pairs)}")


if __name__ == "__main__":
    try:
        main()
    except bench.Failed as exc:
        print(f"side by side stopped: {exc}", file=sys.stderr)
        sys.exit(1)
