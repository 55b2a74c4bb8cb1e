"""Refresh the command outputs shown in README.md from real runs.

A block in the README of the form

    <!-- run: exposure assess examples/adult-deepfake-fr.yaml --in FR -->
    ```
    ...output...
    ```

gets its fenced output replaced by what the command prints now (stdout, NO_COLOR, 100 columns). A command may
end with `| head -N` (the first N lines) or `| select PATH` (one part of its JSON output, e.g.
`results.0.tracks`), may read standard input from a file (`< examples/interview-answers.txt`) and may end with
`| with-stderr` (standard error, then standard output). Commands in the README pass `--as-of`, so that their output does
not change with the day.

Run: python scripts/update_readme.py            (rewrite the blocks)
     python scripts/update_readme.py --check    (exit 1 if a block is not what its command prints: CI runs it)
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BLOCK = re.compile(r"(<!-- run: (?P<cmd>[^>]+?) -->\n```[a-z]*\n)(?P<out>.*?)(```)", re.S)


def run(cmd: str) -> str:
    merged = cmd.endswith(" | with-stderr")  # standard error first (an interview's questions), then the output
    if merged:
        cmd = cmd[: -len(" | with-stderr")]
    limit = None
    select = None
    if " | head -" in cmd:  # show only the first lines of a long output
        cmd, _, count = cmd.partition(" | head -")
        limit = int(count)
    if " | select " in cmd:  # show one part of a JSON output
        cmd, _, select = cmd.partition(" | select ")
    stdin = None
    if " < " in cmd:  # answers from a file, as a script would give them
        cmd, _, source = cmd.partition(" < ")
        stdin = (ROOT / source.strip()).read_text(encoding="utf-8")
    args = shlex.split(cmd)
    if args[0] == "exposure":
        args = [sys.executable, "-m", "exposure", *args[1:]]
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "TERM": "dumb"}
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, env=env, input=stdin)
    out = done.stderr + done.stdout if merged else done.stdout + (done.stderr if not done.stdout else "")
    if select is not None:
        import json

        value = json.loads(out)
        for part in select.strip().split("."):
            value = value[int(part)] if part.isdigit() else value[part]
        out = json.dumps(value, indent=2, ensure_ascii=False)
    if limit is not None:
        lines = out.splitlines()
        out = "\n".join(lines[:limit] + (["..."] if len(lines) > limit else []))
    return out


def main() -> None:
    path = ROOT / "README.md"
    text = path.read_text(encoding="utf-8")
    new = BLOCK.sub(lambda m: m.group(1) + run(m.group("cmd")).rstrip() + "\n" + m.group(4), text)
    if "--check" in sys.argv[1:]:
        if new != text:
            stale = [m.group("cmd") for m, n in zip(BLOCK.finditer(text), BLOCK.finditer(new)) if m.group(0) != n.group(0)]
            print("README outputs are stale: run python scripts/update_readme.py\n  " + "\n  ".join(stale))
            sys.exit(1)
        print(f"{len(BLOCK.findall(text))} README outputs are current")
        return
    path.write_text(new, encoding="utf-8")
    print(f"updated {len(BLOCK.findall(text))} blocks")


if __name__ == "__main__":
    main()
