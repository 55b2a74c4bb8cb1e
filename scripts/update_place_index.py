"""Write rules/places.json: each shipped pack file's SHA-256 and the places it applies in.

The first run after an install (an empty cache) then parses only the packs an incident needs; a pack whose bytes no
longer match its hash is parsed as before, so a stale index costs time, never a wrong answer. The test suite fails
when the index is not current.

Run: python scripts/update_place_index.py
"""

from __future__ import annotations

import sys

from exposure.load.catalog import PLACE_INDEX_FILE, place_index, shipped_rules_dir
from exposure.model.problems import InputError

if __name__ == "__main__":
    folder = shipped_rules_dir()
    try:
        text = place_index(folder)
    except InputError as exc:  # a pack that does not read: fix it first (`exposure check` says the same)
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        sys.exit(1)
    (folder / PLACE_INDEX_FILE).write_text(text, encoding="utf-8")
    print(f"wrote {folder / PLACE_INDEX_FILE}")
