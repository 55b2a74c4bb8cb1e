"""The README's command outputs are what the commands print today (scripts/update_readme.py --check)."""

import subprocess
import sys

from .conftest import ROOT


def test_readme_outputs_are_current():
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "update_readme.py"), "--check"],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
