"""Someone who can write the cache folder can force rebuilds, never change a result, never run code.

Every kind of entry (document, pack, vocabulary, rates, place index) is corrupted and tampered with in every way
we can think of: bytes flipped, truncated, two entries' contents swapped, a figure edited with the old MAC kept,
classes outside the model named (even under a valid MAC, as if the key had leaked). Each time, the assessment is
exactly the one made without a cache, or the entry is rebuilt cleanly; never a crash."""

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from exposure.load import cache

from .conftest import EXAMPLES, ROOT
from .test_cache import snapshot

pytestmark = pytest.mark.slow  # every kind of entry tampered with, most through the CLI

EXAMPLE = EXAMPLES / "platform-global.yaml"
PLACES = frozenset({"FR", "DE", "IE", "IT", "ES", "GB", "US", "CA", "AU", "IN", "MY", "ID", "KR"})  # the example's
PACKS = ("/fr.yaml", "/de.yaml", "/gb.yaml", "/us.yaml", "/eu.yaml")  # a few packs, for the slower tests
AS_OF = date(2026, 11, 1)
HEAD = len(cache._MAGIC) + cache._MAC_SIZE  # an entry: magic word, MAC, payload


RULES_COPY: list[Path] = []  # the packs the tests load: a copy, so that an edit of rules/ meanwhile changes nothing


