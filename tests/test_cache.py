"""The parsed-document cache: same results with and without it, never stale, never trusted blindly."""

import os

from exposure.cache import load_document
from exposure.yaml_source import load_file

from .conftest import RULES


def test_cached_document_equals_a_fresh_parse(tmp_path, monkeypatch):
    monkeypatch.setenv("EXPOSURE_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("EXPOSURE_NO_CACHE", raising=False)
    for name in ("fr.yaml", "de.yaml", "kr.yaml"):
        fresh = load_file(RULES / name)
        first, sha = load_document(RULES / name, name)   # parses and writes the cache
        second, sha2 = load_document(RULES / name, name)  # reads the cache
        assert sha == sha2
        assert second.data == fresh.data and second.marks == fresh.marks and second.key_marks == fresh.key_marks
        assert second.quoted == fresh.quoted
    assert any(p.suffix == ".doc" for p in tmp_path.iterdir())


def test_an_edited_file_is_never_served_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("EXPOSURE_CACHE_DIR", str(tmp_path / "cache"))
    pack = tmp_path / "x.yaml"
    pack.write_text("a: 1\n", encoding="utf-8")
    assert load_document(pack, "x.yaml")[0].data == {"a": 1}
    pack.write_text("a: 2\n", encoding="utf-8")
    assert load_document(pack, "x.yaml")[0].data == {"a": 2}


def test_a_corrupt_cache_entry_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("EXPOSURE_CACHE_DIR", str(tmp_path))
    doc, sha = load_document(RULES / "fr.yaml", "fr.yaml")
    (tmp_path / f"{sha}.doc").write_bytes(b"\x00garbage")
    again, _ = load_document(RULES / "fr.yaml", "fr.yaml")
    assert again.data == doc.data
    os.chmod(tmp_path, 0o500)  # unwritable cache: still works
    try:
        assert load_document(RULES / "de.yaml", "de.yaml")[0].data
    finally:
        os.chmod(tmp_path, 0o700)
