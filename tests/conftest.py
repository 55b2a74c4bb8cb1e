from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from hypothesis import settings

# CI runs the property tests on Hypothesis's fixed examples (HYPOTHESIS_PROFILE=ci in .ci/run), so a landing is never
# refused by a random draw; by default every run explores new random incidents.
settings.register_profile("ci", derandomize=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

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
