"""Reading a rule pack (``rules/<code>.yaml``) into the model, with every condition compiled once.

The format is declared in :mod:`exposure.load.pack_format`; this module holds the *builders*, one small function
per section, that turn a section's checked values into a model object and check what the declaration cannot: that
a source or quote id exists, that a minimum is below its maximum, that versions do not overlap. Every problem in a
pack is reported in one pass, each at its line and column.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from ..model import (
    Absorption,
    Aggravation,
    CompanyFineRule,
    Concurrence,
    Evidence,
    Extreme,
    FineFigure,
    FixedFine,
    Group,
    Increase,
    KindCap,
    LexMitior,
    Limitation,
    Measure,
    Offence,
    Pack,
    Penalty,
    PrisonFigure,
    Question,
    Reading,
    Relation,
    SentenceClass,
    Source,
    Title,
    Todo,
    Track,
    TurnoverShare,
    UnitFine,
    UnitValue,
    Version,
    Vocabulary,
    WordFine,
)
from ..model.conditions import ConditionError, compile_condition
from ..model.durations import LIFE, parse_term
from ..model.money import parse_money
from ..model.problems import Problem, did_you_mean, show, show_name
from . import pack_format as fmt
from .reading import BAD, Reader
from .spec import read
from .yaml_source import MAX_BYTES, Document

SCHEMA_VERSION = fmt.SCHEMA_VERSION
FINE_WORDS = ("unlimited", "discretionary")
_PERCENT = re.compile(r"([0-9]+(?:\.[0-9]+)?)\s*%\s+of\s+turnover\Z")
_UNITS = re.compile(r"([0-9]+(?:\.[0-9]+)?)\s+([a-z_]+)\Z")
_URL = re.compile(r"https?://[^\s/$.?#][^\s]*\Z")
_QUESTION_ID = re.compile(r"[a-z][a-z0-9_]*(?:-[a-z0-9_]+)*\Z")
_FRACTION = re.compile(r"-?[0-9]{1,6}(?:/[0-9]{1,6}|\.[0-9]{1,6})?\Z")


# ------------------------------------------------------------------------------------------- value parsers
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


# --------------------------------------------------------------------------------------------- the reader
class PackReader(Reader):
    """A :class:`Reader` that also knows what one pack has declared so far: its sources and quotes, its unit
    names, and the elements of the offence being read (conditions may name them)."""

    def __init__(self, doc: Document, vocabulary: Vocabulary):
        super().__init__(doc)
        self.vocabulary = vocabulary
        self.sources: dict[str, Source] = {}
        self.classes: dict[str, SentenceClass] = {}
        self.quotes: dict[str, tuple[str, Source]] = {}
        self.unit_names: tuple[str, ...] = ()
        self.elements: dict = {}
        self.offence_ids: set[str] = set()
        self.default_limitation_seen = False
        self.tracks: dict[str, Track] = {}
        self.groups: dict[str, Group] = {}
        self.questions: dict[str, Question] = {}

    def declared(self, section: str, key: str) -> bool:
        """``key`` is written under ``section`` (even if its entry could not be read: that has its own problem)."""
        node = self.doc.data.get(section) if isinstance(self.doc.data, dict) else None
        return isinstance(node, dict) and key in node

    def condition(self, path: tuple):
        text = self.text(path, max_length=MAX_BYTES)  # the condition parser has its own, located, length limit
        if text is BAD:
            return BAD
        names = self.vocabulary.condition_names()
        elements = self.elements

        def resolve(name: str, offset: int):
            if name in elements:
                return elements[name].tree
            if name in names:
                entry = self.vocabulary.entries[name]
                return None if entry.kind in ("fact", "act") else BAD
            if name in self.questions:
                return None
            raise ConditionError(
                f"unknown name '{show_name(name)}' in condition"
                f"{did_you_mean(name, set(names) | set(elements) | set(self.questions))}",
                offset,
            )

        try:
            return compile_condition(text, resolve)
        except ConditionError as exc:
            line, col = self.doc.position_in_scalar(path, exc.offset)
            self.problems.append(Problem(self.doc.file, line, col, f"{self.label(path)}: {exc}", "E202"))
            return BAD


def read_url(r: Reader, path: tuple):
    url = r.text(path)
    if url is not BAD and not _URL.match(url):
        return r.fail(path, f"{r.label(path)}: '{url}' is not an http(s) URL", "E303")
    return url


def read_period(r: Reader, path: tuple):
    if r.get(path) == "none":
        return "none"
    term = r.parsed(path, parse_term, "a period such as '6 years', or 'none'")
    if term == LIFE:
        return r.fail(path, f"{r.label(path)}: write 'none' for no limitation period")
    return term


def read_source_ids(r: PackReader, path: tuple, *, allow_empty: bool = False):
    ids = r.sequence(path, allow_empty=allow_empty)
    if ids is BAD:
        return BAD
    found = []
    for i, sid in enumerate(ids):
        if not isinstance(sid, str) or sid not in r.sources:
            r.fail(
                path + (i,),
                f"{r.label(path + (i,))}: '{sid}' is not in the pack's sources"
                + (did_you_mean(sid, r.sources) if isinstance(sid, str) else ""),
                "E201",
            )
        else:
            found.append(r.sources[sid])
    return tuple(found)


# ------------------------------------------------------------------------------------------------ builders
def _any_bad(values: dict, *names: str) -> bool:
    return any(values.get(name) is BAD for name in (names or values))


def _title(r, path, v):
    return BAD if _any_bad(v) else Title(v["local"], v["en"])


def _source(r: PackReader, path, v):
    if _any_bad(v):
        return BAD
    line, col = r.doc.mark(path, key=True)
    source = Source(
        path[-1],
        v["cite"],
        v["url"],
        v["checked"],
        v["grade"],
        v["read_at"] or "",
        v["note"] or "",
        (r.doc.file, line, col),
    )
    r.sources[source.id] = source
    return source


def _quote(r: PackReader, path, v):
    if _any_bad(v):
        return BAD
    source = r.sources.get(v["source"])
    if source is None:
        if not r.declared("sources", v["source"]):
            r.fail(
                path + ("source",),
                f"{r.label(path)}.source: '{v['source']}' is not in the pack's sources"
                f"{did_you_mean(v['source'], r.sources)}",
                "E201",
            )
        return BAD
    r.quotes[path[-1]] = (v["text"], source)
    return v["text"]


def evidence(r: PackReader, path: tuple, v: dict) -> Evidence | Any:
    """The quote and source of a figure: written beside it (``quote``, ``source``) or shared (``evidence``)."""
    where = r.where(path)
    if v.get("evidence") is not None:
        qid = v["evidence"]
        if qid is BAD:
            return BAD
        for key in ("quote", "source"):
            if v.get(key) is not None:
                r.fail(path + (key,), f"{r.label(path)}: give either 'evidence' or 'quote' and 'source', not both")
        shared = r.quotes.get(qid)
        if shared is None:
            if not r.declared("quotes", qid):
                r.fail(
                    path + ("evidence",),
                    f"{r.label(path)}.evidence: '{qid}' is not in the pack's quotes{did_you_mean(qid, r.quotes)}",
                    "E201",
                )
            return BAD
        return Evidence(shared[0], shared[1], where, qid)
    for key in ("quote", "source"):
        if v.get(key) is None:
            r.fail(path, f"{r.label(path)}: missing required key '{key}'", "E103")
    quote, sid = v.get("quote"), v.get("source")
    if quote in (None, BAD) or sid in (None, BAD):
        return BAD
    source = r.sources.get(sid)
    if source is None:
        if not r.declared("sources", sid):
            r.fail(
                path + ("source",),
                f"{r.label(path)}.source: '{sid}' is not in the pack's sources{did_you_mean(sid, r.sources)}",
                "E201",
            )
        return BAD
    return Evidence(quote, source, where)


def _todo(r, path, v):
    return BAD if _any_bad(v) else Todo(v["todo"], r.where(path))


def _prison_figure(r: PackReader, path, v):
    maximum, minimum = v["max"], v["min"]
    if minimum == LIFE:
        minimum = r.fail(path + ("min",), f"{r.label(path)}.min: a minimum cannot be 'life'")
    elif minimum not in (None, BAD) and maximum not in (BAD, LIFE) and maximum < minimum:
        r.fail(path + ("min",), f"{r.label(path)}: the minimum ({minimum}) exceeds the maximum ({maximum})", "E301")
    proof = evidence(r, path, v)
    if BAD in (maximum, minimum, proof, v["note"]):
        return BAD
    return PrisonFigure(maximum, minimum, proof, v["note"] or "")


def _fine(r: PackReader, path, v, maximum):
    minimum = v["min"]
    if (
        minimum not in (None, BAD)
        and isinstance(maximum, FixedFine)
        and minimum.currency == maximum.amount.currency
        and maximum.amount < minimum
    ):
        r.fail(
            path + ("min",), f"{r.label(path)}: the minimum ({minimum}) exceeds the maximum ({maximum.amount})", "E301"
        )
    proof = evidence(r, path, v)
    if BAD in (maximum, minimum, v["per"], proof, v["note"], v["next_review"]):
        return BAD
    return FineFigure(maximum, minimum, v["per"], proof, v["note"] or "", v["next_review"])


def _fine_figure(r, path, v):
    return _fine(r, path, v, v["max"])


def _reading(r: PackReader, path, v):
    if _any_bad(v):
        return BAD
    return Reading(v["meaning"], v["authorities"] or ())


def _settled(r: PackReader, path, v):
    if _any_bad(v):
        return BAD
    source = _source_ref(r, path + ("by",), v["by"])
    return BAD if source is BAD else (v["reading"] == "yes", source, v["from"])


def _question(r: PackReader, path, v):
    qid = path[-1]
    if not _QUESTION_ID.match(qid):
        return r.fail(
            path,
            f"question id '{qid}' must be lower-case letters, digits, '_' and '-' (a condition names it)",
            "E101",
            key=True,
        )
    if qid in r.vocabulary.entries:
        return r.fail(
            path,
            f"question '{qid}' has the name of a declared {r.vocabulary.entries[qid].kind}; rename it",
            "E204",
            key=True,
        )
    if _any_bad(v):
        return BAD
    question = Question(
        qid, v["question"], v["yes"], v["no"], v["default"] == "yes", v["why"], r.where(path), v["settled"]
    )
    r.questions[qid] = question
    return question


def _source_ref(r: PackReader, path: tuple, sid):
    if sid in (None, BAD):
        return sid
    source = r.sources.get(sid)
    if source is None:
        if not r.declared("sources", sid):
            r.fail(path, f"{r.label(path)}: '{sid}' is not in the pack's sources{did_you_mean(sid, r.sources)}", "E201")
        return BAD
    return source


def _extreme_fine(op: str, key: str):
    def build(r, path, v):
        parts, raw = v[key], r.get(path + (key,))
        if isinstance(raw, list) and len(raw) == 1:
            r.fail(path + (key,), f"{r.label(path)}.{key}: needs at least two formulas")
            parts = BAD
        if parts is not BAD and len(parts) != len(raw):
            parts = BAD  # a formula could not be read: its problem is recorded
        return _fine(r, path, v, BAD if parts is BAD else Extreme(op, parts))

    return build


def _increase(r, path, v):
    proof = evidence(r, path, v)
    return BAD if BAD in (v["by"], proof) else Increase(v["by"], proof)


def _class_figures(r: PackReader, path: tuple, v: dict) -> str:
    """A version's or an aggravation's ``class:`` stands for its prison and fine: the class's figures, with their
    evidence, are put in their place (giving both is a mistake: which one was meant cannot be guessed). The class's
    id, or "" without one."""
    cid = v.get("class")
    if cid in (None, BAD):
        return ""
    if v["prison"] is not None or v["fine"] is not None:
        r.fail(path + ("class",), f"{r.label(path)}: give either class or prison and fine, not both")
        v["class"] = BAD
        return ""
    found = r.classes.get(cid)
    if found is None:
        if not r.declared("classes", cid):
            hint = did_you_mean(cid, r.classes) if r.classes else " (the pack declares no classes)"
            r.fail(path + ("class",), f"{r.label(path)}.class: '{cid}' is not under the pack's classes{hint}", "E201")
        v["class"] = BAD
        return ""
    v["prison"], v["fine"] = found.prison, found.fine
    return str(cid)


def _sentence_class(r: PackReader, path, v):
    if v["prison"] is None and v["fine"] is None:
        r.fail(path, f"{r.label(path)}: a class needs a prison or a fine figure", "E103")
    if _any_bad(v):
        return BAD
    found = SentenceClass(path[-1], v["title"], v["prison"], v["fine"], v["note"] or "")
    r.classes[found.id] = found
    return found


def _relation(r: PackReader, path, v):
    proof = evidence(r, path, v)
    if BAD in (v["rule"], proof, v["note"]):
        return BAD
    return Relation(v["rule"], proof, v["note"] or "")


def _aggravation(r, path, v):
    class_id = _class_figures(r, path, v)
    if v["prison"] is None and v["fine"] is None and v["company_fine"] is None and v["increase"] is None:
        r.fail(path, f"{r.label(path)}: an aggravation needs one of prison, fine, company_fine, increase", "E103")
    replaces = v["replaces"] if v["replaces"] is not None else False
    if replaces is True and v["increase"] is not None:
        r.fail(
            path + ("replaces",),
            f"{r.label(path)}: an aggravation that replaces the base penalty cannot also increase it",
        )
    if _any_bad(v):
        return BAD
    return Aggravation(
        v["id"],
        v["title"],
        v["when"],
        v["prison"],
        v["fine"],
        v["company_fine"],
        r.where(path),
        v["increase"],
        replaces,
        class_id,
    )


def _in_force(r, path, v):
    start, end = v["from"], v["to"]
    if start is not BAD and end not in (None, BAD) and end <= start:
        r.fail(path + ("to",), f"{r.label(path)}: 'to' ({end}) must be after 'from' ({start})", "E302")
    return BAD if _any_bad(v) else (start, end)


def _version(r, path, v):
    class_id = _class_figures(r, path, v)
    either = v["prison_or_fine"] if v["prison_or_fine"] is not None else False
    if either is True and (v["prison"] is None or v["fine"] is None):
        r.fail(
            path + ("prison_or_fine",),
            "prison_or_fine: the version needs both a prison and a fine to offer one or the other",
        )
    if v["prison"] is None and v["fine"] is None and v["company_fine"] is None:
        r.fail(path, f"{r.label(path)}: a version needs at least one of prison, fine, company_fine", "E103")
    changed_by = _source_ref(r, path + ("changed_by",), v["changed_by"])
    if (
        _any_bad(v, "in_force", "enacted_by", "prison", "fine", "company_fine", "prison_or_fine", "class")
        or changed_by is BAD
    ):
        return BAD
    start, end = v["in_force"]
    penalty = Penalty(v["prison"], v["fine"], v["company_fine"], either)
    return Version(
        start, end, v["enacted_by"] or "", penalty, tuple(v["aggravations"] or ()), r.where(path), changed_by, class_id
    )


def _applies_to(r, path, v):
    kinds = frozenset(v["kinds"]) if v["kinds"] is not BAD and len(v["kinds"]) == len(r.get(path + ("kinds",))) else BAD
    roles = v["roles"]
    if roles is not None and roles is not BAD:
        roles = frozenset(roles) if len(roles) == len(r.get(path + ("roles",))) else BAD
    return BAD if BAD in (kinds, roles) else (kinds, roles)


def _offence_start(r: PackReader, path, v):
    """Before an offence's fields are read: its conditions may name only its own elements."""
    r.elements = {}


