"""The tree shows the pipeline, load → model → evaluate → render: each package imports only the rooms below it.

The rules are stated in each package's docstring; this test reads every import of every module (those inside
functions too) and refuses one that reaches back up.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "exposure"

# room -> the rooms it may import (itself included)
ALLOWED = {
    "model": {"model"},
    "load": {"model", "load"},
    "engine": {"model", "engine"},
    "check": {"model", "load", "engine", "check"},
    "render": {"model", "engine", "render", "check"},
}


def _room(module: str) -> str:
    """``exposure.load.packs`` → ``load``; a top-level module (api, cli, batch) is its own room."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _imports(path: Path, root: Path = PACKAGE) -> list[tuple[int, str]]:
    """Every exposure module imported by ``path``, as absolute names, with the line of the import."""
    relative = path.relative_to(root.parent).with_suffix("")
    package = list(relative.parts[:-1])
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [target] if node.module else [f"{target}.{alias.name}" for alias in node.names]
            out += [(node.lineno, name) for name in names if name.startswith("exposure")]
        elif isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names if alias.name.startswith("exposure")]
    return out


MODULES = sorted(PACKAGE.rglob("*.py"))


def violations(path: Path, root: Path = PACKAGE) -> list[str]:
    room = _room(".".join(path.relative_to(root.parent).with_suffix("").parts))
    if room not in ALLOWED:
        return []  # api, cli, batch, __main__: the entry points sit on top and may use every room
    bad = []
    for line, target in _imports(path, root):
        target_room = _room(target)
        if target_room and target_room != "__version__" and target_room not in ALLOWED[room]:
            bad.append(f"{path.relative_to(root)}:{line}: {room} imports {target}")
    return bad


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_reaches_back_up(path):
    assert not violations(path), "\n".join(violations(path))


def test_a_model_module_importing_the_engine_is_refused(tmp_path):
    root = tmp_path / "exposure"
    (root / "model").mkdir(parents=True)
    module = root / "model" / "x.py"
    module.write_text("from .money import Money\n\ndef f():\n    from ..engine.fines import greatest\n")
    assert violations(module, root) == ["model/x.py:4: model imports exposure.engine.fines"]


def test_every_room_says_what_it_may_import():
    for room in ALLOWED:
        doc = ast.get_docstring(ast.parse((PACKAGE / room / "__init__.py").read_text(encoding="utf-8"))) or ""
        assert "Room rules" in doc, f"{room}/__init__.py should state what the room may import"


GC_TUNING = {"disable", "enable", "freeze", "unfreeze", "set_threshold", "collect"}


def test_garbage_collector_tuning_is_only_in_the_command_line_entry_points():
    """The library never changes the collector of its caller's process: only ``cli.py`` and ``batch.py`` (the
    ``--batch`` workers, and the helper a long-running caller may choose to call) do."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "gc"
                and node.func.attr in GC_TUNING
            ):
                found.append(path.relative_to(PACKAGE).as_posix())
    assert found and set(found) <= {"cli.py", "batch.py"}, found


def test_loading_the_rules_leaves_the_collector_as_it_was(tmp_path, monkeypatch):
    import gc

    from exposure.api import load_rules

    monkeypatch.setenv("EXPOSURE_CACHE_DIR", str(tmp_path / "cache"))
    before = (gc.isenabled(), gc.get_threshold(), gc.get_freeze_count())
    load_rules()  # built and written to the cache
    load_rules()  # read back from it
    assert (gc.isenabled(), gc.get_threshold(), gc.get_freeze_count()) == before