@pytest.fixture(scope="module", autouse=True)
def rules_copy(tmp_path_factory):
    RULES_COPY[:] = [snapshot(tmp_path_factory.mktemp("rules") / "rules")]
    yield RULES_COPY[0]
    RULES_COPY.clear()


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch, rules_copy):
    monkeypatch.setenv("EXPOSURE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("EXPOSURE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("EXPOSURE_NO_CACHE", raising=False)
    monkeypatch.chdir(ROOT)
    return tmp_path / "cache" / cache.FOLDER


def load_rules(places=None):
    from exposure import api

    return api.load_rules((RULES_COPY[0],), include_shipped=False, places=places)


def sources() -> list[Path]:
    """The documents the loaders read through the cache: the packs and the vocabulary."""
    from exposure.load.catalog import pack_files

    return [*pack_files(RULES_COPY[0]), RULES_COPY[0] / "vocabulary.yaml"]


def assessment() -> str:
    """``exposure assess examples/platform-global.yaml -f json`` in this process: the packs the incident's places
    need (through the place index), the vocabulary and the rates table, all through the cache."""
    from exposure import api
    from exposure.render.json_out import render

    doc = api.read_incident_file(EXAMPLE)
    rules = load_rules(places=api.incident_places(doc))
    return render(api.assess(api.incident_from_document(doc, rules), rules, None, AS_OF))


@pytest.fixture(scope="module")
def truth(rules_copy):
    """The assessment without any cache."""
    saved = os.environ.get("EXPOSURE_NO_CACHE")
    os.environ["EXPOSURE_NO_CACHE"] = "1"
    try:
        return assessment()
    finally:
        if saved is None:
            del os.environ["EXPOSURE_NO_CACHE"]
        else:
            os.environ["EXPOSURE_NO_CACHE"] = saved


def built_entries() -> dict[str, list[tuple[tuple[str, ...], Path]]]:
    """Each entry the loaders use, by kind, with the key parts it is written under (computed as the catalogue
    does), so that a test can tell which entry belongs to which file."""
    from exposure.load.catalog import display_path, pack_files

    def sha(path: Path) -> str:
        return cache.sha256_hex(path.read_bytes())

    rules = RULES_COPY[0]
    vocabulary, rates = rules / "vocabulary.yaml", rules / "rates.yaml"
    out: dict[str, list[tuple[tuple[str, ...], Path]]] = {"pack": [], "vocabulary": [], "rates": [], "doc": []}
    for kind, path in (("vocabulary", vocabulary), ("rates", rates)):
        parts = (sha(path), display_path(path))
        out[kind].append((parts, cache._built_entry(kind, parts)))
    for path in pack_files(rules):
        parts = (sha(path), sha(vocabulary), display_path(path))
        out["pack"].append((parts, cache._built_entry("pack", parts)))
    folder = cache.cache_dir()
    for path in sources():
        out["doc"].append(((sha(path),), folder / f"{cache.code_fingerprint()}-{sha(path)}.doc"))
    out["idx"] = [(("places",), folder / f"{cache.code_fingerprint()}-places.idx")]
    return out


def sign(kind: str, parts: tuple[str, ...], payload: bytes) -> bytes:
    """An entry as the cache writes it, under the real key: what only someone holding the key can make."""
    key = cache._key()
    assert key is not None
    return cache._MAGIC + cache._mac(key, cache.code_fingerprint(), kind, parts, payload) + payload


TEMPLATE: list[Path] = []  # a cache filled once per module (and its key), copied for each test


def fill() -> None:
    assessment()
    load_rules()  # every pack, not only those the example needs
    for path in sources():
        cache.load_document(path, path.name)


@pytest.fixture(scope="module", autouse=True)
def template(tmp_path_factory, rules_copy):
    root = tmp_path_factory.mktemp("template")
    saved = {name: os.environ.get(name) for name in ("EXPOSURE_CACHE_DIR", "EXPOSURE_CONFIG_DIR", "EXPOSURE_NO_CACHE")}
    os.environ.update(EXPOSURE_CACHE_DIR=str(root / "cache"), EXPOSURE_CONFIG_DIR=str(root / "config"))
    os.environ.pop("EXPOSURE_NO_CACHE", None)
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        fill()
    finally:
        os.chdir(cwd)
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    TEMPLATE[:] = [root]
    yield root
    TEMPLATE.clear()


def populate() -> dict[str, list[tuple[tuple[str, ...], Path]]]:
    """A full cache (every pack, the vocabulary, the rates, the index, the documents) for this test: the module's
    template, copied (with its key), as a previous run would have left it."""
    folder = cache.cache_dir()
    shutil.rmtree(folder.parent, ignore_errors=True)
    shutil.copytree(TEMPLATE[0] / "cache", folder.parent)
    config = Path(os.environ["EXPOSURE_CONFIG_DIR"])
    shutil.rmtree(config, ignore_errors=True)
    shutil.copytree(TEMPLATE[0] / "config", config)
    cache._key_in.cache_clear()
    entries = built_entries()
    for kind, found in entries.items():
        for _, path in found:
            assert path.is_file(), (kind, path)
    return entries


def force_documents(entries) -> None:
    """Remove the built entries, so that the next load reads the parsed documents (and rebuilds the model)."""
    for kind in ("pack", "vocabulary", "rates"):
        for _, path in entries[kind]:
            path.unlink(missing_ok=True)


# ------------------------------------------------------------------------------------------------ tamperings
def flip_in_mac(blob: bytes, other: bytes) -> bytes:
    return blob[:10] + bytes([blob[10] ^ 0x01]) + blob[11:]


def flip_in_payload(blob: bytes, other: bytes) -> bytes:
    middle = HEAD + (len(blob) - HEAD) // 2
    return blob[:middle] + bytes([blob[middle] ^ 0x20]) + blob[middle + 1 :]


def flip_magic(blob: bytes, other: bytes) -> bytes:
    return b"Y" + blob[1:]


def flip_every_tenth(blob: bytes, other: bytes) -> bytes:
    return bytes(b ^ 0xFF if i % 10 == 0 else b for i, b in enumerate(blob))


def truncate_half(blob: bytes, other: bytes) -> bytes:
    return blob[: len(blob) // 2]


def truncate_to_header(blob: bytes, other: bytes) -> bytes:
    return blob[:HEAD]


def truncate_to_nothing(blob: bytes, other: bytes) -> bytes:
    return b""


def swap(blob: bytes, other: bytes) -> bytes:
    return other  # another entry's content, with its own valid MAC


def append_garbage(blob: bytes, other: bytes) -> bytes:
    return blob + b'{"law.Pack":[]}'


def edited_figure(blob: bytes, other: bytes) -> bytes:
    """A figure changed in the JSON, the old MAC kept (what the swapped-pack attack of issue 20 amounted to)."""
    return blob[:HEAD] + edit(blob[HEAD:])


def edit(payload: bytes) -> bytes:
    """The payload with a figure changed: the first prison term made 99 years (in a model or a document), else
    the first Decimal (a fine, a rate), else the French pack left out of the place index (a hidden jurisdiction),
    else a fact made an act (the vocabulary), else a document's positions."""
    import re

    text = payload.decode("utf-8")
    if text.startswith("[["):  # a model: header, then body
        header = json.loads(text.split("\n", 1)[0])
        for shape, (name, _, _) in enumerate(header):
            pattern = re.compile(r'\{"' + str(shape) + r'":\[\d+,')
            if name == "durations.Term" and pattern.search(text):
                return pattern.sub('{"' + str(shape) + '":[1188,', text, count=1).encode("utf-8")
    elif re.search(r'"\d+ years?"', text):  # a document: a prison term as the pack writes it
        return re.sub(r'"\d+ years?"', '"99 years"', text, count=1).encode("utf-8")
    for needle, replacement in (
        ('{"d":"', '{"d":"9'),
        ('["FR"]', '["XX"]'),
        ('"fact"', '"act"'),
        ('"marks":[[', '"marks":[[99,'),
    ):
        if needle in text:
            return text.replace(needle, replacement, 1).encode("utf-8")
    raise AssertionError(f"nothing to edit in {text[:200]}")


TAMPERINGS = [
    flip_in_mac,
    flip_in_payload,
    flip_magic,
    flip_every_tenth,
    truncate_half,
    truncate_to_header,
    truncate_to_nothing,
    swap,
    append_garbage,
    edited_figure,
]


@pytest.mark.parametrize("kind", ["pack", "vocabulary", "rates", "idx", "doc"])
@pytest.mark.parametrize("tamper", TAMPERINGS, ids=lambda f: f.__name__)
def test_a_tampered_entry_changes_nothing(truth, kind, tamper):
    entries = populate()
    targets = entries[kind]
    # the other entry for a swap: another of the same kind, or (a single vocabulary, rates or index) a pack's
    others = [p for _, p in entries[kind if len(targets) > 1 else "pack"] if p != targets[0][1]]
    for i, (_, path) in enumerate(targets):
        path.write_bytes(tamper(path.read_bytes(), others[i % len(others)].read_bytes()))
    if kind == "doc":
        force_documents(entries)  # else the documents are not even read
    assert assessment() == truth
    # rebuilt cleanly: every entry the assessment uses checks again (and is served next time)
    used = {pack.file for pack in load_rules(places=PLACES).packs.values()}
    for kind_ in ("pack", "vocabulary", "rates"):
        for parts, _ in built_entries()[kind_]:
            if kind_ != "pack" or parts[2] in used:
                assert cache.load_built(kind_, parts, object) is not None, (kind_, parts)
    assert len(cache.PlaceIndex().entries) == len(entries["pack"])


def test_tampered_documents_are_parsed_again():
    from exposure.load.yaml_source import load_file

    entries = populate()
    for tamper in TAMPERINGS:
        for (_, path), (_, other) in zip(entries["doc"], entries["doc"][1:] + entries["doc"][:1], strict=True):
            path.write_bytes(tamper(path.read_bytes(), other.read_bytes()))
        for source in sources():
            fresh = load_file(source, source.name)
            doc, _ = cache.load_document(source, source.name)
            assert (doc.data, doc.marks, doc.key_marks, doc.quoted, doc.styles) == (
                fresh.data,
                fresh.marks,
                fresh.key_marks,
                fresh.quoted,
                fresh.styles,
            ), (tamper.__name__, source.name)


def test_the_mac_is_what_protects_the_figures(truth):
    """The same edits, signed with the real key, are served and change the result: so the tests above do tamper
    with what matters, and the MAC (a key outside the cache folder) is what makes the difference. A swapped pack
    entry re-signed under the other pack's key parts is still refused: the loader checks the file's SHA-256."""
    entries = populate()
    for kind in ("pack", "idx"):
        for parts, path in entries[kind]:
            path.write_bytes(sign(kind, parts, edit(path.read_bytes()[HEAD:])))
    assert assessment() != truth
    # a pack entry with another pack's content, signed for this pack's key parts: refused all the same, the pack
    # inside names another file's SHA-256 (what the receipt shows is always what was computed with)
    shutil.rmtree(cache.cache_dir())  # the signed edits above are entries like any other: start afresh
    entries = populate()
    fr_parts, fr_path = next(entry for entry in entries["pack"] if entry[0][2].endswith("fr.yaml"))
    de_path = next(path for parts, path in entries["pack"] if parts[2].endswith("de.yaml"))
    fr_path.write_bytes(sign("pack", fr_parts, de_path.read_bytes()[HEAD:]))
    rules = load_rules()
    assert rules.packs["FR"].file.endswith("fr.yaml") and rules.packs["DE"].file.endswith("de.yaml")
    assert assessment() == truth


FOREIGN = [
    # a class outside the model, by name, as the header's class and as a tag
    '[["os.system",["command"],[]]]\n{"0":["touch {marker}"]}',
    '[["builtins.eval",["source"],[]]]\n{"0":["__import__(\'os\').system(\'touch {marker}\')"]}',
    '[]\n{"os.system":["touch {marker}"]}',
    "[]\n{\"builtins.eval\":\"__import__('os').system('touch {marker}')\"}",
    '[["subprocess.Popen",["args"],[]]]\n{"0":[["touch","{marker}"]]}',
    '[["law.Pack",["__class__"],[]]]\n{"0":[{"t":[]}]}',
    # an allowed class with other fields, too few or too many values, or values of the wrong kind
    '[["law.Title",["local","en","extra"],[]]]\n{"0":["a","b","c"]}',
    '[["law.Title",["local","en"],[]]]\n{"0":["a"]}',
    '[["law.Title",["local","en"],[5]]]\n{"0":["a","b"]}',
    '[["money.Money",["amount","currency"],[]]]\n{"0":[1.5,"EUR"]}',
    '[["conditions.Condition",["text","tree","names"],[]]]\n{"0":["x","not a tree",{"f":[]}]}',
    # references out of range, unknown tags, more than one key, a cycle attempt, deep nesting
    '[]\n{"r":0}',
    '[]\n{"r":-1}',
    '[]\n{"x":1}',
    '[]\n{"t":[],"f":[]}',
    "[]\n" + '{"t":[' * 5000 + "]}" * 5000,
    '[]\n{"d":"1e999999999"}',
    '[]\n{"D":"not a date"}',
    '[]\n{"q":[1,0]}',
    "not json at all",
    "",
]


@pytest.mark.parametrize("kind", ["pack", "vocabulary", "rates"])
def test_an_entry_naming_classes_outside_the_model_is_refused_even_with_a_valid_mac(tmp_path, truth, kind):
    marker = tmp_path / "ran"
    entries = populate()
    targets = [(parts, path) for parts, path in entries[kind] if kind != "pack" or parts[2].endswith(PACKS)]
    assert targets
    for text in FOREIGN:
        for parts, path in targets:
            path.write_bytes(sign(kind, parts, text.replace("{marker}", str(marker)).encode()))
        assert assessment() == truth  # refused, rebuilt (and written again, valid)
        assert not marker.exists()
        for parts, _ in targets:
            assert cache.load_built(kind, parts, object) is not None


def test_a_foreign_place_index_or_document_with_a_valid_mac_is_refused(truth):
    entries = populate()
    ((parts, index),) = entries["idx"]
    for text in ['{"x":"FR"}', '["FR"]', '{"x":[1]}', "[", '{"os.system":["x"]}']:
        index.write_bytes(sign("idx", parts, text.encode()))
        assert assessment() == truth
    force_documents(entries)
    for text in ['{"data":{}}', "[]", '{"data":1.5,"decimals":[],"marks":[],"key_marks":[],"quoted":[],"styles":[]}']:
        for doc_parts, path in entries["doc"]:
            path.write_bytes(sign("doc", doc_parts, text.encode()))
        assert assessment() == truth
        force_documents(entries)


def test_entries_are_bound_to_their_kind_and_key_parts(truth):
    """A valid entry moved under another name (another pack's, the vocabulary's, another kind's) is refused."""
    entries = populate()
    blobs = {path: path.read_bytes() for found in entries.values() for _, path in found}
    everything = [path for found in entries.values() for _, path in found]
    for i, path in enumerate(everything):
        path.write_bytes(blobs[everything[(i + 1) % len(everything)]])  # each one gets its neighbour's content
    assert assessment() == truth


def test_the_cli_output_is_the_same_with_every_entry_tampered(tmp_path, truth):
    """End to end, in real processes: ``exposure assess ... -f json`` with every entry of the cache tampered with
    prints exactly what it prints without a cache, with exit code 0 and nothing on stderr."""
    env = {
        "PATH": "/usr/bin:/bin",
        "NO_COLOR": "1",
        "EXPOSURE_CACHE_DIR": str(tmp_path / "cache"),
        "EXPOSURE_CONFIG_DIR": str(tmp_path / "config"),
    }
    args = [sys.executable, "-m", "exposure", "assess", str(EXAMPLE), "-f", "json", "--as-of", AS_OF.isoformat()]
    import shutil

    local = tmp_path / "rules"  # one pack edited, so that the cache keeps a place index of its own (.idx)
    shutil.copytree(RULES_COPY[0], local)
    (local / "de.yaml").write_text((local / "de.yaml").read_text(encoding="utf-8") + "# a local edit\n", encoding="utf-8")
    args += ["--rules", str(local)]
    plain = subprocess.run(args, capture_output=True, text=True, env={**env, "EXPOSURE_NO_CACHE": "1"}, cwd=ROOT)
    first = subprocess.run(args, capture_output=True, text=True, env=env, cwd=ROOT)  # fills the cache
    folder = tmp_path / "cache" / cache.FOLDER
    entries = sorted(folder.iterdir())  # the manifest too
    assert {p.suffix for p in entries} >= {".pack", ".vocabulary", ".rates", ".idx"}
    for i, path in enumerate(entries):
        tamper = flip_in_payload if path.name == cache.MANIFEST else TAMPERINGS[i % len(TAMPERINGS)]
        path.write_bytes(tamper(path.read_bytes(), entries[(i + 1) % len(entries)].read_bytes()))
    tampered = subprocess.run(args, capture_output=True, text=True, env=env, cwd=ROOT)
    again = subprocess.run(args, capture_output=True, text=True, env=env, cwd=ROOT)  # rebuilt: served again
    for run in (plain, first, tampered, again):
        assert run.returncode == 0 and run.stderr == "", run.stderr
        assert run.stdout == plain.stdout
    assert json.loads(plain.stdout)  # a real assessment