def _offence_elements(r: PackReader, path, v):
    """Compile the elements, each in order (an element may use those before it), before ``when`` and the versions
    that name them are read."""
    raw = r.get(path).get("elements")
    if raw is None or "elements" not in r.get(path):
        v["elements"] = ()
        return
    if not isinstance(raw, dict) or v["elements"] is BAD:
        return
    elements: dict = {}
    r.elements = elements
    for name in raw:
        epath = path + ("elements", name)
        if name in r.vocabulary.entries:
            r.fail(
                epath,
                f"element '{name}' has the name of a declared {r.vocabulary.entries[name].kind}; rename it",
                "E204",
                key=True,
            )
            continue
        compiled = r.condition(epath)
        if compiled is not BAD:
            elements[name] = compiled
    v["elements"] = tuple(elements.items())


def _offence(r: PackReader, path, v):
    versions = v["versions"]
    if versions is not BAD:
        versions = tuple(sorted(versions, key=lambda version: version.start))
        for earlier, later in itertools.pairwise(versions):
            if earlier.end is None or earlier.end > later.start:
                r.fail(
                    path + ("versions",),
                    f"{r.label(path + ('versions',))}: the version from {later.start} (line {later.where[1]}) overlaps "
                    f"the one from {earlier.start}" + ("" if earlier.end else " (give the earlier one a 'to' date)"),
                    "E302",
                )
    r.elements = {}
    cite: Source | None = None
    cite_unknown = False
    if v["cite"] not in (None, BAD):
        cite = r.sources.get(v["cite"])
        if cite is None and not r.declared("sources", v["cite"]):
            r.fail(
                path + ("cite",),
                f"{r.label(path)}.cite: '{v['cite']}' is not in the pack's sources{did_you_mean(v['cite'], r.sources)}",
                "E201",
            )
        cite_unknown = cite is None
    track = _track_ref(r, path, v["track"])
    if v["group"] not in (None, BAD) and v["group"] not in r.groups and not r.declared("groups", v["group"]):
        r.fail(
            path + ("group",),
            f"{r.label(path)}.group: '{v['group']}' is not under the pack's groups{did_you_mean(v['group'], r.groups)}",
            "E201",
        )
    if (
        BAD
        in (
            v["id"],
            v["title"],
            v["applies_to"],
            v["when"],
            v["note"],
            versions,
            v["group"],
            v["basis"],
            track,
            v["unit"],
            v["absorbed_by"],
            v["extent"],
        )
        or cite_unknown
    ):
        return BAD
    if not isinstance(v["elements"], tuple):
        return BAD
    r.offence_ids.add(v["id"])
    kinds, roles = v["applies_to"]
    return Offence(
        v["id"],
        v["title"],
        kinds,
        roles,
        v["when"],
        v["elements"],
        versions,
        v["note"] or "",
        r.where(path),
        v["basis"] or (),
        v["group"] or "",
        cite,
        track,
        v["unit"] or "incident",
        v["absorbed_by"],
        frozenset(v["extent"]) if v["extent"] is not None else None,
    )


