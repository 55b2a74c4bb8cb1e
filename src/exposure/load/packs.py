"""Loading a rule pack (``rules/<code>.yaml``) into the model, with every condition compiled once.

The pack format is documented in ``docs/pack-format.md``; this module is its reference implementation. It
reports every problem in a pack in one pass, each at its line and column.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from ..model.conditions import ConditionError, compile_condition
from ..model.durations import LIFE, parse_term
from ..model import (
    PARTY_KINDS,
    PARTY_ROLES,
    Aggravation,
    Combination,
    CompanyFineRule,
    Evidence,
    Extreme,
    FineFigure,
    FixedFine,
    Increase,
    LexMitior,
    Limitation,
    Offence,
    Pack,
    Penalty,
    PrisonFigure,
    Source,
    Title,
    Todo,
    TurnoverShare,
    UnitFine,
    UnitValue,
    Version,
    Vocabulary,
    WordFine,
)
from ..model.money import ISO_4217, parse_money
from ..model.places import normalise_place
from ..model.problems import Problem, did_you_mean, show
from .reading import BAD, Reader
from .yaml_source import Document

SCHEMA_VERSION = 1
COMBINATION_RULES = ("highest", "sum")
SOURCE_GRADES = ("official", "mirror", "secondary")
FINE_WORDS = ("unlimited", "discretionary")
_PERCENT = re.compile(r"([0-9]+(?:\.[0-9]+)?)\s*%\s+of\s+turnover\Z")
_UNITS = re.compile(r"([0-9]+(?:\.[0-9]+)?)\s+([a-z_]+)\Z")
_URL = re.compile(r"https?://[^\s/$.?#][^\s]*\Z")


_FRACTION = re.compile(r"-?[0-9]{1,6}(?:/[0-9]{1,6}|\.[0-9]{1,6})?\Z")


def parse_fraction(text) -> Fraction:
    """``1/3``, ``3/2``, ``3`` or ``1.5`` as an exact fraction, greater than zero and at most 100. The text is
    checked before it is turned into a number: ``1e999999999`` would otherwise build a billion-digit integer."""
    raw = str(text).strip()
    if not _FRACTION.match(raw):
        raise ValueError(f"'{show(raw, 40)}' is not a fraction: write e.g. 1/3, 3/2 or 3")
    try:
        value = Fraction(raw)
    except ZeroDivisionError:
        raise ValueError(f"'{raw}' divides by zero") from None
    if not 0 < value <= 100:
        raise ValueError(f"'{raw}' must be greater than zero and at most 100")
    return value


def parse_fine_formula(text: str, units: tuple[str, ...] = ()):
    """Parse one fine formula: ``60000 EUR``, ``unlimited``, ``discretionary``, ``6% of turnover``,
    ``500 penalty_units``."""
    text = text.strip()
    if text in FINE_WORDS:
        return WordFine(text)
    percent = _PERCENT.match(text)
    if percent:
        value = Decimal(percent[1])
        if not 0 < value <= 100:
            raise ValueError(f"'{text}': a share of turnover must be between 0 and 100%")
        return TurnoverShare(value)
    unit = _UNITS.match(text)
    if unit and unit[2] in units:
        return UnitFine(Decimal(unit[1]), unit[2])
    if unit and not unit[2].isupper() and len(unit[2]) != 3:
        raise ValueError(
            f"'{unit[2]}' is not a unit declared under the pack's 'units:'"
            + (did_you_mean(unit[2], units) if units else " (the pack declares none)")
        )
    try:
        return FixedFine(parse_money(text))
    except ValueError as exc:
        raise ValueError(
            f"{exc}; a fine is an amount ('75000 EUR'), 'unlimited', 'discretionary', 'N% of turnover' or 'N <unit>'"
        ) from None


class _PackReader(Reader):
    def __init__(self, doc: Document, vocabulary: Vocabulary):
        super().__init__(doc)
        self.vocabulary = vocabulary
        self.sources: dict[str, Source] = {}
        self.unit_names: tuple[str, ...] = ()
        self.currency = "EUR"

    # -- pieces
    def title(self, path: tuple) -> Title | object:
        node = self.mapping(path, required=("local", "en"))
        if node is BAD:
            return BAD
        local, en = self.text(path + ("local",)) if "local" in node else BAD, self.text(path + ("en",)) if "en" in node else BAD
        return BAD if BAD in (local, en) else Title(local, en)

    def evidence(self, path: tuple, node: dict) -> Evidence | object:
        quote = self.text(path + ("quote",)) if "quote" in node else BAD
        source = BAD
        if "source" in node:
            sid = self.text(path + ("source",))
            if sid is not BAD:
                source = self.sources.get(sid, BAD)
                declared = self.doc.data.get("sources") if isinstance(self.doc.data, dict) else None
                if source is BAD and not (isinstance(declared, dict) and sid in declared):
                    self.fail(
                        path + ("source",),
                        f"{self.label(path)}.source: '{sid}' is not in the pack's sources{did_you_mean(sid, self.sources)}",
                        "E201",
                    )
        if BAD in (quote, source):
            return BAD
        return Evidence(quote, source, self.where(path))

    def todo(self, path: tuple) -> Todo | object:
        text = self.text(path + ("todo",))
        return BAD if text is BAD else Todo(text, self.where(path))

    def prison(self, path: tuple):
        node = self.get(path)
        if isinstance(node, dict) and "todo" in node:
            self.mapping(path, required=("todo",))
            return self.todo(path)
        node = self.mapping(path, required=("max", "quote", "source"), optional=("min", "note"))
        if node is BAD:
            return BAD
        maximum = self.parsed(path + ("max",), parse_term, "a prison term such as '2 years' or 'life'") if "max" in node else BAD
        minimum = None
        if "min" in node:
            minimum = self.parsed(path + ("min",), parse_term, "a prison term such as '1 year'")
            if minimum == LIFE:
                minimum = self.fail(path + ("min",), f"{self.label(path)}.min: a minimum cannot be 'life'")
            elif minimum is not BAD and maximum not in (BAD, LIFE) and maximum < minimum:
                self.fail(path + ("min",), f"{self.label(path)}: the minimum ({minimum}) exceeds the maximum ({maximum})", "E301")
        evidence = self.evidence(path, node)
        note = self.text(path + ("note",)) if "note" in node else ""
        if BAD in (maximum, minimum, evidence, note):
            return BAD
        return PrisonFigure(maximum, minimum, evidence, note)

    def formula(self, path: tuple):
        return self.parsed(
            path, lambda text: parse_fine_formula(text, self.unit_names), "a fine such as '75000 EUR' or 'unlimited'"
        )

    def fine(self, path: tuple):
        node = self.get(path)
        if isinstance(node, dict) and "todo" in node:
            self.mapping(path, required=("todo",))
            return self.todo(path)
        if isinstance(node, dict) and ("greatest_of" in node or "lesser_of" in node):
            op_key = "greatest_of" if "greatest_of" in node else "lesser_of"
            node = self.mapping(path, required=(op_key, "quote", "source"), optional=("min", "per", "note"))
            if node is BAD:
                return BAD
            items = self.sequence(path + (op_key,))
            parts = BAD
            if items is not BAD:
                parts = tuple(self.formula(path + (op_key, i)) for i in range(len(items)))
                if len(parts) < 2:
                    self.fail(path + (op_key,), f"{self.label(path)}.{op_key}: needs at least two formulas")
                parts = BAD if BAD in parts else parts
            maximum = BAD if parts is BAD else Extreme("greatest" if op_key == "greatest_of" else "least", parts)
        else:
            node = self.mapping(path, required=("max", "quote", "source"), optional=("min", "per", "note"))
            if node is BAD:
                return BAD
            maximum = self.formula(path + ("max",)) if "max" in node else BAD
        minimum = None
        if "min" in node:
            minimum = self.parsed(path + ("min",), parse_money, "an amount such as '1000 EUR'")
            if (
                minimum is not BAD
                and isinstance(maximum, FixedFine)
                and minimum.currency == maximum.amount.currency
                and maximum.amount < minimum
            ):
                self.fail(path + ("min",), f"{self.label(path)}: the minimum ({minimum}) exceeds the maximum ({maximum.amount})", "E301")
        per = self.choice(path + ("per",), ("day", "violation")) if "per" in node else None
        evidence = self.evidence(path, node)
        note = self.text(path + ("note",)) if "note" in node else ""
        if BAD in (maximum, minimum, per, evidence, note):
            return BAD
        return FineFigure(maximum, minimum, per, evidence, note)

    def condition(self, path: tuple, elements: dict):
        text = self.text(path)
        if text is BAD:
            return BAD
        names = self.vocabulary.condition_names()

        def resolve(name: str, offset: int):
            if name in elements:
                return elements[name].tree
            if name in names:
                entry = self.vocabulary.entries[name]
                return None if entry.kind in ("fact", "act") else BAD
            raise ConditionError(
                f"unknown name '{name}' in condition{did_you_mean(name, set(names) | set(elements))}", offset
            )

        try:
            return compile_condition(text, resolve)
        except ConditionError as exc:
            line, col = self.doc.position_in_scalar(path, exc.offset)
            self.problems.append(Problem(self.doc.file, line, col, f"{self.label(path)}: {exc}", "E202"))
            return BAD

    # -- sections
    def read_sources(self) -> None:
        node = self.mapping(("sources",), any_keys=True)
        if node is BAD:
            return
        for sid in node:
            path = ("sources", sid)
            item = self.mapping(path, required=("cite", "url", "checked", "grade"), optional=("read_at", "note"))
            if item is BAD:
                continue
            cite = self.text(path + ("cite",)) if "cite" in item else BAD
            url = self.text(path + ("url",)) if "url" in item else BAD
            if url is not BAD and not _URL.match(url):
                url = self.fail(path + ("url",), f"{self.label(path)}.url: '{url}' is not an http(s) URL", "E303")
            checked = self.day(path + ("checked",)) if "checked" in item else BAD
            grade = self.choice(path + ("grade",), SOURCE_GRADES) if "grade" in item else BAD
            read_at = self.text(path + ("read_at",)) if "read_at" in item else ""
            note = self.text(path + ("note",)) if "note" in item else ""
            if BAD not in (cite, url, checked, grade, read_at, note):
                line, col = self.doc.mark(path, key=True)
                self.sources[sid] = Source(sid, cite, url, checked, grade, read_at, note, (self.doc.file, line, col))

    def read_units(self) -> dict:
        out: dict = {}
        if "units" not in self.get(()):
            return out
        node = self.mapping(("units",), any_keys=True)
        if node is BAD:
            return out
        self.unit_names = tuple(node)
        for unit in node:
            values = self.sequence(("units", unit))
            if values is BAD:
                continue
            dated = []
            for i in range(len(values)):
                path = ("units", unit, i)
                item = self.mapping(path, required=("from", "value", "quote", "source"), optional=("to", "note"))
                if item is BAD:
                    continue
                start = self.day(path + ("from",)) if "from" in item else BAD
                end = self.day(path + ("to",)) if "to" in item else None
                value = self.parsed(path + ("value",), parse_money, "an amount such as '330 AUD'") if "value" in item else BAD
                evidence = self.evidence(path, item)
                note = self.text(path + ("note",)) if "note" in item else ""
                if BAD not in (start, end, value, evidence, note):
                    dated.append(UnitValue(start, end, value, evidence, note))
            out[unit] = tuple(sorted(dated, key=lambda v: v.start))
        return out

    def read_company_rule(self) -> CompanyFineRule | None:
        if "company_fine" not in self.get(()):
            return None
        path = ("company_fine",)
        node = self.get(path)
        if isinstance(node, dict) and "max" in node:
            fixed = self.fine(path)
            if fixed is BAD or isinstance(fixed, Todo):
                return None
            return CompanyFineRule(None, fixed.evidence, None, fixed)
        node = self.mapping(path, required=("factor", "quote", "source"), optional=("without_person_fine",))
        if node is BAD:
            return None
        factor = self.number(path + ("factor",)) if "factor" in node else BAD
        evidence = self.evidence(path, node)
        fallback = self.fine(path + ("without_person_fine",)) if "without_person_fine" in node else None
        if isinstance(fallback, Todo):
            fallback = self.fail(path + ("without_person_fine",), "company_fine.without_person_fine: a todo is not allowed here")
        if BAD in (factor, evidence, fallback):
            return None
        return CompanyFineRule(factor, evidence, fallback)

    def read_combination(self) -> Combination | object:
        path = ("combination",)
        node = self.mapping(path, required=("rule", "quote", "source"), optional=("prison_cap", "cap_times_highest", "note"))
        if node is BAD:
            return BAD
        rule = self.choice(path + ("rule",), COMBINATION_RULES) if "rule" in node else BAD
        cap = None
        if "prison_cap" in node:
            cap = self.parsed(path + ("prison_cap",), parse_term, "a prison term such as '30 years'")
            if cap == LIFE:
                cap = self.fail(path + ("prison_cap",), "combination.prison_cap: a cap cannot be 'life'")
        if "note" in node:
            self.text(path + ("note",))
        times = None
        if "cap_times_highest" in node:
            times = self.parsed_any(path + ("cap_times_highest",), parse_fraction)
        evidence = self.evidence(path, node)
        if BAD in (rule, cap, evidence, times):
            return BAD
        return Combination(rule, cap, evidence, times)

    def read_lex_mitior(self):
        path = ("lex_mitior",)
        node = self.mapping(path, required=("quote", "source"))
        if node is BAD:
            return None
        evidence = self.evidence(path, node)
        return None if evidence is BAD else LexMitior(evidence)

    def read_limitations(self, offence_ids: set[str]) -> tuple:
        items = self.sequence(("limitation",))
        if items is BAD:
            return ()
        out, default_seen = [], False
        for i in range(len(items)):
            path = ("limitation", i)
            node = self.mapping(
                path, required=("period", "quote", "source"), optional=("offences", "minor_victim", "note")
            )
            if node is BAD:
                continue
            offences = None
            if "offences" in node:
                ids = self.sequence(path + ("offences",))
                if ids is not BAD:
                    for j, oid in enumerate(ids):
                        if oid not in offence_ids:
                            self.fail(path + ("offences", j), f"{self.label(path + ('offences', j))}: no offence '{oid}' in this pack"
                                      + (did_you_mean(oid, offence_ids) if isinstance(oid, str) else ""), "E201")
                    offences = frozenset(str(oid) for oid in ids)
            elif default_seen:
                self.fail(path, f"{self.label(path)}: only one limitation rule may omit 'offences' (the default)", "E203")
            else:
                default_seen = True
            period = self.limitation_period(path + ("period",))
            if "note" in node:
                self.text(path + ("note",))
            evidence = self.evidence(path, node)
            minor_period, minor_none, majority, minor_evidence = None, False, 18, None
            if "minor_victim" in node:
                mpath = path + ("minor_victim",)
                mnode = self.mapping(mpath, required=("period", "quote", "source"), optional=("majority_age",))
                if mnode is not BAD:
                    value = self.limitation_period(mpath + ("period",))
                    minor_none = value == "none"
                    minor_period = None if value in ("none", BAD) else value
                    if "majority_age" in mnode:
                        age = self.number(mpath + ("majority_age",))
                        majority = int(age) if age is not BAD else 18
                    minor_evidence = self.evidence(mpath, mnode)
            if BAD in (period, evidence, minor_evidence):
                continue
            out.append(Limitation(offences, None if period == "none" else period, evidence, minor_period, minor_none,
                                  majority, minor_evidence))
        return tuple(out)

    def limitation_period(self, path: tuple):
        value = self.get(path)
        if value == "none":
            return "none"
        term = self.parsed(path, parse_term, "a period such as '6 years', or 'none'")
        if term == LIFE:
            return self.fail(path, f"{self.label(path)}: write 'none' for no limitation period")
        return term

    def read_penalty_parts(self, path: tuple, node: dict) -> tuple:
        prison = self.prison(path + ("prison",)) if "prison" in node else None
        fine = self.fine(path + ("fine",)) if "fine" in node else None
        company = self.fine(path + ("company_fine",)) if "company_fine" in node else None
        return prison, fine, company

    def read_offence(self, i: int, seen_ids: dict) -> Offence | object:
        path = ("offences", i)
        node = self.mapping(
            path, required=("id", "title", "applies_to", "when", "versions"), optional=("elements", "note", "basis", "group")
        )
        if node is BAD:
            return BAD
        oid = self.unique_ident(path + ("id",), seen_ids, "offence") if "id" in node else BAD
        title = self.title(path + ("title",)) if "title" in node else BAD
        kinds, roles = self.read_applies_to(path + ("applies_to",)) if "applies_to" in node else (BAD, BAD)
        elements: dict = {}
        element_list = []
        if "elements" in node and self.mapping(path + ("elements",), any_keys=True) is not BAD:
            for name in node["elements"]:
                epath = path + ("elements", name)
                if name in self.vocabulary.entries:
                    self.fail(epath, f"element '{name}' has the name of a declared {self.vocabulary.entries[name].kind}; rename it", "E204", key=True)
                    continue
                compiled = self.condition(epath, elements)
                if compiled is not BAD:
                    elements[name] = compiled
                    element_list.append((name, compiled))
        when = self.condition(path + ("when",), elements) if "when" in node else BAD
        note = self.text(path + ("note",)) if "note" in node else ""
        basis: tuple | object = ()
        if "basis" in node:
            ids = self.sequence(path + ("basis",))
            if ids is not BAD:
                found = []
                for i, sid in enumerate(ids):
                    if not isinstance(sid, str) or sid not in self.sources:
                        self.fail(path + ("basis", i), f"{self.label(path + ('basis', i))}: '{sid}' is not in the pack's sources"
                                  + (did_you_mean(sid, self.sources) if isinstance(sid, str) else ""), "E201")
                    else:
                        found.append(self.sources[sid])
                basis = tuple(found)
        group = self.ident(path + ("group",)) if "group" in node else ""
        versions = self.read_versions(path + ("versions",), elements) if "versions" in node else BAD
        if BAD in (oid, title, kinds, roles, when, note, versions, group):
            return BAD
        return Offence(oid, title, kinds, roles, when, tuple(element_list), versions, note, self.where(path), basis, group)

    def read_applies_to(self, path: tuple):
        node = self.mapping(path, required=("kinds",), optional=("roles",))
        if node is BAD:
            return BAD, BAD
        kinds = self.choice_list(path + ("kinds",), PARTY_KINDS) if "kinds" in node else BAD
        roles = self.choice_list(path + ("roles",), PARTY_ROLES) if "roles" in node else None
        return kinds, roles

    def choice_list(self, path: tuple, choices) -> frozenset | object:
        items = self.sequence(path)
        if items is BAD:
            return BAD
        values = [self.choice(path + (i,), choices) for i in range(len(items))]
        return BAD if BAD in values else frozenset(values)

    def read_versions(self, path: tuple, elements: dict):
        items = self.sequence(path)
        if items is BAD:
            return BAD
        versions = []
        for i in range(len(items)):
            vpath = path + (i,)
            node = self.mapping(
                vpath, required=("in_force",),
                optional=("enacted_by", "prison", "fine", "company_fine", "prison_or_fine", "aggravations"),
            )
            if node is BAD:
                continue
            start, end = BAD, None
            if "in_force" in node:
                ipath = vpath + ("in_force",)
                inode = self.mapping(ipath, required=("from",), optional=("to",))
                if inode is not BAD:
                    start = self.day(ipath + ("from",)) if "from" in inode else BAD
                    end = self.day(ipath + ("to",)) if "to" in inode else None
                    if start is not BAD and end not in (None, BAD) and end <= start:
                        self.fail(ipath + ("to",), f"{self.label(ipath)}: 'to' ({end}) must be after 'from' ({start})", "E302")
            enacted_by = self.text(vpath + ("enacted_by",)) if "enacted_by" in node else ""
            prison, fine, company = self.read_penalty_parts(vpath, node)
            either = self.boolean(vpath + ("prison_or_fine",)) if "prison_or_fine" in node else False
            if either is True and (prison is None or fine is None):
                self.fail(vpath + ("prison_or_fine",), "prison_or_fine: the version needs both a prison and a fine to offer one or the other")
            if prison is None and fine is None and company is None:
                self.fail(vpath, f"{self.label(vpath)}: a version needs at least one of prison, fine, company_fine", "E103")
            aggravations = []
            if "aggravations" in node:
                apath = vpath + ("aggravations",)
                alist = self.sequence(apath)
                if alist is not BAD:
                    seen: dict = {}
                    for j in range(len(alist)):
                        agg = self.read_aggravation(apath + (j,), elements, seen)
                        if agg is not BAD:
                            aggravations.append(agg)
            if BAD not in (start, end, enacted_by, prison, fine, company, either):
                penalty = Penalty(prison, fine, company, either)
                versions.append(Version(start, end, enacted_by, penalty, tuple(aggravations), self.where(vpath)))
        versions.sort(key=lambda v: v.start)
        for earlier, later in zip(versions, versions[1:]):
            if earlier.end is None or earlier.end > later.start:
                line = later.where[1]
                self.fail(
                    path,
                    f"{self.label(path)}: the version from {later.start} (line {line}) overlaps the one from {earlier.start}"
                    + ("" if earlier.end else " (give the earlier one a 'to' date)"),
                    "E302",
                )
        return tuple(versions)

    def read_aggravation(self, path: tuple, elements: dict, seen: set) -> Aggravation | object:
        node = self.mapping(
            path, required=("id", "title", "when"), optional=("prison", "fine", "company_fine", "increase", "replaces")
        )
        if node is BAD:
            return BAD
        aid = self.unique_ident(path + ("id",), seen, "aggravation") if "id" in node else BAD
        title = self.title(path + ("title",)) if "title" in node else BAD
        when = self.condition(path + ("when",), elements) if "when" in node else BAD
        prison, fine, company = self.read_penalty_parts(path, node)
        increase = None
        if "increase" in node:
            ipath = path + ("increase",)
            inode = self.mapping(ipath, required=("by", "quote", "source"))
            if inode is BAD:
                increase = BAD
            else:
                by = self.parsed_any(ipath + ("by",), parse_fraction) if "by" in inode else BAD
                evidence = self.evidence(ipath, inode)
                increase = BAD if BAD in (by, evidence) else Increase(by, evidence)
        if prison is None and fine is None and company is None and increase is None:
            self.fail(path, f"{self.label(path)}: an aggravation needs one of prison, fine, company_fine, increase", "E103")
        replaces = self.boolean(path + ("replaces",)) if "replaces" in node else False
        if replaces is True and increase is not None:
            self.fail(path + ("replaces",), f"{self.label(path)}: an aggravation that replaces the base penalty cannot also increase it")
        if BAD in (aid, title, when, prison, fine, company, increase, replaces):
            return BAD
        return Aggravation(aid, title, when, prison, fine, company, self.where(path), increase, replaces)


def read_pack(doc: Document, vocabulary: Vocabulary, sha256: str) -> Pack:
    """Build a :class:`Pack` from a loaded document; raises InputError listing every problem."""
    r = _PackReader(doc, vocabulary)
    top = r.mapping(
        (),
        required=("schema", "pack", "name", "language", "currency", "sources", "combination", "offences"),
        optional=("authority", "applies_in", "units", "company_fine", "covers_from", "lex_mitior", "limitation"),
    )
    if top is BAD:
        r.raise_if_problems()
    if "schema" in top and r.get(("schema",)) != SCHEMA_VERSION:
        r.fail(("schema",), f"schema: this version of exposure reads pack schema {SCHEMA_VERSION}, found {r.get(('schema',))!r}")
    code = r.parsed(("pack",), normalise_place, "a country code such as FR", unit=False) if "pack" in top else BAD
    name = r.title(("name",)) if "name" in top else BAD
    language = r.text(("language",)) if "language" in top else BAD
    currency = r.choice(("currency",), sorted(ISO_4217)) if "currency" in top else BAD
    authority = r.title(("authority",)) if "authority" in top else None
    applies_in = frozenset([code]) if code is not BAD else BAD
    if "applies_in" in top:
        places = r.sequence(("applies_in",))
        if places is not BAD:
            applies_in = frozenset(
                p for p in (r.parsed(("applies_in", i), normalise_place, "a country code", unit=False) for i in range(len(places)))
                if p is not BAD
            )
    if "sources" in top:
        r.read_sources()
    units = r.read_units()
    company_rule = r.read_company_rule()
    combination = r.read_combination() if "combination" in top else BAD
    offences = []
    if "offences" in top:
        items = r.sequence(("offences",))
        if items is not BAD:
            seen: dict = {}
            for i in range(len(items)):
                offence = r.read_offence(i, seen)
                if offence is not BAD:
                    offences.append(offence)
    covers_from = r.day(("covers_from",)) if "covers_from" in top else None
    lex_mitior = r.read_lex_mitior() if "lex_mitior" in top else None
    limitations = r.read_limitations({o.id for o in offences}) if "limitation" in top else ()
    r.raise_if_problems()
    return Pack(
        code, name, language, currency, authority, applies_in, dict(r.sources), units, company_rule, combination,
        tuple(offences), doc.file, sha256, covers_from, lex_mitior, limitations,
    )


def load_pack(path: Path | str, vocabulary: Vocabulary, display: str | None = None) -> Pack:
    """Load one pack file (through the parsed-document cache, as the catalogue does)."""
    from .cache import load_document

    doc, sha = load_document(Path(path), display or str(path))
    return read_pack(doc, vocabulary, sha)
