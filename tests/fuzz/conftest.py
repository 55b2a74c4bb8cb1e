"""Collect the fuzzing harness (``fuzz_loaders.py``, not named ``test_*``) with the rest of the suite."""

import pytest


def pytest_collect_file(file_path, parent):
    if file_path.name == "fuzz_loaders.py":
        return pytest.Module.from_parent(parent, path=file_path)
    return None