def _absorbing_offences_exist(r: PackReader, path, v):
    """Once every offence is read: an offence may be absorbed only by offences of the pack."""
    for i, offence in enumerate(r.get(path).get("offences") or ()):
        node = offence.get("absorbed_by") if isinstance(offence, dict) else None
        ids = node.get("offences") if isinstance(node, dict) else None
        for j, oid in enumerate(ids if isinstance(ids, list) else ()):
            if isinstance(oid, str) and oid not in r.offence_ids:
                where = path + ("offences", i, "absorbed_by", "offences", j)
                r.fail(
                    where,
                    f"{r.label(where)}: no offence '{oid}' in this pack{did_you_mean(oid, r.offence_ids)}",
                    "E201",
                )


def _unit_value(r, path, v):
    proof = evidence(r, path, v)
    if BAD in (v["from"], v["to"], v["value"], proof, v["note"], v["next_review"]):
        return BAD
    return UnitValue(v["from"], v["to"], v["value"], proof, v["note"] or "", v["next_review"])


def _units_declared(r: PackReader, path, v):
    """The unit names are known as soon as the section is written, so that fines can name them."""
    node = r.get(path).get("units")
    r.unit_names = tuple(node) if isinstance(node, dict) else ()


def _company_factor(r, path, v):
    fallback = v["without_person_fine"]
    if isinstance(fallback, Todo):
        fallback = r.fail(
            path + ("without_person_fine",), "company_fine.without_person_fine: a todo is not allowed here"
        )
    proof = evidence(r, path, v)
    if BAD in (v["factor"], proof, fallback):
        return BAD
    return CompanyFineRule(v["factor"], proof, fallback)


