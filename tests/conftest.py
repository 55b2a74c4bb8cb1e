from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "rules"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def rules():
    from exposure.api import load_rules

    return load_rules()


def run_cli(*args: str, cwd: Path | None = None, input: str | None = None) -> subprocess.CompletedProcess:
    """Run the installed CLI as a user would (python -m exposure), capturing text output."""
    return subprocess.run(
        [sys.executable, "-m", "exposure", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        input=input,
        timeout=60,
        env={"NO_COLOR": "1", "COLUMNS": "120", "PATH": "/usr/bin:/bin"},
    )


def position(text: str, line_marker: str, token: str) -> str:
    """``line:col`` of ``token`` on the first line containing ``line_marker``, computed from the text itself."""
    for number, line in enumerate(text.splitlines(), 1):
        if line_marker in line:
            return f"{number}:{line.index(token, line.index(line_marker)) + 1}"
    raise AssertionError(f"{line_marker!r} not in text")
