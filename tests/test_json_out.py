"""The JSON writer: byte for byte what ``json.dumps(..., ensure_ascii=False, indent=2)`` writes."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from exposure import api
from exposure.render.json_out import assessment_dict, indented

from .conftest import EXAMPLES

# Every kind of value exposure's documents hold (no floats: see the test below), integers of any size included.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30,
)


@given(json_values)
def test_indented_equals_json_dumps(value):
    assert indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_indented_equals_json_dumps_on_every_example(rules):
    for example in sorted(EXAMPLES.glob("*.yaml")):
        data = assessment_dict(api.assess(api.load_incident(example, rules), rules, list(rules.packs), as_of=date(2026, 11, 1)))
        assert indented(data) == json.dumps(data, ensure_ascii=False, indent=2)


def _floats(value, path="$"):
    if isinstance(value, float):
        yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _floats(item, f"{path}.{key}")
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _floats(item, f"{path}[{i}]")


def test_documents_hold_no_float(rules):
    """The writer's byte-for-byte promise does not cover floats (orjson writes 1e-7 where json writes 1e-07):
    every document exposure writes must hold none (money, shares and rates are decimal text)."""
    for example in sorted(EXAMPLES.glob("*.yaml")):
        incident = api.load_incident(example, rules)
        data = assessment_dict(api.assess(incident, rules, list(rules.packs), as_of=date(2026, 11, 1)))
        assert list(_floats(data)) == [], example.name
        comparison = api.comparison(incident, rules)
        from exposure.render.compare_out import as_dict

        assert list(_floats(as_dict(comparison))) == [], example.name


def test_control_characters_and_non_ascii_are_written_as_json_does():
    value = {"é\u2028": ["\x00\x1f\"\\", "日本", "\ud800"]}
    assert indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_batch_lines_equal_json_dumps_also_when_results_are_reused(rules):
    from exposure.render.json_out import compact_line

    for example in sorted(EXAMPLES.glob("*.yaml")):
        incident = api.load_incident(example, rules)
        for line in (3, 4):  # the second time, every party's result comes from the memo and its text is reused
            a = api.assess(incident, rules, list(rules.packs), as_of=date(2026, 11, 1))
            expected = json.dumps({"line": line, **assessment_dict(a, explain=False)}, ensure_ascii=False,
                                  separators=(",", ":"))
            assert compact_line(a, line) == expected
            with_trails = json.dumps({"line": line, **assessment_dict(a, explain=True)}, ensure_ascii=False,
                                     separators=(",", ":"))
            assert compact_line(a, line, explain=True) == with_trails


def test_one_line_writer_over_a_queue_writes_what_json_dumps_writes(rules):
    """A writer that lives as long as the queue reuses party results and the shared fragments (coverage, cautions,
    receipt) from earlier lines: every line must still be json.dumps of its own whole document."""
    from exposure.engine.engine import Engine
    from exposure.render.json_out import LineWriter

    engine, writer = Engine(rules), LineWriter()
    examples = sorted(EXAMPLES.glob("*.yaml"))
    incidents = [api.load_incident(example, rules) for example in examples]
    for line, incident in enumerate(incidents * 3, 1):  # each example three times, interleaved with the others
        a = engine.assess(incident, as_of=date(2026, 11, 1) if line % 2 else date(2026, 12, 1))
        expected = json.dumps({"line": line, **assessment_dict(a, explain=False)}, ensure_ascii=False,
                              separators=(",", ":"))
        assert writer.line(a, line) == expected, examples[(line - 1) % len(examples)].name


@given(json_values)
def test_compact_equals_json_dumps(value):
    from exposure.render.json_out import _compact

    assert _compact(value) == json.dumps(value, ensure_ascii=False, separators=(",", ":"))