def _kind_cap(r, path, v):
    return BAD if _any_bad(v) else v


def _concurrence(r: PackReader, path, v):
    caps = {}
    for kind, parse, what in (
        ("prison", parse_term, "a prison term such as '20 years'"),
        ("fine", lambda t: parse_fine_formula(t, r.unit_names), "a fine such as '720 tagessatz'"),
    ):
        raw = v[kind]
        if raw in (None, BAD):
            caps[kind] = raw
            continue
        cap = r.parsed(path + (kind, "cap"), parse, what) if raw["cap"] is not None else None
        if cap == LIFE:
            cap = r.fail(path + (kind, "cap"), f"{r.label(path + (kind, 'cap'))}: a cap cannot be 'life'")
        caps[kind] = BAD if cap is BAD else KindCap(raw["times_highest"], cap)
    rule = v["rule"]
    if rule == "raised" and v["by"] is None:
        r.fail(
            path,
            f"{r.label(path)}: the rule 'raised' needs 'by' (the fraction the heaviest maximum is raised by)",
            "E103",
        )
    elif rule not in (BAD, "raised") and v["by"] is not None:
        r.fail(path + ("by",), f"{r.label(path)}.by: only the rule 'raised' takes 'by'")
    if rule not in (BAD, "sum") and (v["prison"] is not None or v["fine"] is not None):
        r.fail(path, f"{r.label(path)}: only the rule 'sum' takes caps (prison, fine)")
    proof = evidence(r, path, v)
    if BAD in (
        rule,
        v["by"],
        caps["prison"],
        caps["fine"],
        proof,
        v["note"],
        v["life_absorbs"],
        v["below_sum"],
        v["upper_bound"],
    ):
        return BAD
    return Concurrence(
        rule,
        proof,
        v["by"],
        caps["prison"],
        caps["fine"],
        bool(v["life_absorbs"]),
        bool(v["below_sum"]),
        bool(v["upper_bound"]),
        v["note"] or "",
    )


