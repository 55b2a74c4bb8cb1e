"""Write rules/places.json: each shipped pack file's SHA-256 and the places it applies in.

The first run after an install (an empty cache) then parses only the packs an incident needs; a pack whose bytes no
longer match its hash is parsed as before, so a stale index costs time, never a wrong answer. The test suite fails
when the index is not current.

Run: python scripts/update_place_index.py
"""

from __future__ import annotations

from exposure.load.catalog import PLACE_INDEX_FILE, place_index, shipped_rules_dir

if __name__ == "__main__":
    folder = shipped_rules_dir()
    (folder / PLACE_INDEX_FILE).write_text(place_index(folder), encoding="utf-8")
    print(f"wrote {folder / PLACE_INDEX_FILE}")
