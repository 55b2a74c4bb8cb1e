"""``exposure check``: continuous integration for rule-pack edits.

For each pack: load it strictly (every schema and reference problem, located), then run its test cases
(``<code>.tests.yaml`` beside it) and report the offences and aggravations no case exercises. Every problem is one
``file:line:col: code: message`` line with a stable code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..load.catalog import RATES_FILE, VOCABULARY_FILE, display_path, pack_files, shipped_rules_dir
from ..load.packs import load_pack
from ..load.vocabulary import load_vocabulary
from ..model import Pack, Vocabulary
from ..model.problems import InputError, Problem, printable
from ..model.rates import RateTable
from ..model.rules import RuleSet
from .pack_tests import CaseResult, case_file_for, run_case_file, validate_case_file
from .rules import BY_ID, RULES, Context


@dataclass
class CheckReport:
    """What ``exposure check`` found: problems (errors and warnings), the packs read, the test cases run."""

    problems: list[Problem] = field(default_factory=list)
    packs: list[Pack] = field(default_factory=list)
    cases: list[CaseResult] = field(default_factory=list)
    unchecked: list[str] = field(default_factory=list)  # packs that did not load: lints and test cases not run

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def _expand(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            has_tables = (path / VOCABULARY_FILE).is_file() or (path / RATES_FILE).is_file()
            out.extend(_served_by(path) if has_tables else pack_files(path))
        elif path.name.endswith(".tests.yaml"):
            out.append(path.with_name(path.name[: -len(".tests.yaml")] + ".yaml"))
        elif path.name in (VOCABULARY_FILE, RATES_FILE):  # an edit of either can change any pack it serves
            out.extend(_served_by(path.parent))
        else:
            out.append(path)
    return list(dict.fromkeys(out))


def _served_by(folder: Path) -> list[Path]:
    """The packs that a vocabulary or rate table in ``folder`` serves: those beside it and, for a ``--rules``
    folder, every shipped pack it does not replace (``assess --rules`` evaluates them with it)."""
    own = pack_files(folder)
    shipped = shipped_rules_dir()
    if folder.resolve() == shipped.resolve():
        return own
    names = {p.name for p in own}
    return own + [p for p in pack_files(shipped) if p.name not in names]


def _vocabulary_path(paths: list[Path], files: list[Path]) -> Path | None:
    """The vocabulary named (a ``vocabulary.yaml`` path, or one in a folder given), else the one beside the
    first pack checked, else the shipped one."""
    named = [
        p if p.name == VOCABULARY_FILE else p / VOCABULARY_FILE
        for p in paths
        if p.name == VOCABULARY_FILE or p.is_dir()
    ]
    candidates = named + [f.parent / VOCABULARY_FILE for f in files] + [shipped_rules_dir() / VOCABULARY_FILE]
    return next((c for c in candidates if c.is_file()), None)


def _vocabulary_for(path: Path | None, report: CheckReport) -> Vocabulary | None:
    if path is None:
        report.problems.append(Problem("rules", 0, 0, f"E001: no {VOCABULARY_FILE} found", "E001"))
        return None
    try:
        return load_vocabulary(path, display_path(path))
    except InputError as exc:
        report.problems.extend(exc.problems)
        return None


DEFAULT_MAX_AGE_DAYS = 365


def lint_pack(
    pack: Pack, *, today=None, max_age_days: int = DEFAULT_MAX_AGE_DAYS, disabled=frozenset()
) -> list[Problem]:
    """The legal sanity rules over one pack (those not ``disabled``), in the registry's order."""
    from datetime import date

    context = Context(today or date.today(), max_age_days)
    return [problem for rule in RULES if rule.id not in disabled for problem in rule.check(pack, context)]


def unknown_rules(ids) -> list[str]:
    """The ids in ``ids`` that name no rule (for ``--disable``)."""
    return [rule_id for rule_id in ids if rule_id not in BY_ID]


def check(
    paths: list[Path] | None = None, *, max_age_days: int = DEFAULT_MAX_AGE_DAYS, today=None, disabled=frozenset()
) -> CheckReport:
    report = CheckReport()
    given = [Path(p) for p in paths] if paths else [shipped_rules_dir()]
    files = _expand(given)
    vocabulary = _vocabulary_for(_vocabulary_path(given, files), report)
    if vocabulary is None:
        return report
    rates = _rates_for(files, report)
    for path in files:
        if not path.is_file():
            report.problems.append(Problem(display_path(path), 0, 0, "file not found", "E001"))
            continue
        try:
            report.packs.append(load_pack(path, vocabulary, display_path(path)))
        except InputError as exc:
            report.problems.extend(exc.problems)
            report.unchecked.append(display_path(path))
            tests = case_file_for(path)
            if tests.is_file():  # its test file's own problems, in the same run
                report.problems.extend(validate_case_file(tests, display_path(tests), vocabulary))
    for pack in report.packs:
        report.problems.extend(lint_pack(pack, today=today, max_age_days=max_age_days, disabled=disabled))
        _run_cases(pack, vocabulary, rates, report)
    return report


def _rates_for(files: list[Path], report: CheckReport) -> RateTable | None:
    """The reference-rate table beside the packs checked, else the shipped one (caps that compare a share of
    turnover with a stated amount convert the turnover with it); its problems are reported like a pack's."""
    from ..load.rates import load_rates

    candidates = [f.parent / RATES_FILE for f in files] + [shipped_rules_dir() / RATES_FILE]
    path = next((c for c in candidates if c.is_file()), None)
    if path is None:
        return None
    try:
        return load_rates(path, display_path(path))
    except InputError as exc:
        report.problems.extend(exc.problems)
        return None


def _run_cases(pack: Pack, vocabulary: Vocabulary, rates: RateTable | None, report: CheckReport) -> None:
    tests = case_file_for(pack.file)
    if not tests.is_file():
        report.problems.append(Problem(pack.file, 1, 1, f"pack has no test cases ({tests.name})", "T400"))
        return
    rules = RuleSet(vocabulary, {pack.code: pack}, rates)
    try:
        results = run_case_file(tests, display_path(tests), pack.code, rules)
    except InputError as exc:
        report.problems.extend(exc.problems)
        return
    report.cases.extend(results)
    exercised: set[tuple[str, str]] = set()
    for case in results:
        exercised |= case.exercised
        if not case.passed:
            detail = "\n    ".join(case.failures)
            report.problems.append(
                Problem(case.file, case.line, case.col, f"case '{printable(case.name)}' failed:\n    {detail}", "T401")
            )
    for offence in pack.offences:
        file, line, col = offence.where
        if (offence.id, "") not in exercised:
            report.problems.append(
                Problem(file, line, col, f"no test case exercises offence '{offence.id}'", "T402", "warning")
            )
        for version in offence.versions:
            for agg in version.aggravations:
                if (offence.id, agg.id) not in exercised:
                    file, line, col = agg.where
                    report.problems.append(
                        Problem(
                            file,
                            line,
                            col,
                            f"no test case exercises aggravation '{offence.id}/{agg.id}'",
                            "T402",
                            "warning",
                        )
                    )