def _track(r: PackReader, path, v):
    if _any_bad(v):
        return BAD
    track = Track(
        path[-1],
        v["kind"],
        v["enforcer"],
        v["one_act"],
        v["several_acts"],
        v["note"] or "",
        v["company_one_act"],
        v["company_several_acts"],
    )
    r.tracks[track.id] = track
    return track


def _group(r: PackReader, path, v):
    proof = evidence(r, path, v)
    if BAD in (v["title"], proof, v["note"]):
        return BAD
    group = Group(path[-1], v["title"], proof, v["note"] or "")
    r.groups[group.id] = group
    return group


def _absorption(r, path, v):
    proof = evidence(r, path, v)
    if BAD in (v["offences"], proof, v["note"]):
        return BAD
    return Absorption(frozenset(v["offences"]), proof)


def _measure_in_force(r, path, v):
    return _in_force(r, path, v)


def _measure_start(r: PackReader, path, v):
    r.elements = {}


def _measure(r: PackReader, path, v):
    proof = evidence(r, path, v)
    if BAD in (v["id"], v["title"], v["ordered_by"], v["applies_to"], v["when"], v["in_force"], proof, v["note"]):
        return BAD
    kinds, roles = v["applies_to"]
    start, end = v["in_force"] if v["in_force"] is not None else (None, None)
    return Measure(
        v["id"], v["title"], v["ordered_by"], kinds, roles, v["when"], proof, start, end, v["note"] or "", r.where(path)
    )


