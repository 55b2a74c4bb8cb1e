"""The on-disk caches (parsed documents, built packs): same results with and without them, never stale, never
trusted blindly."""

import os
import pickle
from datetime import date

from exposure.load.cache import load_document
from exposure.model import Vocabulary
from exposure.load.yaml_source import load_file

from .conftest import EXAMPLES, RULES


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
    from exposure.load.cache import code_fingerprint

    (tmp_path / f"{code_fingerprint()}-{sha}.doc").write_bytes(b"\x00garbage")
    again, _ = load_document(RULES / "fr.yaml", "fr.yaml")
    assert again.data == doc.data
    os.chmod(tmp_path, 0o500)  # unwritable cache: still works
    try:
        assert load_document(RULES / "de.yaml", "de.yaml")[0].data
    finally:
        os.chmod(tmp_path, 0o700)


# ------------------------------------------------------------------------------------------------ built packs
def _assess_examples(rules) -> list[str]:
    from exposure import api
    from exposure.render.json_out import render

    out = []
    for example in sorted(EXAMPLES.glob("*.yaml")):
        incident = api.load_incident(example, rules)
        out.append(render(api.assess(incident, rules, list(rules.packs), as_of=date(2026, 11, 1))))
    return out


def test_packs_from_the_built_cache_assess_exactly_like_freshly_built_ones(tmp_path, monkeypatch):
    from exposure.load.catalog import load_rules

    monkeypatch.setenv("EXPOSURE_NO_CACHE", "1")
    fresh = _assess_examples(load_rules())
    monkeypatch.delenv("EXPOSURE_NO_CACHE")
    monkeypatch.setenv("EXPOSURE_CACHE_DIR", str(tmp_path))
    load_rules()  # builds and stores
    assert len(list(tmp_path.glob("*.pack"))) == len(list(RULES.glob("*.yaml"))) - len(list(RULES.glob("*.tests.yaml"))) - 2
    assert _assess_examples(load_rules()) == fresh  # read back from the cache


def test_a_tampered_built_entry_cannot_run_code(tmp_path, monkeypatch):
    from exposure.load.cache import _built_entry, load_built
    from exposure.model import Pack

    monkeypatch.setenv("EXPOSURE_CACHE_DIR", str(tmp_path))
    marker = tmp_path / "ran"

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    key = ("0" * 64, "1" * 64, "x.yaml")
    entry = _built_entry("pack", key)
    entry.write_bytes(pickle.dumps(Evil()))
    assert load_built("pack", key, Pack) is None
    assert not marker.exists()


def test_a_built_entry_of_the_wrong_type_is_not_served(tmp_path, monkeypatch):
    from exposure.load.cache import load_built, store_built
    from exposure.model import Pack, Vocabulary

    monkeypatch.setenv("EXPOSURE_CACHE_DIR", str(tmp_path))
    store_built("pack", ("a",), Vocabulary({}))
    assert load_built("pack", ("a",), Pack) is None
    assert isinstance(load_built("pack", ("a",), Vocabulary), Vocabulary)


def test_the_code_fingerprint_changes_with_any_module(tmp_path):
    from exposure.load.cache import fingerprint_of

    (tmp_path / "model.py").write_text("x = 1\n")
    before = fingerprint_of(str(tmp_path))
    (tmp_path / "model.py").write_text("x = 22\n")
    assert fingerprint_of(str(tmp_path)) != before
    after = fingerprint_of(str(tmp_path))
    (tmp_path / "notes.txt").write_text("not code")
    assert fingerprint_of(str(tmp_path)) == after


def test_entries_of_other_code_are_removed_on_the_first_write(tmp_path, monkeypatch):
    from exposure.load import cache

    monkeypatch.setenv("EXPOSURE_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(cache, "_PRUNED", set())
    stale = [tmp_path / "0123456789abcdef-aa.pack", tmp_path / "0123456789abcdef-bb.doc", tmp_path / "old.idx"]
    for path in stale:
        path.write_bytes(b"x")
    unrelated = tmp_path / "notes.txt"
    unrelated.write_text("not ours")
    cache.store_built("vocabulary", ("a",), Vocabulary({}))
    assert not any(path.exists() for path in stale) and unrelated.exists()
    assert [p.name.startswith(cache.code_fingerprint() + "-") for p in tmp_path.glob("*.vocabulary")] == [True]
