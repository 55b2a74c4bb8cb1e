"""Output of ``exposure check``: one line per problem (text), a JSON document, or GitHub workflow annotations."""

from __future__ import annotations

import json

from ..check.runner import CheckReport


def summary(report: CheckReport) -> str:
    passed = sum(1 for c in report.cases if c.passed)
    errors = len(report.errors)
    text = (
        f"{len(report.packs)} packs, {len(report.cases)} test cases: {passed} passed, "
        f"{len(report.cases) - passed} failed; "
        f"{errors} errors, {len(report.problems) - errors} warnings"
    )
    if report.unchecked:
        text += (
            f"; not yet linted or tested, until they load: {', '.join(report.unchecked)} "
            "(the legal lints and test cases run once the errors above are fixed)"
        )
    return text


def as_text(report: CheckReport) -> str:
    return "".join(p.coded() + "\n" for p in report.problems)


def as_json(report: CheckReport) -> str:
    data = {
        "problems": [
            {"file": p.file, "line": p.line, "col": p.col, "code": p.code, "severity": p.severity, "message": p.message}
            for p in report.problems
        ],
        "packs": [
            {"id": p.code, "file": p.file, "sha256": p.sha256, "checked": p.checked.isoformat()} for p in report.packs
        ],
        "cases": [
            {"file": c.file, "line": c.line, "name": c.name, "passed": c.passed, "failures": list(c.failures)}
            for c in report.cases
        ],
        "summary": summary(report),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _escape(text: str) -> str:
    """GitHub workflow-command escaping (%, CR and LF), after every other control character is shown escaped: an
    ESC or a forged ``::add-mask::`` can never reach the runner's log as a command."""
    from ..model.problems import printable

    return printable(text, multiline=True).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape(text).replace(":", "%3A").replace(",", "%2C")


def as_github(report: CheckReport) -> str:
    lines = []
    for p in report.problems:
        level = "error" if p.severity == "error" else "warning"
        location = f"file={_escape_property(p.file)}"
        if p.line:
            location += f",line={p.line},col={p.col}"
        lines.append(f"::{level} {location},title={_escape_property(p.code)}::{_escape(p.message)}\n")
    return "".join(lines)