def _track_ref(r: PackReader, path, tid):
    """The track an offence or measure names (default: ``criminal``), which the pack must declare."""
    if tid is BAD:
        return BAD
    name = tid or "criminal"
    if name not in r.tracks:
        if not r.declared("tracks", name):
            where = path + ("track",) if tid else path
            r.fail(
                where,
                f"{r.label(path)}: no track '{name}' under the pack's tracks{did_you_mean(name, r.tracks)}"
                + ("" if tid else " (an offence without 'track' is enforced in 'criminal')"),
                "E201",
            )
        return BAD
    return name


def _lex_mitior(r, path, v):
    proof = evidence(r, path, v)
    return BAD if proof is BAD else LexMitior(proof)


def _minor_victim(r, path, v):
    proof = evidence(r, path, v)
    if BAD in (v["period"], proof, v["majority_age"]):
        return BAD
    return (v["period"], int(v["majority_age"]) if v["majority_age"] is not None else 18, proof)


def _limitation(r: PackReader, path, v):
    offences = None
    if v["offences"] is not None:
        ids = r.get(path + ("offences",))
        for j, oid in enumerate(ids if isinstance(ids, list) else ()):
            if oid not in r.offence_ids:
                r.fail(
                    path + ("offences", j),
                    f"{r.label(path + ('offences', j))}: no offence '{oid}' in this pack"
                    + (did_you_mean(oid, r.offence_ids) if isinstance(oid, str) else ""),
                    "E201",
                )
        if not isinstance(ids, list):
            return BAD
        offences = frozenset(str(oid) for oid in ids)
    elif r.default_limitation_seen and "in_force" not in r.get(path):
        r.fail(path, f"{r.label(path)}: only one limitation rule may omit 'offences' (the default)", "E203")
    else:
        r.default_limitation_seen = r.default_limitation_seen or "in_force" not in r.get(path)
    proof = evidence(r, path, v)
    minor = v["minor_victim"]
    if BAD in (v["period"], proof, minor, offences, v["note"]):
        return BAD
    period = None if v["period"] == "none" else v["period"]
    if minor is None:
        return Limitation(offences, period, proof)
    minor_period, majority, minor_proof = minor
    return Limitation(
        offences,
        period,
        proof,
        None if minor_period == "none" else minor_period,
        minor_period == "none",
        majority,
        minor_proof,
    )


