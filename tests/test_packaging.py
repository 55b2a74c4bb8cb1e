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
    if "site-packages" in str(package):  # a non-editable install (as in CI): rules/ is inside the package
        assert shipped_rules_dir() == package / "rules"

