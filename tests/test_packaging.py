"""The packs ship inside the package, so a plain `pip install .` finds them from any directory."""

from pathlib import Path

import exposure
from exposure.load.catalog import shipped_rules_dir


def test_shipped_rules_are_found():
    folder = shipped_rules_dir()
    assert (folder / "vocabulary.yaml").is_file()
    assert (folder / "fr.yaml").is_file() and (folder / "fr.tests.yaml").is_file()


def test_installed_package_carries_its_own_rules():
    package = Path(exposure.__file__).resolve().parent
    checkout = Path(__file__).resolve().parents[1]
    if (package / "rules").is_dir():  # a regular install (as in CI): the packs travel inside the package
        assert shipped_rules_dir() == package / "rules"
        shipped = sorted(p.name for p in (package / "rules").glob("*.yaml"))
        assert shipped == sorted(p.name for p in (checkout / "rules").glob("*.yaml"))
        assert (package / "schema" / "pack.schema.json").is_file()
        assert (package / "rules" / "places.json").is_file()  # the shipped place index travels with the packs
    else:  # an editable install: the checkout's own folder
        assert package == checkout / "src" / "exposure"
        assert shipped_rules_dir() == checkout / "rules"


def test_the_wheel_force_includes_the_rules_and_the_schemas():
    import tomllib

    config = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    include = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert include == {"rules": "exposure/rules", "schema": "exposure/schema"}


def test_the_library_api_is_importable_from_the_package():
    import exposure
    from exposure import Engine, assess, load_rules

    assert Engine is exposure.api.Engine and assess is exposure.api.assess and load_rules is exposure.api.load_rules
    assert set(exposure.__all__) - {"__version__"} <= set(exposure.api.__all__)


def test_importing_the_package_does_not_import_the_library():
    import subprocess
    import sys

    code = "import sys, exposure; print('exposure.api' in sys.modules, 'exposure.engine' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.split() == ["False", "False"]