def _schema_checked(r, path, v):
    if v["schema"] is not BAD and v["schema"] != SCHEMA_VERSION:
        r.fail(
            path + ("schema",),
            f"schema: this version of exposure reads pack schema {SCHEMA_VERSION}, found {v['schema']!r}"
            + (
                " (schema 1's 'combination:' became cited 'tracks:'; see docs/pack-format.md)"
                if v["schema"] == 1
                else ""
            ),
        )


BUILDERS = {
    "title": _title,
    "source": _source,
    "quote": _quote,
    "todo": _todo,
    "prison_figure": _prison_figure,
    "fine_figure": _fine_figure,
    "greatest_fine": _extreme_fine("greatest", "greatest_of"),
    "least_fine": _extreme_fine("least", "lesser_of"),
    "increase": _increase,
    "aggravation": _aggravation,
    "in_force": _in_force,
    "version": _version,
    "applies_to": _applies_to,
    "offence.id": _offence_start,
    "offence.elements": _offence_elements,
    "offence": _offence,
    "pack.offences": _absorbing_offences_exist,
    "unit_value": _unit_value,
    "pack.units": _units_declared,
    "pack.schema": _schema_checked,
    "company_factor": _company_factor,
    "reading": _reading,
    "settled": _settled,
    "question": _question,
    "kind_cap": _kind_cap,
    "concurrence": _concurrence,
    "sentence_class": _sentence_class,
    "relation": _relation,
    "track": _track,
    "group": _group,
    "absorption": _absorption,
    "measure_in_force": _measure_in_force,
    "measure.id": _measure_start,
    "measure": _measure,
    "lex_mitior": _lex_mitior,
    "minor_victim": _minor_victim,
    "limitation": _limitation,
}


