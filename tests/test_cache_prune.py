"""The cache removes only what it wrote: entries of other versions of the code, listed in its own authenticated
manifest, named by its own pattern, inside its own folder. Nothing else, ever: not a user's ``thesis.doc`` beside
it (``EXPOSURE_CACHE_DIR`` may point at a shared folder), not a file a link points to, not what a forged manifest
lists."""

import json
import os
import stat
import sys

import pytest

from exposure.load import cache
from exposure.model import Vocabulary

from .conftest import RULES

HEX = "0123456789abcdef"
FOREIGN = {
    "thesis.doc": b"my thesis",
    "notes.pack": b"my notes",
    "x.idx": b"an index of mine",
    "x.vocabulary": b"words",
    "y.rates": b"rates",
    "manifest": b"my own manifest",
    f"{HEX}-{'a' * 64}.pack": b"named like an entry of another version, not written by it",
    f"{HEX}-{'b' * 64}.doc": b"the same",
    f"{HEX}-places.idx": b"the same",
    f".{HEX}-{'c' * 64}.pack.1.abcd.tmp": b"named like a temporary file",
}


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("EXPOSURE_CACHE_DIR", str(tmp_path / "shared"))
    monkeypatch.setenv("EXPOSURE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("EXPOSURE_NO_CACHE", raising=False)
    return tmp_path / "shared" / cache.FOLDER


def foreign(folder) -> dict[str, bytes]:
    """The foreign files for ``folder``: all of them beside the cache's folder; inside it, all but one named like
    the cache's own manifest (that name is the cache's, in its own folder)."""
    own = folder.name == cache.FOLDER
    return {name: content for name, content in FOREIGN.items() if not (own and name == cache.MANIFEST)}


def plant(folder) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in foreign(folder).items():
        (folder / name).write_bytes(content)


def intact(folder) -> bool:
    return all((folder / name).read_bytes() == content for name, content in foreign(folder).items())


def run(monkeypatch, fingerprint: str) -> set[str]:
    """One process of the given version of the code: parse, build, store (a cache miss writes, and prunes). The
    names of the entries it wrote."""
    monkeypatch.setattr(cache, "code_fingerprint", lambda: fingerprint)
    monkeypatch.setattr(cache, "_PRUNED", set())  # a new process
    for name in ("fr.yaml", "de.yaml"):
        cache.load_document(RULES / name, name)
    cache.store_built("vocabulary", (fingerprint,), Vocabulary({}))
    index = cache.PlaceIndex()
    index.put("0" * 64, {"FR"})
    index.save()
    folder = cache.cache_dir()
    return {p.name for p in folder.iterdir() if p.name.startswith(fingerprint + "-")}


def test_files_not_written_by_the_cache_survive_any_number_of_runs(isolated, monkeypatch):
    parent = isolated.parent
    plant(parent)
    plant(isolated)
    written: dict[str, set[str]] = {}
    for round_ in range(3):
        for version in ("1111111111111111", "2222222222222222", "3333333333333333"):
            written[version] = run(monkeypatch, version)
            assert written[version], version
            assert intact(parent) and intact(isolated), (round_, version)
            # the entries of the versions before are gone: they were ours, and can never be served again
            others = {p.name for p in isolated.iterdir() if p.name[:16] in written and p.name[:16] != version}
            assert others == set(), others
    assert sorted(p.name for p in parent.iterdir()) == sorted([*FOREIGN, cache.FOLDER])
    assert {p.name for p in isolated.iterdir()} == {*foreign(isolated), cache.MANIFEST, *written["3333333333333333"]}


def test_the_shipped_rules_leave_foreign_files_alone(isolated, monkeypatch):
    from exposure.load.catalog import load_rules

    plant(isolated.parent)
    plant(isolated)
    for version in ("4444444444444444", "5555555555555555"):
        monkeypatch.setattr(cache, "code_fingerprint", lambda version=version: version)
        monkeypatch.setattr(cache, "_PRUNED", set())
        load_rules()
        assert intact(isolated.parent) and intact(isolated)
    assert not [p for p in isolated.iterdir() if p.name.startswith("4444444444444444-")]


def test_a_forged_manifest_deletes_nothing(isolated, monkeypatch):
    """Without the key, a manifest deletes nothing; even with it (out of the trust model), only names of the
    cache's own pattern in its own folder: never a path, never a file beside or above it."""
    plant(isolated.parent)
    plant(isolated)
    run(monkeypatch, "6666666666666666")  # a real manifest exists
    listed = [*FOREIGN, "../thesis.doc", "../" + f"{HEX}-{'a' * 64}.pack", "/etc/passwd", "..", "."]
    forged = json.dumps(listed).encode()
    key = cache._key()
    attempts = [
        cache._MAGIC + b"\0" * 32 + forged,  # without the key: a wrong MAC
        cache._MAGIC + cache._mac(key, "", "manifest", (), forged) + forged,  # with it (a leaked key)
        cache._MAGIC + cache._mac(key, "6666666666666666", "manifest", (), forged) + forged,
        forged,
    ]
    for i, attempt in enumerate(attempts):
        (isolated / cache.MANIFEST).write_bytes(attempt)
        run(monkeypatch, "7777777777777777")
        assert (isolated / cache.MANIFEST).read_bytes() != attempt  # replaced by our own
        assert intact(isolated.parent)  # never anything outside the cache's own folder
        ours = cache._entry_name().fullmatch
        if i == 1:  # a validly signed manifest (the key leaked): only names of the cache's pattern, in its folder
            assert all((isolated / name).exists() for name in foreign(isolated) if not ours(name))
            plant(isolated)
        assert intact(isolated)


def test_an_unlisted_entry_of_ours_is_left_alone_and_a_listed_one_removed(isolated, monkeypatch):
    """Only the manifest says what was written: an entry name not in it (even one of our own pattern) stays."""
    first = run(monkeypatch, "8888888888888888")
    manifest = cache._manifest(isolated)
    assert first <= manifest
    kept = sorted(first)[0]
    key = cache._key()
    text = json.dumps(sorted(manifest - {kept})).encode()
    (isolated / cache.MANIFEST).write_bytes(cache._MAGIC + cache._mac(key, "", "manifest", (), text) + text)
    run(monkeypatch, "9999999999999999")
    assert (isolated / kept).exists()
    assert not any((isolated / name).exists() for name in first - {kept})


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="symbolic links")
def test_a_link_in_the_cache_folder_is_removed_never_followed(tmp_path, isolated, monkeypatch):
    first = run(monkeypatch, "aaaaaaaaaaaaaaaa")
    victim = tmp_path / "victim.doc"
    victim.write_bytes(b"precious")
    name = sorted(first)[0]
    (isolated / name).unlink()
    os.symlink(victim, isolated / name)  # an attacker swaps one of our entries for a link
    run(monkeypatch, "bbbbbbbbbbbbbbbb")
    assert victim.read_bytes() == b"precious" and not os.path.lexists(isolated / name)


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="symbolic links")
def test_an_entry_that_is_a_link_is_not_read(tmp_path, isolated, monkeypatch):
    doc, sha = cache.load_document(RULES / "fr.yaml", "fr.yaml")
    entry = isolated / f"{cache.code_fingerprint()}-{sha}.doc"
    elsewhere = tmp_path / "elsewhere.doc"
    entry.rename(elsewhere)
    os.symlink(elsewhere, entry)
    read = []
    real = cache._document
    monkeypatch.setattr(cache, "_document", lambda *args: read.append(args) or real(*args))
    assert cache.load_document(RULES / "fr.yaml", "fr.yaml")[0].data == doc.data
    assert read == []  # parsed again: a link is never followed


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_pipe_named_like_an_entry_does_not_block(isolated):
    doc, sha = cache.load_document(RULES / "fr.yaml", "fr.yaml")
    entry = isolated / f"{cache.code_fingerprint()}-{sha}.doc"
    entry.unlink()
    os.mkfifo(entry)
    assert cache.load_document(RULES / "fr.yaml", "fr.yaml")[0].data == doc.data  # returns: not read, parsed


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="symbolic links")
def test_a_cache_folder_that_is_not_ours_is_not_used(tmp_path, isolated):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    isolated.parent.mkdir(parents=True)
    os.symlink(elsewhere, isolated)  # the cache's folder is a link someone made
    fresh = cache.load_document(RULES / "fr.yaml", "fr.yaml")[0]
    cache.store_built("vocabulary", ("a",), Vocabulary({}))
    assert fresh.data and list(elsewhere.iterdir()) == []


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_a_shared_folder_keeps_its_mode_and_only_our_folder_is_private(tmp_path, isolated):
    shared = isolated.parent
    shared.mkdir()
    os.chmod(shared, 0o1777)  # like /tmp
    cache.load_document(RULES / "fr.yaml", "fr.yaml")
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert stat.S_IMODE(isolated.stat().st_mode) == 0o700
    assert sorted(p.name for p in shared.iterdir()) == [cache.FOLDER]
