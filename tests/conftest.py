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


def run_cli(*args: str, cwd: Path | None = None, input: str | None = None, columns: int = 120) -> subprocess.CompletedProcess:
    """Run the installed CLI as a user would (python -m exposure), capturing text output."""
    return subprocess.run(
        [sys.executable, "-m", "exposure", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        input=input,
        timeout=60,
        env={"NO_COLOR": "1", "COLUMNS": str(columns), "PATH": "/usr/bin:/bin"},
    )


def position(text: str, line_marker: str, token: str, nth: int = 1) -> str:
    """``line:col`` of ``token`` on the ``nth`` line containing ``line_marker``, computed from the text itself."""
    seen = 0
    for number, line in enumerate(text.splitlines(), 1):
        if line_marker in line:
            seen += 1
            if seen == nth:
                return f"{number}:{line.index(token, line.index(line_marker)) + 1}"
    raise AssertionError(f"{line_marker!r} not in text")