def read_pack(doc: Document, vocabulary: Vocabulary, sha256: str) -> Pack:
    """Build a :class:`Pack` from a loaded document; raises InputError listing every problem."""
    r = PackReader(doc, vocabulary)
    v = read(fmt.PACK, r, BUILDERS)
    r.raise_if_problems()
    assert isinstance(v, dict)
    code = v["pack"]
    applies_in = frozenset(v["applies_in"]) if v["applies_in"] is not None else frozenset([code])
    level, parent = _level(r, v)
    r.raise_if_problems()
    units = {unit: tuple(sorted(values, key=lambda value: value.start)) for unit, values in (v["units"] or {}).items()}
    company = v["company_fine"]
    if isinstance(company, FineFigure):  # one cap for every offence (e.g. OWiG § 30)
        company = CompanyFineRule(None, company.evidence, None, company)
    return Pack(
        code,
        v["name"],
        v["language"],
        v["currency"],
        v["authority"],
        applies_in,
        dict(r.sources),
        units,
        company,
        dict(r.tracks),
        tuple(v["offences"]),
        doc.file,
        sha256,
        v["covers_from"],
        v["lex_mitior"],
        tuple(v["limitation"] or ()),
        dict(r.groups),
        tuple(v["measures"] or ()),
        dict(r.questions),
        level=level,
        parent=parent,
        relation=v["relation"],
        default_extent=frozenset(v["default_extent"]) if v["default_extent"] is not None else None,
        classes=dict(r.classes),
    )


def _level(r: PackReader, v: dict) -> tuple[str, str]:
    """The pack's level and parent, checked against its code: a subdivision (``US-CA``) sits under its country
    (``parent: US``) and says how its penalties stand to the parent's; a country pack has no parent."""
    from ..model.places import country_of

    code = v["pack"]
    level = v["level"] or ("supranational" if code == "EU" else "national")
    parent = v["parent"] or ""
    is_part = code != country_of(code)
    if level == "subdivision":
        if not is_part:
            r.fail(("pack",), f"pack: a subdivision's code names its country, as US-CA or GB-SCT (found {code})")
        elif parent != country_of(code):
            where = ("parent",) if v["parent"] else ("level",)
            r.fail(where, f"parent: a subdivision sits under its country: parent: {country_of(code)}", "E103")
        if v["relation"] is None:
            r.fail(("level",), "relation: a subdivision says how its penalties stand to the parent's", "E103")
    else:
        if is_part:
            r.fail(("pack",), f"level: the pack {code} is a subdivision: write level: subdivision and parent", "E103")
        for key in ("parent", "relation"):
            if v[key] is not None:
                r.fail((key,), f"{key}: only a subdivision pack has a {key}")
    return level, parent


def load_pack(path: Path | str, vocabulary: Vocabulary, display: str | None = None) -> Pack:
    """Load one pack file (through the parsed-document cache, as the catalogue does)."""
    from .cache import load_document

    doc, sha = load_document(Path(path), display or str(path))
    return read_pack(doc, vocabulary, sha)
