"""Refresh the command outputs shown in README.md from real runs.

A block in the README of the form

    <!-- run: exposure assess examples/adult-deepfake-fr.yaml --in FR -->
    ```
    ...output...
    ```

gets its fenced output replaced by what the command prints now (stdout, NO_COLOR, 100 columns).
Run: python scripts/update_readme.py
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
    limit = None
    if " | head -" in cmd:  # show only the first lines of a long output
        cmd, _, count = cmd.partition(" | head -")
        limit = int(count)
    args = shlex.split(cmd)
    if args[0] == "exposure":
        args = [sys.executable, "-m", "exposure", *args[1:]]
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "TERM": "dumb"}
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, env=env)
    out = done.stdout + (done.stderr if not done.stdout else "")
    if limit is not None:
        lines = out.splitlines()
        out = "\n".join(lines[:limit] + (["..."] if len(lines) > limit else []))
    return out


def main() -> None:
    path = ROOT / "README.md"
    text = path.read_text(encoding="utf-8")
    new = BLOCK.sub(lambda m: m.group(1) + run(m.group("cmd")).rstrip() + "\n" + m.group(4), text)
    path.write_text(new, encoding="utf-8")
    print(f"updated {len(BLOCK.findall(text))} blocks")


if __name__ == "__main__":
    main()
