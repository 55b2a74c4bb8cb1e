#!/usr/bin/env python3
"""Generate the hostile-input corpus: malformed incidents, batch files and rule packs, with their expectations.

    python tests/corpus/make_corpus.py            # (re)writes tests/corpus/{incidents,packs}/ and expected.json
    python tests/corpus/make_corpus.py --out DIR  # writes the same tree under DIR (the test suite checks that it
                                                  # is byte-identical to the committed files)

Deterministic: no clock, no unseeded randomness, sorted output. Every case is a mutation of a small valid incident
or pack, and its expectation ("FILE:LINE:COL: message-start", the first line the tool must print) is worked out
here from the text itself: the position of the construct that is wrong, and the message that names it. Pack
expectations carry the stable problem code that `exposure check` prints ("FILE:LINE:COL: CODE: message-start").
The tool is never run to produce an expectation; where it disagrees and is believed wrong, the test marks the
file xfail (see XFAIL in tests/test_corpus.py).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
MIB = 1024 * 1024
MAX_BYTES = 5 * MIB  # the loader's documented limit

# ---------------------------------------------------------------------------------------------------- base texts
INCIDENT = """\
title: Requested AI edit shared online
date: 2026-01-02
places: [FR]
summary: A base incident that the corpus mutates.
facts:
  sexual: true
  synthetic: true
  real_person: true
  minor: false
  consent: false
  online: true
parties:
  - id: requester
    kind: person
    role: user
    acts: [request, create, share]
    facts: {intent_to_harm: true}
  - id: platform
    kind: company
    role: platform
    name: the network
    turnover: 2_600_000_000 USD
    acts: [host, fail_to_remove]
"""

PACK = """\
schema: 2
pack: FR
name: {local: Testland, en: Testland}
language: en
currency: EUR
sources:
  s1:
    cite: "Test Act, s. 1"
    url: https://example.org/act/s1
    checked: 2026-11-01
    grade: official
  s2:
    cite: "Test Act, s. 2"
    url: https://example.org/act/s2
    checked: 2026-11-01
    grade: official
company_fine:
  factor: 5
  quote: "five times the fine for natural persons"
  source: s2
tracks:
  criminal:
    kind: criminal
    enforcer: {local: Tribunal, en: Court}
    one_act:
      rule: highest
      quote: "the highest maximum applies"
      source: s2
    several_acts:
      rule: sum
      quote: "the penalties for several offences may run consecutively"
      source: s2
      upper_bound: true
offences:
  - id: t-1
    title: {local: Sharing a deepfake, en: Sharing a deepfake}
    applies_to: {kinds: [person, company], roles: [user, platform]}
    elements:
      deepfake: synthetic and real_person
    when: deepfake and not consent and share
    versions:
      - in_force: {from: 2020-01-01}
        prison: {max: 2 years, quote: "imprisonment for 2 years", source: s1}
        fine: {max: 30000 EUR, quote: "a fine of 30000 euros", source: s1}
        aggravations:
          - id: online
            title: {local: Online, en: Online}
            when: online
            prison: {max: 3 years, quote: "imprisonment for 3 years", source: s1}
            fine: {max: 45000 EUR, quote: "a fine of 45000 euros", source: s1}
"""

WHEN = "    when: deepfake and not consent and share\n"
JSON_INCIDENT = (
    '{"title": "Requested AI edit", "date": "2026-01-02", "places": ["FR"], '
    '"facts": {"sexual": true, "synthetic": true, "real_person": true, "consent": false, "online": true}, '
    '"parties": [{"id": "requester", "kind": "person", "role": "user", "acts": ["share"]}]}'
)


# ------------------------------------------------------------------------------------------------------ helpers
def line_of(text: str, needle: str) -> int:
    """The line number (from 1) of the first ``needle`` in ``text``."""
    return text[: text.index(needle)].count("\n") + 1


def sub(text: str, old: str, new: str) -> str:
    """``text`` with the single occurrence of ``old`` replaced (a typo in a mutation must fail loudly)."""
    assert text.count(old) == 1, (old, text.count(old))
    return text.replace(old, new)


def loc(text: str, needle: str, nth: int = 1, delta: int = 0) -> tuple[int, int]:
    """1-based (line, column in characters) of the ``nth`` occurrence of ``needle`` in ``text``, plus ``delta``."""
    index = -1
    for _ in range(nth):
        index = text.index(needle, index + 1)
    index += delta
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


def after(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    """The position just after ``needle`` (where libyaml marks an empty value: ``key:`` then nothing)."""
    return loc(text, needle, nth, len(needle))


def byte_loc(raw: bytes, index: int) -> tuple[int, int]:
    """(line, column in characters) of byte ``index`` in a file whose bytes before it are valid UTF-8."""
    line_start = raw.rfind(b"\n", 0, index) + 1
    return raw.count(b"\n", 0, index) + 1, len(raw[line_start:index].decode("utf-8")) + 1


def first_bad_utf8(raw: bytes) -> int:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    raise AssertionError("valid UTF-8")


class Corpus:
    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.expected: dict[str, str] = {}

    def add(self, rel: str, content: str | bytes, where: tuple[int, int], message: str, code: str | None = None) -> None:
        assert rel not in self.files, rel
        raw = content.encode("utf-8") if isinstance(content, str) else content
        self.files[rel] = raw
        line, col = where
        self.expected[rel] = f"{rel}:{line}:{col}: " + (f"{code}: " if code else "") + message

    def incident(self, name: str, content, where, message: str) -> None:
        self.add(f"incidents/{name}.yaml", content, where, message)

    def batch(self, name: str, content, where, message: str) -> None:
        self.add(f"incidents/{name}.jsonl", content, where, message)

    def pack(self, name: str, content, where, code: str, message: str) -> None:
        self.add(f"packs/{name}.yaml", content, where, message, code)


# -------------------------------------------------------------------------------------------------- incidents
def incidents(c: Corpus) -> None:
    I = INCIDENT
    inc = c.incident

    # -- YAML syntax errors (libyaml reports where the scanner or parser gave up)
    t = sub(I, "places: [FR]", "places: [FR, GB")
    inc("syntax-unclosed-flow-sequence", t, loc(t, ": A base"),
        "YAML syntax error: did not find expected ',' or ']'")
    t = sub(I, "title: Requested AI edit shared online", 'title: "Requested AI edit shared online')
    inc("syntax-unclosed-double-quote", t, (len(t.splitlines()) + 1, 1),
        "YAML syntax error: found unexpected end of stream")
    t = sub(I, "title: Requested AI edit shared online", "title: Requested: AI: edit")
    inc("syntax-colon-in-plain-value", t, loc(t, ": AI"), "YAML syntax error: mapping values are not allowed")
    t = sub(I, "    kind: person\n", "     kind: person\n")
    inc("syntax-bad-indentation", t, loc(t, "kind: person", delta=4),
        "YAML syntax error: mapping values are not allowed")
    t = sub(I, "    role: user\n", "  role: user\n")
    inc("syntax-dedented-key-in-list-item", t, loc(t, "role: user"),
        "YAML syntax error: did not find expected '-' indicator")
    t = sub(I, "title: Requested AI edit shared online", "title: @requester shared it")
    inc("syntax-reserved-at-sign", t, loc(t, "@"), "YAML syntax error: found character that cannot start any token")
    t = sub(I, "title: Requested AI edit shared online", "title: `edit` shared online")
    inc("syntax-reserved-backtick", t, loc(t, "`"), "YAML syntax error: found character that cannot start any token")
    t = sub(I, "places: [FR]", "places: [FR]]")
    inc("syntax-stray-closing-bracket", t, loc(t, "]]", delta=1), "YAML syntax error: did not find expected key")
    t = sub(I, "title: Requested AI edit shared online", "title: 'it''s' shared' online")
    inc("syntax-text-after-quoted-scalar", t, loc(t, "shared'"), "YAML syntax error: did not find expected key")
    t = sub(I, "facts:\n  sexual: true", "facts:\n  - sexual: true")
    inc("syntax-list-item-inside-mapping", t, loc(t, "  synthetic: true", delta=2),
        "YAML syntax error: did not find expected '-' indicator")
    t = sub(I, "facts: {intent_to_harm: true}", "facts: {intent_to_harm: true")
    inc("syntax-unclosed-flow-mapping", t, loc(t, ": platform"),
        "YAML syntax error: did not find expected ',' or '}'")
    t = sub(I, "date: 2026-01-02\n", "date: 2026-01-02\n%YAML 1.2\n")
    inc("syntax-directive-inside-document", t, loc(t, "places:"),  # a directive ends the document: '---' must follow
        "YAML syntax error: did not find expected <document start>")

    # -- tabs
    t = sub(I, "    kind: person\n", "\t\tkind: person\n")
    inc("tab-indentation", t, loc(t, "\t\tkind"), "YAML syntax error: found a tab character that violates indentation")
    t = sub(I, "  sexual: true\n", "\tsexual: true\n")
    inc("tab-indented-fact", t, loc(t, "\tsexual"), "YAML syntax error: found character that cannot start any token")
    t = sub(I, "  - id: platform\n", "\t- id: platform\n")
    inc("tab-before-list-dash", t, loc(t, "\t- id: platform"),
        "YAML syntax error: found character that cannot start any token")
    t = sub(I, "    acts: [request, create, share]\n", "  \t  acts: [request, create, share]\n")
    inc("tab-mixed-with-spaces", t, loc(t, "\t  acts"), "YAML syntax error: found a tab character that violates indentation")

    # -- duplicate keys
    t = sub(I, "places: [FR]\n", "places: [FR]\ntitle: Another title\n")
    inc("duplicate-top-level-key", t, loc(t, "title: Another"), "duplicate key 'title' (first at line 1)")
    t = sub(I, "  minor: false\n", "  minor: false\n  sexual: false\n")
    inc("duplicate-fact", t, loc(t, "sexual: false"), "duplicate key 'sexual' (first at line 6)")
    t = sub(I, "    role: user\n", "    role: user\n    kind: company\n")
    inc("duplicate-party-key", t, loc(t, "kind: company"), "duplicate key 'kind' (first at line 14)")
    t = sub(I, "facts: {intent_to_harm: true}", "facts: {intent_to_harm: true, intent_to_harm: false}")
    inc("duplicate-key-in-flow-mapping", t, loc(t, "intent_to_harm: false"),
        "duplicate key 'intent_to_harm' (first at line 17)")
    t = sub(I, "places: [FR]\n", "places: [FR]\n'title': Another title\n")
    inc("duplicate-key-differently-quoted", t, loc(t, "'title'"), "duplicate key 'title' (first at line 1)")

    # -- anchors, aliases, merge keys, billion laughs
    t = sub(I, "facts:\n  sexual", "facts: &content\n  sexual")
    inc("anchor-on-facts", t, loc(t, "&content"), "anchors (&content) are not allowed")
    t = sub(I, "    facts: {intent_to_harm: true}\n", "    facts: *content\n")
    inc("alias-without-anchor", t, loc(t, "*content"), "aliases (*content) are not allowed")
    laughs = "".join(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]\n" for i in range(1, 10))
    t = 'l0: &l0 "lol"\n' + laughs + I
    inc("billion-laughs", t, loc(t, "&l0"), "anchors (&l0) are not allowed")
    t = sub(I, "  - id: platform\n", "  - <<: {kind: company}\n    id: platform\n")
    inc("merge-key", t, loc(t, "<<"), "merge keys (<<) are not allowed")
    t = sub(I, "  - id: platform\n", "  - &p id: platform\n")
    inc("anchor-on-key", t, loc(t, "&p"), "anchors (&p) are not allowed")

    # -- tags
    t = sub(I, "title: Requested AI edit shared online", 'title: !!python/object/apply:os.system ["touch /tmp/pwned"]')
    inc("tag-python-os-system", t, loc(t, "!!python"),
        "tags are not allowed (found tag:yaml.org,2002:python/object/apply:os.system)")
    t = sub(I, "summary: A base incident that the corpus mutates.", "summary: !!python/name:os.system ''")
    inc("tag-python-name", t, loc(t, "!!python"), "tags are not allowed (found tag:yaml.org,2002:python/name:os.system)")
    t = sub(I, "    facts: {intent_to_harm: true}", "    facts: !!python/object/new:dict {intent_to_harm: true}")
    inc("tag-python-object-new-on-mapping", t, loc(t, "!!python"),
        "tags are not allowed (found tag:yaml.org,2002:python/object/new:dict)")
    t = sub(I, "summary: A base incident that the corpus mutates.", "summary: !!binary aGVsbG8=")
    inc("tag-binary", t, loc(t, "!!binary"), "tags are not allowed (found tag:yaml.org,2002:binary)")
    t = sub(I, "date: 2026-01-02", "date: !!timestamp 2026-01-02")
    inc("tag-timestamp", t, loc(t, "!!timestamp"), "tags are not allowed (found tag:yaml.org,2002:timestamp)")
    t = sub(I, "places: [FR]", "places: !!set {FR: null}")
    inc("tag-set", t, loc(t, "!!set"), "tags are not allowed (found tag:yaml.org,2002:set)")
    t = sub(I, "title: Requested AI edit shared online", "title: !custom Requested AI edit")
    inc("tag-local", t, loc(t, "!custom"), "tags are not allowed (found !custom)")
    t = "%TAG !py! tag:yaml.org,2002:python/\n---\n" + sub(I, "title: Requested AI edit shared online",
                                                            "title: !py!object/apply:os.system [id]")
    inc("tag-directive-shorthand", t, loc(t, "!py!object"),
        "tags are not allowed (found tag:yaml.org,2002:python/object/apply:os.system)")
    t = sub(I, "  minor: false", "  minor: !!bool false")
    inc("tag-explicit-bool", t, loc(t, "!!bool"), "tags are not allowed (found tag:yaml.org,2002:bool)")

    # -- the document itself
    inc("root-is-a-list", "- title: x\n- date: 2026-01-02\n", (1, 1),
        "the document: expected a mapping (key: value lines), found a list")
    inc("root-is-text", "Someone shared a deepfake of my photo\n", (1, 1),
        "the document: expected a mapping (key: value lines), found the text 'Someone shared a deepfake of my photo'")
    inc("root-is-a-number", "42\n", (1, 1), "the document: expected a mapping (key: value lines), found the number 42")
    inc("root-is-null", "~\n", (1, 1), "the document: expected a mapping (key: value lines), found nothing (null)")
    inc("empty", "", (1, 1), "the file is empty: expected a YAML mapping")
    inc("whitespace-only", "   \n\n  \t \n   ", (1, 1), "the file is empty: expected a YAML mapping")
    inc("comments-only", "# an incident\n   # nothing else\n", (1, 1), "the file is empty: expected a YAML mapping")
    inc("bom-only", "\ufeff", (1, 1), "the file is empty: expected a YAML mapping")
    inc("document-markers-only", "---\n...\n", (2, 1),  # libyaml puts the empty document's null at its end marker
        "the document: expected a mapping (key: value lines), found nothing (null)")

    # -- wrong types, field by field
    def field(name, old, new, needle, message, nth=1):
        t = sub(I, old, new)
        inc(name, t, loc(t, needle, nth), message)

    T = "title: Requested AI edit shared online"
    field("title-number", T, "title: 42", "42", "title: expected text, found the number 42")
    field("title-list", T, "title: [a, b]", "[a, b]", "title: expected text, found a list")
    field("title-mapping", T, "title: {en: x}", "{en: x}", "title: expected text, found a mapping")
    field("title-null", T, "title: ~", "~", "title: expected text, found nothing (null)")
    t = sub(I, T, "title:")
    inc("title-empty-value", t, after(t, "title:"), "title: expected text, found nothing (null)")
    field("title-bool", T, "title: true", "true", "title: expected text, found true (a yes/no value)")
    field("title-empty-string", T, 'title: ""', '""', "title: must not be empty")
    field("title-blank-string", T, 'title: "   "', '"   "', "title: must not be empty")
    D = "date: 2026-01-02"
    field("date-list", D, "date: [2026, 1, 2]", "[2026", "date: expected a date written YYYY-MM-DD, found a list")
    field("date-bool", D, "date: false", "false", "date: expected a date written YYYY-MM-DD, found false (a yes/no value)")
    field("date-null", D, "date: null", "null", "date: expected a date written YYYY-MM-DD, found nothing (null)")
    field("date-year-only", D, "date: 2026", "2026", "date: expected a date written YYYY-MM-DD, found the text '2026'")
    field("date-decimal", D, "date: 2026.01", "2026.01", "date: expected a date written YYYY-MM-DD, found the number 2026.01")
    field("date-mapping", D, "date: {year: 2026}", "{year", "date: expected a date written YYYY-MM-DD, found a mapping")
    P = "places: [FR]"
    field("places-text", P, "places: FR", "FR", "places: expected a list, found the text 'FR'")
    field("places-empty-list", P, "places: []", "[]", "places: the list is empty")
    field("places-mapping", P, "places: {FR: true}", "{FR", "places: expected a list, found a mapping")
    field("places-null", P, "places: ~", "~", "places: expected a list, found nothing (null)")
    field("places-number-item", P, "places: [33]", "33", "places[0]: expected a country code such as FR, found the number 33")
    field("places-bool-item", P, "places: [FR, true]", "true", "places[1]: expected a country code such as FR, found true")
    field("places-nested-list", P, "places: [[FR]]", "[FR]", "places[0]: expected a country code such as FR, found a list")
    field("places-unknown-code", P, "places: [XX]", "XX", "places[0]: 'XX' is not an ISO 3166-1 alpha-2 country code")
    field("places-country-name", P, "places: [France]", "France",
          "places[0]: 'France' is not an ISO 3166-1 alpha-2 country code")
    field("places-alpha3", P, "places: [FRA]", "FRA", "places[0]: 'FRA' is not an ISO 3166-1 alpha-2 country code")
    F = "facts:\n  sexual: true\n  synthetic: true\n  real_person: true\n  minor: false\n  consent: false\n  online: true\n"
    t = sub(I, F, "facts: [sexual, synthetic]\n")
    inc("facts-list", t, loc(t, "[sexual"), "facts: expected a mapping (key: value lines), found a list")
    t = sub(I, F, "facts: sexual and synthetic\n")
    inc("facts-text", t, loc(t, "sexual and"), "facts: expected a mapping (key: value lines), found the text 'sexual and synthetic'")
    field("fact-yes", "  sexual: true", "  sexual: yes", "yes", "facts.sexual: expected true or false, found the text 'yes'")
    field("fact-number", "  minor: false", "  minor: 0", "0\n", "facts.minor: expected true or false, found the number 0")
    field("fact-null", "  consent: false", "  consent: ~", "~", "facts.consent: expected true or false, found nothing (null)")
    field("fact-quoted-true", "  online: true", '  online: "true"', '"true"',
          "facts.online: expected true or false, found the text 'true'")
    field("fact-list", "  synthetic: true", "  synthetic: [true]", "[true]", "facts.synthetic: expected true or false, found a list")
    field("fact-maybe", "  real_person: true", "  real_person: maybe", "maybe",
          "facts.real_person: expected true or false, found the text 'maybe'")
    PARTIES = I[I.index("parties:\n"):]
    t = sub(I, PARTIES, "parties: {id: requester, kind: person, role: user}\n")
    inc("parties-mapping", t, loc(t, "{id"), "parties: expected a list, found a mapping")
    t = sub(I, PARTIES, "parties: []\n")
    inc("parties-empty", t, loc(t, "[]"), "parties: the list is empty")
    t = sub(I, PARTIES, "parties: [requester, platform]\n")
    inc("parties-names-only", t, loc(t, "requester"),
        "parties[0]: expected a mapping (key: value lines), found the text 'requester'")
    t = sub(I, PARTIES, "parties:\n")
    inc("parties-null", t, after(t, "parties:"), "parties: expected a list, found nothing (null)")
    field("party-id-number", "  - id: requester", "  - id: 42", "42", "parties[0].id: expected text, found the number 42")
    field("party-id-uppercase", "  - id: requester", "  - id: Requester", "Requester",
          "parties[0].id: 'Requester' is not an id (lower-case letters, digits, '-', '_', '.')")
    field("party-id-space", "  - id: platform", '  - id: "the platform"', '"the platform"',
          "parties[1].id: 'the platform' is not an id")
    field("party-id-path", "  - id: platform", "  - id: ../../etc/passwd", "../", "parties[1].id: '../../etc/passwd' is not an id")
    field("party-id-empty", "  - id: requester", "  - id: ''", "''", "parties[0].id: must not be empty")
    field("party-id-list", "  - id: requester", "  - id: [a]", "[a]", "parties[0].id: expected text, found a list")
    field("party-kind-unknown", "    kind: person", "    kind: robot", "robot",
          "parties[0].kind: expected one of person, company, found the text 'robot'")
    field("party-kind-typo", "    kind: company", "    kind: compnay", "compnay",
          "parties[1].kind: expected one of person, company, found the text 'compnay' (did you mean 'company'?)")
    field("party-kind-number", "    kind: person", "    kind: 1", "1\n", "parties[0].kind: expected one of person, company, found the number 1")
    field("party-role-unknown", "    role: user", "    role: admin", "admin",
          "parties[0].role: expected one of user, platform, ai_provider, found the text 'admin'")
    field("party-role-null", "    role: platform", "    role: null", "null",
          "parties[1].role: expected one of user, platform, ai_provider, found nothing (null)")
    t = sub(I, "    kind: person\n", "")
    inc("party-missing-kind", t, loc(t, "id: requester"), "parties[0]: missing required key 'kind'")
    t = sub(I, "  - id: platform\n    kind: company\n", "  - kind: company\n")
    inc("party-missing-id", t, loc(t, "kind: company"), "parties[1]: missing required key 'id'")
    field("party-acts-text", "    acts: [request, create, share]", "    acts: share", "share\n",
          "parties[0].acts: expected a list, found the text 'share'")
    field("party-acts-mapping", "    acts: [host, fail_to_remove]", "    acts: {host: true}", "{host",
          "parties[1].acts: expected a list, found a mapping")
    field("party-act-number", "    acts: [request, create, share]", "    acts: [request, 7]", "7]",
          "parties[0].acts[1]: expected an act name, found")
    field("party-act-twice", "    acts: [request, create, share]", "    acts: [share, create, share]", "share]",
          "act 'share' is listed twice")
    field("party-facts-list", "    facts: {intent_to_harm: true}", "    facts: [intent_to_harm]", "[intent",
          "parties[0].facts: expected a mapping (key: value lines), found a list")
    field("party-fact-text", "    facts: {intent_to_harm: true}", "    facts: {intent_to_harm: probably}", "probably",
          "parties[0].facts.intent_to_harm: expected true or false, found the text 'probably'")
    field("party-name-number", "    name: the network", "    name: 1984", "1984", "parties[1].name: expected text, found the number 1984")
    field("party-note-list", "    name: the network", "    note: [a, b]", "[a", "parties[1].note: expected text, found a list")
    field("party-unknown-key", "    name: the network", "    turnovr: 5 USD", "turnovr",
          "parties[1]: unknown key 'turnovr' (did you mean 'turnover'?)")
    field("top-unknown-key", "summary: A base", "sumary: A base", "sumary", "the document: unknown key 'sumary' (did you mean 'summary'?)")
    field("summary-number", "summary: A base incident that the corpus mutates.", "summary: 3.14", "3.14",
          "summary: expected text, found the number 3.14")
    field("sources-text", "summary: A base incident that the corpus mutates.", "sources: https://example.org", "https",
          "sources: expected a list, found the text 'https://example.org'")
    field("sources-number-item", "summary: A base incident that the corpus mutates.", "sources: [https://example.org, 5]", "5]",
          "sources[1]: expected text, found the number 5")
    field("schema-2", "summary: A base incident that the corpus mutates.", "schema: 2", "2\nfacts",
          "schema: this version of exposure reads incident schema 1, found 2")
    field("schema-quoted", "summary: A base incident that the corpus mutates.", "schema: '1'", "'1'",
          "schema: this version of exposure reads incident schema 1, found '1'")
    t = sub(I, T + "\n", "")
    inc("missing-title", t, (1, 1), "the document: missing required key 'title'")
    t = sub(I, "places: [FR]\n", "")
    inc("missing-places", t, (1, 1), "the document: missing required key 'places'")
    t = sub(I, "  - id: platform\n", "  - id: requester\n")
    inc("duplicate-party-id", t, loc(t, "requester", 2), "duplicate party id 'requester' (first at line 13)")

    # -- amounts
    TO = "    turnover: 2_600_000_000 USD"

    def turnover(name, value, message, needle=None):
        t = sub(I, TO, f"    turnover: {value}")
        inc(name, t, loc(t, "turnover: ", delta=len("turnover: ")) if needle is None else loc(t, needle), message)

    turnover("amount-commas", "2,600,000,000 USD",
             "parties[1].turnover: '2,600,000,000 USD' is not an amount: write digits without spaces or commas")
    turnover("amount-spaces", "2 600 000 000 USD",
             "parties[1].turnover: '2 600 000 000 USD' is not an amount: write digits without spaces or commas")
    turnover("amount-no-currency", "2600000000", "parties[1].turnover: '2600000000' needs a unit")
    turnover("amount-quoted-no-currency", "'2600000000'", "parties[1].turnover: '2600000000' is not an amount: expected a number and an ISO 4217 currency")
    turnover("amount-lowercase-currency", "2600000000 usd", "parties[1].turnover: 'usd' is not an ISO 4217 currency code")
    turnover("amount-unknown-currency", "2600000000 XYZ", "parties[1].turnover: 'XYZ' is not an ISO 4217 currency code")
    turnover("amount-symbol", "$2600000000", "parties[1].turnover: '$2600000000' is not an amount")
    turnover("amount-currency-first", "USD 2600000000", "parties[1].turnover: 'USD 2600000000' is not an amount")
    turnover("amount-negative", "-2600000000 USD", "parties[1].turnover: '-2600000000 USD' is not an amount")
    turnover("amount-negative-number", "-2600000000", "parties[1].turnover: '-2600000000' needs a unit")
    turnover("amount-nan", "NaN USD", "parties[1].turnover: 'NaN USD' is not an amount")
    turnover("amount-yaml-nan", ".nan", "parties[1].turnover: '.nan' is not an amount")
    turnover("amount-infinity", "Infinity EUR", "parties[1].turnover: 'Infinity EUR' is not an amount")
    turnover("amount-yaml-inf", "-.inf", "parties[1].turnover: '-.inf' is not an amount")
    turnover("amount-exponent", "1e400 EUR", "parties[1].turnover: '1e400 EUR' is not an amount")
    turnover("amount-exponent-number", "1e400", "parties[1].turnover: '1e400' is not an amount")
    turnover("amount-double-underscore", "2__600 USD", "parties[1].turnover: '2__600 USD' is not an amount")
    turnover("amount-list", "[2600000000, USD]", "parties[1].turnover: expected an amount such as '2_600_000_000 USD', found a list")
    turnover("amount-bool", "true", "parties[1].turnover: expected an amount such as '2_600_000_000 USD', found true")
    # 10**400 and 29 nines are well-formed amounts, but no figure computed from them is exact (the engine's decimal
    # context keeps 28 digits): they must be refused at the turnover, never printed rounded or crash the renderer.
    turnover("amount-10-pow-400", "1" + "0" * 400 + " USD", "parties[1].turnover: ")
    turnover("amount-29-nines", "9" * 29 + " USD", "parties[1].turnover: ")

    # -- dates
    def day(name, value, message):
        t = sub(I, D, f"date: {value}")
        inc(name, t, loc(t, "date: ", delta=6), message)

    day("date-feb-30", "2026-02-30", "date: '2026-02-30' is not a real date (day is out of range for month)")
    day("date-month-13", "2025-13-01", "date: '2025-13-01' is not a real date (month must be in 1..12)")
    day("date-year-zero", "0000-01-01", "date: '0000-01-01' is not a real date (year 0 is out of range)")
    day("date-month-zero", "2026-00-10", "date: '2026-00-10' is not a real date (month must be in 1..12)")
    day("date-day-32", "2026-01-32", "date: '2026-01-32' is not a real date (day is out of range for month)")
    day("date-not-leap", "2025-02-29", "date: '2025-02-29' is not a real date (day is out of range for month)")
    day("date-european", "02/01/2026", "date: expected a date written YYYY-MM-DD, found the text '02/01/2026'")
    day("date-words", "2 January 2026", "date: expected a date written YYYY-MM-DD, found the text '2 January 2026'")
    day("date-no-padding", "2026-1-2", "date: expected a date written YYYY-MM-DD, found the text '2026-1-2'")
    day("date-slashes", "2026/01/02", "date: expected a date written YYYY-MM-DD, found the text '2026/01/02'")
    day("date-compact", "20260102", "date: expected a date written YYYY-MM-DD, found the text '20260102'")
    day("date-timestamp", "2026-01-02T10:00:00Z", "date: expected a date written YYYY-MM-DD, found the text '2026-01-02T10:00:00Z'")
    day("date-trailing-space", "'2026-01-02 '", "date: expected a date written YYYY-MM-DD, found the text '2026-01-02 '")
    day("date-five-digit-year", "10000-01-01", "date: expected a date written YYYY-MM-DD, found the text '10000-01-01'")
    # Found by tests/fuzz/fuzz_loaders.py: the latest real date crashed the limitation arithmetic (year 10005).
    day("date-9999-12-31", "9999-12-31", "date: ")
    day("date-fullwidth-digits", "２０２６-01-02", "date: expected a date written YYYY-MM-DD, found the text '２０２６-01-02'")

    # -- the vocabulary: unknown names, and facts in the wrong place
    field("fact-unknown-typo", "  sexual: true", "  sexul: true", "sexul", "unknown fact 'sexul' (did you mean 'sexual'?)")
    field("fact-unknown", "  minor: false", "  nude: true", "nude", "unknown fact 'nude'")
    field("fact-wrong-case", "  online: true", "  Online: true", "Online", "unknown fact 'Online' (did you mean 'online'?)")
    field("fact-party-fact-at-top", "  online: true", "  intent_to_harm: true", "intent_to_harm: true",
          "'intent_to_harm' is a fact about a party: put it under a party's 'facts:'")
    field("fact-incident-fact-in-party", "    facts: {intent_to_harm: true}", "    facts: {minor: true}", "minor: true",
          "'minor' is a fact about the incident: put it under the incident's top-level 'facts:'")
    field("fact-is-an-act", "  online: true", "  share: true", "share: true", "'share' is an act: list it under the party's 'acts:'")
    field("party-fact-is-an-act", "    facts: {intent_to_harm: true}", "    facts: {host: true}", "host: true",
          "'host' is an act: list it under the party's 'acts:'")
    field("act-unknown-typo", "    acts: [request, create, share]", "    acts: [request, create, shre]", "shre",
          "unknown act 'shre' (did you mean 'share'?)")
    field("act-is-a-fact", "    acts: [host, fail_to_remove]", "    acts: [host, knowledge]", "knowledge", "unknown act 'knowledge'")
    field("act-wrong-case", "    acts: [request, create, share]", "    acts: [Request]", "Request]",
          "unknown act 'Request' (did you mean 'request'?)")
    field("quantity-as-fact", "  online: true", "  turnover: true", "turnover: true", "unknown fact 'turnover'")

    # -- binary files
    rnd = random.Random(20260121)
    raw = rnd.randbytes(4096)
    inc("binary-random", raw, byte_loc(raw, first_bad_utf8(raw)), f"not UTF-8 text (byte 0x{raw[first_bad_utf8(raw)]:02x})")
    raw = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    inc("binary-png-header", raw, (1, 1), "not UTF-8 text (byte 0x89)")
    raw = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(range(256))
    inc("binary-gzip-header", raw, byte_loc(raw, first_bad_utf8(raw)), "not UTF-8 text (byte 0x8b)")
    raw = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56
    inc("binary-elf-header", raw, (1, 8), "binary data (NUL byte) in a YAML file")
    inc("nul-bytes-only", b"\x00" * 64, (1, 1), "binary data (NUL byte) in a YAML file")
    t = sub(I, "summary: A base incident that the corpus mutates.", "summary: A base\x00incident")
    inc("nul-byte-mid-line", t, loc(t, "\x00"), "binary data (NUL byte) in a YAML file")
    t = sub(I, "summary: A base incident that the corpus mutates.", "summary: a bell \x07 rings")
    inc("control-character", t, loc(t, "\x07"), "YAML error: unacceptable character #x0007")
    t = sub(I, "  online: true", "  online: true\x1b[2J")
    inc("control-escape-raw", t, loc(t, "\x1b"), "YAML error: unacceptable character #x001b")

    # -- encodings
    raw = sub(I, "title: Requested AI edit shared online", "title: Montage diffusé sans consentement").encode("latin-1")
    inc("latin-1", raw, byte_loc(raw, raw.index(b"\xe9")), "not UTF-8 text (byte 0xe9); save the file as UTF-8")
    raw = sub(I, "summary: A base incident that the corpus mutates.", "summary: “smart quotes” from Word").encode("cp1252")
    inc("cp1252-smart-quotes", raw, byte_loc(raw, raw.index(b"\x93")), "not UTF-8 text (byte 0x93)")
    raw = ("summary: déjà vu — ".encode("utf-8") + b"caf\xe9\n") + INCIDENT.encode()
    inc("latin-1-after-utf-8-on-one-line", raw, byte_loc(raw, raw.index(b"\xe9")), "not UTF-8 text (byte 0xe9)")
    raw = INCIDENT.encode("utf-16")  # with its byte-order mark
    inc("utf-16-le-bom", raw, (1, 1), "not UTF-8 text (byte 0xff)")
    raw = b"\xfe\xff" + INCIDENT.encode("utf-16-be")
    inc("utf-16-be-bom", raw, (1, 1), "not UTF-8 text (byte 0xfe)")
    raw = INCIDENT.encode("utf-16-le")  # no byte-order mark: ASCII with a NUL after every character
    inc("utf-16-le-no-bom", raw, (1, 2), "binary data (NUL byte) in a YAML file")
    raw = INCIDENT.encode("utf-32")
    inc("utf-32-bom", raw, (1, 1), "not UTF-8 text (byte 0xff)")
    raw = sub(I, "title: Requested AI edit shared online", "title: x").encode() .replace(b"title: x", b"title: \xc0\xaf")
    inc("utf-8-overlong", raw, (1, 8), "not UTF-8 text (byte 0xc0)")
    raw = sub(I, "title: Requested AI edit shared online", "title: x").encode().replace(b"title: x", b"title: \xed\xa0\x80")
    inc("utf-8-encoded-surrogate", raw, (1, 8), "not UTF-8 text (byte 0xed)")
    raw = INCIDENT.encode().replace(b"  online: true", b"  online: tru\x80")
    inc("utf-8-stray-continuation-byte", raw, byte_loc(raw, raw.index(b"\x80")), "not UTF-8 text (byte 0x80)")
    t = sub(I, "title: Requested AI edit shared online", 'title: "\\ud800"')
    inc("escaped-lone-surrogate", t, loc(t, "\\ud800", delta=2), "YAML syntax error: found invalid Unicode character escape code")

    # -- deep nesting
    t = "[" * 10_000 + "]" * 10_000 + "\n"
    inc("nesting-10000-brackets", t, (1, 65), "nesting deeper than 64 levels")
    t = "- " * 10_000 + "x\n"
    inc("nesting-10000-dashes", t, (1, 2 * 64 + 1), "nesting deeper than 64 levels")
    t = "{a: " * 10_000 + "1" + "}" * 10_000 + "\n"
    inc("nesting-10000-braces", t, (1, 4 * 64 + 1), "nesting deeper than 64 levels")
    t = sub(I, "places: [FR]", "places: " + "[" * 10_000 + "FR" + "]" * 10_000)
    inc("nesting-10000-in-places", t, loc(t, "[", 64), "nesting deeper than 64 levels")
    t = "".join("  " * k + "a:\n" for k in range(200)) + "  " * 200 + "x\n"
    inc("nesting-200-block-mappings", t, (65, 2 * 64 + 1), "nesting deeper than 64 levels")
    t = sub(I, "facts: {intent_to_harm: true}", "facts: " + "{a: " * 70 + "1" + "}" * 70)
    inc("nesting-in-party-facts", t, loc(t, "{a: ", 62), "nesting deeper than 64 levels")

    # -- several documents
    inc("two-documents", I + "---\n" + I, (len(I.splitlines()) + 1, 1), "only one YAML document per file")
    t = "---\n" + I + "...\n---\ntitle: second\n"
    inc("two-documents-explicit", t, loc(t, "---", 2), "only one YAML document per file")
    t = I + "--- !!python/object/apply:os.system [id]\n"
    inc("second-document-with-tag", t, loc(t, "---"), "only one YAML document per file")

    # -- very large files and very long strings
    pad = "# padding\n" * ((MAX_BYTES // 10) + 1)
    t = I + pad
    inc("large-6mb-comments", t, (1, 1), f"file too large (more than {MAX_BYTES} bytes)")
    t = sub(I, "summary: A base incident that the corpus mutates.", "summary: " + "x" * (MAX_BYTES - 1000))
    t = t + "titel: misspelt\n"
    inc("large-under-limit-long-summary", t, loc(t, "xxx"), "summary: at most 5000 characters, found 5241880")
    t = I + ("# " + "x" * 998 + "\n") * ((MAX_BYTES - 10_000) // 1001) + "titel: misspelt\n"
    inc("large-under-limit-long-comments", t, loc(t, "titel"), "the document: unknown key 'titel' (did you mean 'title'?)")
    t = sub(I, "title: Requested AI edit shared online", "title: " + "A" * 1_000_000)
    t = sub(t, D, "date: 2026-02-30")
    inc("long-title-and-bad-date", t, loc(t, "AAA"), "title: at most 500 characters, found 1000000")
    name = "z" * 1000
    t = sub(I, "  minor: false", f"  {name}: true")
    inc("long-unknown-fact", t, loc(t, name), "unknown fact 'zzzzzzzzzz")
    name = "z" * 100_000  # YAML limits an implicit key to 1024 characters: libyaml stops where the ':' should be
    t = sub(I, "  minor: false", f"  {name}: true")
    inc("long-key-over-yaml-limit", t, loc(t, name, delta=len(name)), "YAML syntax error: could not find expected ':'")
    t = sub(I, "places: [FR]", "places: [" + "F" * 1_000_000 + "]")
    inc("long-place", t, loc(t, "FFF"), "places[0]: 'FFFFFFFF")
    t = sub(I, "    acts: [host, fail_to_remove]", "    acts: [" + ", ".join(["host"] * 20_000) + "]")
    inc("long-act-list-repeated", t, loc(t, "host", 2), "act 'host' is listed twice")

    # -- huge numbers
    t = sub(I, "  minor: false", "  minor: 1" + "0" * 400)
    inc("fact-10-pow-400", t, loc(t, "1000"), "facts.minor: expected true or false, found the number 1000")
    t = sub(I, T, "title: " + "9" * 5000)
    inc("title-5000-digit-integer", t, loc(t, "9999"), "title: expected text, found the number 9999")
    t = sub(I, "  consent: false", "  consent: 1e999999999")
    inc("fact-huge-exponent", t, loc(t, "1e9"), "facts.consent: expected true or false, found the text '1e999999999'")
    # Found by tests/fuzz/fuzz_loaders.py: an exponent beyond the decimal module's range made Decimal() raise.
    t = sub(I, "  consent: false", "  consent: 10E999999999999999999")
    inc("fact-exponent-overflow", t, loc(t, "10E9"), "facts.consent: expected true or false, found ")
    t = sub(I, "  consent: false", "  consent: .nan")
    inc("fact-nan", t, loc(t, ".nan"), "facts.consent: expected true or false, found the text '.nan'")

    # -- messages must stay one located line each, whatever the input says
    t = sub(I, "  minor: false", '  "minor\\nincidents/other.yaml:1:1: forged line": true')
    inc("newline-in-unknown-fact", t, loc(t, '"minor'), "unknown fact 'minor")
    t = sub(I, P, 'places: ["FR\\nGB"]')
    inc("newline-in-place", t, loc(t, '"FR'), "places[0]: 'FR")
    t = sub(I, P, 'places: ["\\e[31mFR"]')
    inc("terminal-escape-in-place", t, loc(t, '"\\e'), "the text holds a control character U+001B (ESC)")
    t = sub(I, "    acts: [request, create, share]", '    acts: ["share\\rfake"]')
    inc("carriage-return-in-act", t, loc(t, '"share'), "the text holds a control character U+000D (CR)")

    # -- text is data: what a terminal, a reader or a parser would obey is refused at input, even as an escape
    t = sub(I, T, 'title: "\\e[2J\\e[Hcleared screen"')
    inc("escape-clear-screen-in-title", t, loc(t, '"\\e'), "the text holds a control character U+001B (ESC)")
    t = sub(I, T, 'title: "invoice \\u202egpj.exe"')
    inc("bidi-override-in-title", t, loc(t, '"invoice'), "the text holds a bidirectional control U+202E")
    t = sub(I, T, 'title: "nul \\0 byte"')
    inc("nul-escape-in-title", t, loc(t, '"nul'), "the text holds a control character U+0000 (NUL)")
    t = sub(I, "  - id: requester", '  - id: "requ\\u200bester"')
    inc("zero-width-space-in-party-id", t, loc(t, '"requ'), "the text holds a zero-width character U+200B")
    t = sub(I, T, 'title: "line\\u2028forged.yaml:1:1: x"')
    inc("line-separator-in-title", t, loc(t, '"line'), "the text holds a line separator U+2028")
    t = sub(I, "    name: the network", '    name: "\\e]8;;javascript:alert(1)\\e\\\\link"')
    inc("osc-hyperlink-in-name", t, loc(t, '"\\e]'), "the text holds a control character U+001B (ESC)")

    # -- bounded work within the size limit: a title rendered in time growing with its square, parties × packs
    t = sub(I, T, "title: " + "x" * 501)
    inc("title-501-characters", t, loc(t, "xxx"), "title: at most 500 characters, found 501")
    t = sub(I, "    name: the network", "    name: " + "n" * 501)
    inc("party-name-501-characters", t, loc(t, "nnn"), "parties[1].name: at most 500 characters, found 501")
    party = "  - {{id: p{0}, kind: person, role: user, acts: [share]}}\n"
    t = sub(I, "parties:\n", "parties:\n" + "".join(party.format(i) for i in range(201)))
    inc("parties-201", t, loc(t, "- {id: p0"), "parties: at most 200 parties in one incident, found 203")
    t = sub(I, P, "places: [" + ", ".join(["FR"] * 301) + "]")
    inc("places-301", t, loc(t, "[FR"), "places: at most 300 places in one incident, found 301")
    t = sub(I, "    turnover: 2_600_000_000 USD", "    turnover: 2_600_000_000.123456789 USD")
    inc("turnover-nine-decimals", t, loc(t, "2_600_000_000.1"), "parties[1].turnover: at most 4 digits after the decimal")


def batches(c: Corpus) -> None:
    J = JSON_INCIDENT
    bat = c.batch

    def js(old: str, new: str) -> str:
        return sub(J, old, new)

    bad = js('"date": "2026-01-02"', '"date": "2026-02-30"')
    bat("jsonl-invalid-json", '{"title": "x",}\n' + bad + "\n", (1, 15),
        "invalid JSON: Expecting property name enclosed in double quotes")
    bat("jsonl-truncated", J[:60] + "\n", (1, 61), "invalid JSON: Invalid control character at")  # the line break
    bat("jsonl-trailing-garbage", J + " extra\n", (1, len(J) + 2), "invalid JSON: Extra data")
    bat("jsonl-yaml-not-json", "title: x\ndate: 2026-01-02\n", (1, 1), "invalid JSON: Expecting value")
    bat("jsonl-array", '["title", "x"]\n', (1, 1), "the document: expected a mapping (key: value lines), found a list")
    bat("jsonl-empty-object", "{}\n", (1, 1), "the document: missing required key 'title'")
    bat("jsonl-string", '"an incident"\n', (1, 1), "the document: expected a mapping (key: value lines), found the text 'an incident'")
    bat("jsonl-wrong-types", js('"title": "Requested AI edit"', '"title": 5') + "\n", (1, 1), "title: expected text, found the number 5")
    lines = [js('"date": "2026-01-02"', f'"date": "{d}"') for d in ("2026-02-30", "2025-13-01", "0000-01-01")]
    bat("jsonl-impossible-dates", "\n".join(lines) + "\n", (1, 1), "date: '2026-02-30' is not a real date")
    bat("jsonl-nan", js('"title": "Requested AI edit"', '"title": NaN') + "\n", (1, 1), "title: expected text, found")
    bat("jsonl-infinity-fact", js('"online": true', '"online": -Infinity') + "\n", (1, 1),
        "facts.online: expected true or false, found")
    bat("jsonl-unknown-fact", js('"online": true', '"onlin": true') + "\n", (1, 1), "unknown fact 'onlin' (did you mean 'online'?)")
    bat("jsonl-unknown-act", js('"acts": ["share"]', '"acts": ["__import__"]') + "\n", (1, 1), "unknown act '__import__'")
    bat("jsonl-turnover-number", js('"acts": ["share"]', '"acts": ["share"], "turnover": 2600000000') + "\n", (1, 1),
        "parties[0].turnover: '2600000000' needs a unit")
    bat("jsonl-huge-integer", js('"acts": ["share"]', '"acts": ["share"], "turnover": ' + "9" * 5000) + "\n", (1, 1),
        "parties[0].turnover: ")
    bat("jsonl-deep-nesting", "[" * 100_000 + "\n", (1, 1), "invalid JSON: nested too deeply")
    bat("jsonl-deep-objects", '{"a": ' * 50_000 + "\n", (1, 1), "invalid JSON: nested too deeply")
    bat("jsonl-bom", "\ufeff" + J + "\n", (1, 1), "invalid JSON: Unexpected UTF-8 BOM")
    bat("jsonl-duplicate-keys", js('"consent": false', '"consent": false, "consent": true') + "\n", (1, 1),
        "duplicate key 'consent'")
    bat("jsonl-newline-in-fact", js('"online": true', '"online\\nforged.jsonl:9:9: x": true') + "\n", (1, 1), "unknown fact 'online")
    bat("jsonl-escape-in-title", js('"title": "Requested AI edit"', '"title": "\\u001b[2Jx"') + "\n", (1, 1),
        "the text holds a control character U+001B (ESC)")
    bat("jsonl-bidi-in-act", js('"acts": ["share"]', '"acts": ["sh\\u202eare"]') + "\n", (1, 1),
        "the text holds a bidirectional control U+202E")
    raw = b'{"title": "caf\xe9"}\n' + (bad + "\n").encode()
    bat("jsonl-latin-1-line", raw, (1, 15), "not UTF-8 text")


# ------------------------------------------------------------------------------------------------------- packs
def packs(c: Corpus) -> None:
    K = PACK
    pk = c.pack

    # -- the YAML layer
    t = sub(K, "pack: FR", "pack: [FR")
    pk("syntax-unclosed-flow", t, loc(t, ": {local"), "E004", "YAML syntax error: did not find expected ',' or ']'")
    t = sub(K, "    cite: \"Test Act, s. 1\"", "\tcite: \"Test Act, s. 1\"")
    pk("tab-indentation", t, loc(t, "\tcite"), "E004", "YAML syntax error: found character that cannot start any token")
    t = sub(K, "  s2:\n", "  s1:\n")
    pk("duplicate-source-key", t, loc(t, "s1:", 2), "E005", "duplicate key 's1' (first at line 7)")
    t = sub(K, "sources:\n  s1:\n", "sources:\n  s1: &src\n")
    pk("anchor", t, loc(t, "&src"), "E005", "anchors (&src) are not allowed")
    t = sub(K, "  source: s2\ntracks", "  source: *s2\ntracks")
    pk("alias", t, loc(t, "*s2"), "E005", "aliases (*s2) are not allowed")
    t = sub(K, "name: {local: Testland, en: Testland}", 'name: {local: "Test\\e[31mland", en: Testland}')
    pk("escape-in-pack-name", t, loc(t, '"Test'), "E005", "the text holds a control character U+001B (ESC)")
    t = sub(K, '    cite: "Test Act, s. 1"', '    cite: "Test Act, s. 1\\u202e"')
    pk("bidi-in-citation", t, loc(t, '"Test Act, s. 1'), "E005", "the text holds a bidirectional control U+202E")
    t = sub(K, '  quote: "five times the fine for natural persons"', '  quote: "' + "five times " * 501 + '"')
    pk("quote-over-5000-characters", t, loc(t, '"five'), "E101", "company_fine.quote: at most 5000 characters")
    t = sub(K, "language: en", "language: !!python/object/apply:subprocess.check_output [[id]]")
    pk("tag-python", t, loc(t, "!!python"), "E005", "tags are not allowed (found tag:yaml.org,2002:python/object/apply:subprocess.check_output)")
    pk("two-documents", K + "---\n" + K, (len(K.splitlines()) + 1, 1), "E005", "only one YAML document per file")
    pk("empty", "", (1, 1), "E003", "the file is empty: expected a YAML mapping")
    pk("whitespace-only", "\n \n\t\n", (1, 1), "E003", "the file is empty: expected a YAML mapping")
    raw = bytes(random.Random(7).randrange(128, 256) for _ in range(512))
    bad_at = first_bad_utf8(raw)
    pk("binary-random", raw, byte_loc(raw, bad_at), "E002", f"not UTF-8 text (byte 0x{raw[bad_at]:02x})")
    raw = K.replace("Testland", "Testländ").encode("latin-1")
    pk("latin-1", raw, byte_loc(raw, raw.index(b"\xe4")), "E002", "not UTF-8 text (byte 0xe4)")
    pk("utf-16", K.encode("utf-16"), (1, 1), "E002", "not UTF-8 text (byte 0xff)")
    pk("nesting-10000", "offences: " + "[" * 10_000 + "]" * 10_000 + "\n", (1, 11 + 63), "E005", "nesting deeper than 64 levels")
    t = K + "# padding\n" * (MAX_BYTES // 10 + 1)
    pk("large-6mb", t, (1, 1), "E002", f"file too large (more than {MAX_BYTES} bytes)")
    laughs = 'x0: &x0 "lol"\n' + "".join(f"x{i}: &x{i} [" + ", ".join([f"*x{i - 1}"] * 9) + "]\n" for i in range(1, 10))
    t = laughs + K
    pk("billion-laughs", t, loc(t, "&x0"), "E005", "anchors (&x0) are not allowed")

    # -- the condition language: attacks and mistakes
    def cond(name, condition, offset, message, *, quote='"', code="E202"):
        text = f"{quote}{condition}{quote}" if quote else condition
        t = sub(K, WHEN, f"    when: {text}\n")
        line, col = loc(t, f"when: {text}", delta=len("when: ") + len(quote) + offset)
        pk(name, t, (line, col), code, f"offences[0].when: {message}")

    cond("cond-import", "__import__('os')", 11, "unexpected character ''' in condition")
    cond("cond-import-system", "__import__('os').system('id')", 11, "unexpected character ''' in condition")
    cond("cond-dunder-class", "a.__class__", 1, "unexpected character '.' in condition")
    cond("cond-dunder-chain", "sexual.__class__.__bases__[0].__subclasses__()", 6, "unexpected character '.' in condition")
    cond("cond-lambda", "lambda: share", 6, "unexpected character ':' in condition")
    cond("cond-lambda-arg", "lambda x: x", 8, "unexpected character ':' in condition")
    cond("cond-lambda-word", "lambda", 0, "unknown name 'lambda' in condition", quote="")
    cond("cond-eval-call", "eval(x)", 4, "unexpected '(' after a complete condition")
    cond("cond-exec-name", "exec and share", 0, "unknown name 'exec' in condition", quote="")
    cond("cond-arithmetic", "1+1", 0, "unexpected character '1' in condition")
    cond("cond-comparison", "minor == true", 6, "unexpected character '=' in condition")
    cond("cond-subscript", "a[0]", 1, "unexpected character '[' in condition")
    cond("cond-string-literal", "'str'", 0, "unexpected character ''' in condition")
    cond("cond-double-quoted-literal", '"str"', 0, "unexpected character '\"' in condition", quote="'")
    cond("cond-semicolon", "sexual; import os", 6, "unexpected character ';' in condition")
    cond("cond-unclosed-paren", "(sexual and synthetic", 21, "expected ')' to close the '(' opened at column 1")
    cond("cond-extra-paren", "sexual and synthetic)", 20, "unexpected ')' after a complete condition")
    cond("cond-empty-parens", "()", 1, "expected a name, 'not' or '(' but found ')'")
    cond("cond-ends-early", "deepfake and not consent and", 28, "condition ends too early")
    cond("cond-not-alone", "not", 3, "condition ends too early")
    cond("cond-10000-not", "not " * 10_000 + "sexual", 2000, "condition longer than 2000 characters", quote="")
    cond("cond-60-not", "not " * 60 + "sexual", 4 * 51, "condition nested more than 50 levels deep", quote="")
    cond("cond-60-parens", "(" * 60 + "sexual" + ")" * 60, 51, "condition nested more than 50 levels deep")
    cond("cond-10000-parens", "(" * 10_000 + "sexual" + ")" * 10_000, 2000, "condition longer than 2000 characters")
    cond("cond-and-or-mixed", "sexual and synthetic or online", 21, "'and' and 'or' are mixed without parentheses")
    cond("cond-or-and-mixed", "sexual or synthetic and online", 20, "'or' and 'and' are mixed without parentheses")
    cond("cond-c-operators", "sexual && synthetic", 7, "unexpected character '&' in condition (use the words and, or, not)")
    cond("cond-bang", "!consent", 0, "unexpected character '!' in condition (use the words and, or, not)")
    cond("cond-upper-and", "sexual AND synthetic", 7, "write 'and' in lower case", quote="")
    cond("cond-unknown-name", "sexul and share", 0, "unknown name 'sexul' in condition (did you mean 'sexual'?)", quote="")
    cond("cond-python-true", "sexual and True", 11, "unknown name 'True' in condition", quote="")
    cond("cond-homoglyph", "sexual аnd synthetic", 7, "unexpected character 'а' in condition")
    cond("cond-quantity", "turnover and share", 0, "unknown name 'turnover' in condition")
    t = sub(K, WHEN, '    when: ""\n')
    pk("cond-empty", t, loc(t, '""'), "E101", "offences[0].when: must not be empty")
    t = sub(K, WHEN, "    when: 42\n")
    pk("cond-number", t, loc(t, "42"), "E101", "offences[0].when: expected text, found the number 42")
    t = sub(K, WHEN, "    when: [sexual, share]\n")
    pk("cond-list", t, loc(t, "[sexual"), "E101", "offences[0].when: expected text, found a list")
    t = sub(K, WHEN, "    when: {and: [sexual, share]}\n")
    pk("cond-jsonlogic", t, loc(t, "{and"), "E101", "offences[0].when: expected text, found a mapping")
    t = sub(K, "            when: online\n", "            when: online or (share\n")
    pk("cond-aggravation-unclosed", t, loc(t, "online or (share", delta=len("online or (share")), "E202",
       "offences[0].versions[0].aggravations[0].when: expected ')' to close the '(' opened at column 11")
    t = sub(K, "      deepfake: synthetic and real_person\n", "      deepfake: synthetic and real_person or minor\n")
    pk("cond-element-mixed", t, loc(t, "or minor"), "E202", "offences[0].elements.deepfake: 'and' and 'or' are mixed")
    t = sub(K, "      deepfake: synthetic and real_person\n", "      sexual: synthetic and real_person\n")
    pk("element-named-like-a-fact", t, loc(t, "sexual: synthetic"), "E204",
       "element 'sexual' has the name of a declared fact; rename it")
    t = sub(K, "      deepfake: synthetic and real_person\n", "      deepfake: synthetic and deepfake\n")
    pk("element-refers-to-itself", t, loc(t, "and deepfake", delta=4), "E202",
       "offences[0].elements.deepfake: unknown name 'deepfake' in condition")
    # Where the condition's text is not on the key's line, the column must still point into the text.
    t = sub(K, WHEN, "    when: deepfake and not consent\n      and share or online\n")
    pk("cond-multiline-plain", t, loc(t, "or online"), "E202", "offences[0].when: 'and' and 'or' are mixed")
    t = sub(K, WHEN, "    when: >-\n      deepfake and not consent\n      and share or online\n")
    pk("cond-folded-block", t, loc(t, "or online"), "E202", "offences[0].when: 'and' and 'or' are mixed")
    t = sub(K, WHEN, '    when: "\\x64eepfake & share"\n')
    pk("cond-escapes-before-error", t, loc(t, "& share"), "E202", "offences[0].when: unexpected character '&'")
    # Elements inline each other: 40 doublings is 2**40 names once expanded (a billion laughs in the condition
    # language). It must be refused, not expanded; the message is this corpus's guess at a fix.
    chain = "".join(f"      e{i}: e{i - 1} and e{i - 1}\n" for i in range(1, 41))
    t = sub(K, "      deepfake: synthetic and real_person\n", "      e0: synthetic and real_person\n" + chain)
    t = sub(t, WHEN, "    when: e40 and share\n")
    # refused where the spelled-out size first passes 10,000 terms: element e12 (2**14 - 1 = 16,383 terms)
    pk("cond-element-explosion", t, loc(t, "e11 and e11"), "E202", "offences[0].elements.e12: condition too complex")

    # -- offences, versions, figures
    def pack_case(name, old, new, needle, code, message, nth=1, delta=0):
        t = sub(K, old, new)
        pk(name, t, loc(t, needle, nth, delta), code, message)

    OFF = K[K.index("  - id: t-1\n"):]
    t = K + OFF
    pk("duplicate-offence-id", t, loc(t, "t-1", 2), "E203", f"duplicate offence id 't-1' (first at line {line_of(K, '- id: t-1')})")
    pack_case("unknown-source", 'prison: {max: 2 years, quote: "imprisonment for 2 years", source: s1}',
              'prison: {max: 2 years, quote: "imprisonment for 2 years", source: s9}', "s9", "E201",
              "offences[0].versions[0].prison.source: 's9' is not in the pack's sources")
    pack_case("unknown-source-in-aggravation", 'fine: {max: 45000 EUR, quote: "a fine of 45000 euros", source: s1}',
              'fine: {max: 45000 EUR, quote: "a fine of 45000 euros", source: cp-1}', "cp-1", "E201",
              "offences[0].versions[0].aggravations[0].fine.source: 'cp-1' is not in the pack's sources")
    pack_case("unknown-source-in-concurrence", "      source: s2\n      upper_bound", "      source: s3\n      upper_bound", "s3\n", "E201",
              "tracks.criminal.several_acts.source: 's3' is not in the pack's sources")
    V2 = "      - in_force: {from: 2022-01-01}\n        prison: {max: 3 years, quote: \"imprisonment for 3 years\", source: s1}\n"
    t = sub(K, "        aggravations:\n", "") + ""
    t = sub(t, "          - id: online\n            title: {local: Online, en: Online}\n            when: online\n"
               "            prison: {max: 3 years, quote: \"imprisonment for 3 years\", source: s1}\n"
               "            fine: {max: 45000 EUR, quote: \"a fine of 45000 euros\", source: s1}\n", V2)
    pk("overlapping-versions", t, loc(t, "- in_force"), "E302",
       f"offences[0].versions: the version from 2022-01-01 (line {loc(t, '- in_force', 2)[0]}) overlaps the one from 2020-01-01")
    pack_case("version-to-before-from", "in_force: {from: 2020-01-01}", "in_force: {from: 2020-01-01, to: 2019-06-30}",
              "2019-06-30", "E302", "offences[0].versions[0].in_force: 'to' (2019-06-30) must be after 'from' (2020-01-01)")
    pack_case("version-impossible-date", "in_force: {from: 2020-01-01}", "in_force: {from: 2020-02-30}", "2020-02-30",
              "E101", "offences[0].versions[0].in_force.from: '2020-02-30' is not a real date")
    pack_case("prison-min-above-max", "prison: {max: 2 years, quote", "prison: {max: 2 years, min: 3 years, quote",
              "3 years, quote", "E301", "offences[0].versions[0].prison: the minimum (3 years) exceeds the maximum (2 years)")
    pack_case("fine-min-above-max", "fine: {max: 30000 EUR, quote", "fine: {max: 30000 EUR, min: 50000 EUR, quote",
              "50000 EUR", "E301", "offences[0].versions[0].fine: the minimum (EUR 50,000) exceeds the maximum (EUR 30,000)")
    pack_case("prison-min-life", "prison: {max: 2 years, quote", "prison: {max: 2 years, min: life, quote", "life",
              "E101", "offences[0].versions[0].prison.min: a minimum cannot be 'life'")
    pack_case("prison-abbreviated", "max: 2 years", "max: 2 yrs", "2 yrs", "E101",
              "offences[0].versions[0].prison.max: '2 yrs' is not a prison term")
    pack_case("prison-number", "max: 2 years", "max: 2", "2, quote", "E101",
              "offences[0].versions[0].prison.max: '2' needs a unit: write it as a prison term")
    pack_case("prison-negative", "max: 2 years", "max: -2 years", "-2 years", "E101",
              "offences[0].versions[0].prison.max: '-2 years' is not a prison term")
    pack_case("prison-years-twice", "max: 2 years", "max: 2 years 1 years", "2 years 1", "E101",
              "offences[0].versions[0].prison.max: '2 years 1 years' names years twice")
    pack_case("fine-bad-currency", "max: 30000 EUR", "max: 30000 XYZ", "30000 XYZ", "E101",
              "offences[0].versions[0].fine.max: 'XYZ' is not an ISO 4217 currency code")
    pack_case("fine-lowercase-currency", "max: 30000 EUR", "max: 30000 eur", "30000 eur", "E101",
              "offences[0].versions[0].fine.max: 'eur' is not an ISO 4217 currency code")
    pack_case("fine-spaced-digits", "max: 30000 EUR", "max: 30 000 EUR", "30 000", "E101",
              "offences[0].versions[0].fine.max: '30 000 EUR' is not an amount: write digits without spaces or commas")
    pack_case("fine-euro-sign", "max: 30000 EUR", "max: €30000", "€30000", "E101",
              "offences[0].versions[0].fine.max: '€30000' is not an amount")
    pack_case("fine-share-over-100", "max: 30000 EUR", "max: 150% of turnover", "150%", "E101",
              "offences[0].versions[0].fine.max: '150% of turnover': a share of turnover must be between 0 and 100%")
    pack_case("fine-share-zero", "max: 30000 EUR", "max: 0% of turnover", "0% of", "E101",
              "offences[0].versions[0].fine.max: '0% of turnover': a share of turnover must be between 0 and 100%")
    pack_case("fine-undeclared-unit", "max: 30000 EUR", "max: 500 penalty_unit", "500 penalty_unit", "E101",
              "offences[0].versions[0].fine.max: 'penalty_unit' is not a unit declared under the pack's 'units:' (the pack declares none)")
    pack_case("fine-per-hour", "max: 30000 EUR, quote", "max: 30000 EUR, per: hour, quote", "hour", "E101",
              "offences[0].versions[0].fine.per: expected one of day, violation, found the text 'hour'")
    pack_case("fine-greatest-of-one", "fine: {max: 30000 EUR, quote", "fine: {greatest_of: [30000 EUR], quote",
              "[30000 EUR]", "E101", "offences[0].versions[0].fine.greatest_of: needs at least two formulas")
    pack_case("fine-null", 'fine: {max: 30000 EUR, quote: "a fine of 30000 euros", source: s1}', "fine:", "        fine:\n",
              "E101", "offences[0].versions[0].fine: expected a mapping (key: value lines), found nothing (null)", delta=13)
    pack_case("currency-unknown", "currency: EUR", "currency: EURO", "EURO", "E101", "currency: expected one of AED, AFN")
    pack_case("currency-lowercase", "currency: EUR", "currency: eur", "eur", "E101", "currency: expected one of AED, AFN")
    pack_case("url-ftp", "url: https://example.org/act/s1", "url: ftp://example.org/act/s1", "ftp:", "E303",
              "sources.s1.url: 'ftp://example.org/act/s1' is not an http(s) URL")
    pack_case("url-javascript", "url: https://example.org/act/s1", "url: 'javascript:alert(1)'", "'javascript", "E303",
              "sources.s1.url: 'javascript:alert(1)' is not an http(s) URL")
    pack_case("url-no-host", "url: https://example.org/act/s2", "url: https://", "https://\n", "E303",
              "sources.s2.url: 'https://' is not an http(s) URL")
    pack_case("url-with-space", "url: https://example.org/act/s2", "url: https://example.org/act s2", "https://example.org/act s2",
              "E303", "sources.s2.url: 'https://example.org/act s2' is not an http(s) URL")
    pack_case("url-relative", "url: https://example.org/act/s1", "url: example.org/act/s1", "example.org/act/s1", "E303",
              "sources.s1.url: 'example.org/act/s1' is not an http(s) URL")
    pack_case("source-grade-unknown", "    grade: official\n  s2", "    grade: unofficial\n  s2", "unofficial", "E101",
              "sources.s1.grade: expected one of official, mirror, secondary, found the text 'unofficial'")
    pack_case("source-checked-impossible", "    checked: 2026-11-01\n    grade: official\n  s2",
              "    checked: 2026-11-31\n    grade: official\n  s2", "2026-11-31", "E101",
              "sources.s1.checked: '2026-11-31' is not a real date (day is out of range for month)")
    pack_case("source-missing-url", "    url: https://example.org/act/s2\n", "", "cite: \"Test Act, s. 2\"", "E103",
              "sources.s2: missing required key 'url'")
    pack_case("source-checked-in-future", "    checked: 2026-11-01\n    grade: official\n  s2",
              "    checked: 2099-01-01\n    grade: official\n  s2", "s1:", "L306",
              "source 's1' has a checked date in the future (2099-01-01)")
    pack_case("aggravation-lowers-prison", 'prison: {max: 3 years, quote: "imprisonment for 3 years"',
              'prison: {max: 1 year, quote: "imprisonment for 1 year"', "{max: 1 year", "L310",
              "t-1 (from 2020-01-01) aggravation online prison: an aggravation never lowers a maximum: prison 1 year is lower than the base 2 years")
    pack_case("aggravation-lowers-fine", 'fine: {max: 45000 EUR, quote: "a fine of 45000 euros"',
              'fine: {max: 4500 EUR, quote: "a fine of 4500 euros"', "{max: 4500", "L310",
              "t-1 (from 2020-01-01) aggravation online fine: an aggravation never lowers a maximum: fine EUR 4,500 is lower than the base EUR 30,000")
    pack_case("aggravation-lowers-life", 'prison: {max: 2 years, quote: "imprisonment for 2 years"',
              'prison: {max: life, quote: "imprisonment for life"', "{max: 3 years", "L310",
              "t-1 (from 2020-01-01) aggravation online prison: an aggravation never lowers a maximum: prison 3 years is lower than the base 'life'")
    pack_case("quote-does-not-state-figure", 'quote: "imprisonment for 2 years"', 'quote: "imprisonment for 20 years"',
              "{max: 2 years", "L305", "t-1 (from 2020-01-01) prison: quote «imprisonment for 20 years» does not state 2 years")
    pack_case("duplicate-aggravation-id",
              "            fine: {max: 45000 EUR, quote: \"a fine of 45000 euros\", source: s1}\n",
              "            fine: {max: 45000 EUR, quote: \"a fine of 45000 euros\", source: s1}\n"
              "          - id: online\n            title: {local: Again, en: Again}\n            when: share\n"
              "            prison: {max: 3 years, quote: \"imprisonment for 3 years\", source: s1}\n",
              "online", "E203", f"duplicate aggravation id 'online' (first at line {line_of(K, '- id: online')})", nth=3)
    AGG_FIGS = ("            prison: {max: 3 years, quote: \"imprisonment for 3 years\", source: s1}\n"
                "            fine: {max: 45000 EUR, quote: \"a fine of 45000 euros\", source: s1}\n")

    def increase(name, by, message, needle=None):
        t = sub(K, AGG_FIGS, f'            increase: {{by: {by}, quote: "increased by one third", source: s1}}\n')
        pk(name, t, loc(t, needle or f"by: {by}", delta=0 if needle else 4), "E101",
           f"offences[0].versions[0].aggravations[0].increase.by: {message}")

    increase("increase-zero", "0", "'0' must be greater than zero")
    increase("increase-negative", "-1/3", "'-1/3' must be greater than zero")
    increase("increase-divide-by-zero", "1/0", "'1/0' divides by zero")
    increase("increase-words", "one third", "'one third' is not a fraction")
    increase("increase-bool", "true", "expected a value, found true")
    # 1e999999999 is a well-formed number: as an exact fraction it is a billion-digit integer.
    increase("increase-huge-exponent", "1e999999999", "")
    t = sub(K, AGG_FIGS, AGG_FIGS + '            increase: {by: 1/3, quote: "increased by one third", source: s1}\n'
                                    "            replaces: true\n")
    pk("aggravation-replaces-and-increases", t, loc(t, "replaces: true", delta=10), "E101",
       "offences[0].versions[0].aggravations[0]: an aggravation that replaces the base penalty cannot also increase it")
    t = sub(K, AGG_FIGS, "")
    pk("aggravation-without-penalty", t, loc(t, "- id: online", delta=2), "E103",
       "offences[0].versions[0].aggravations[0]: an aggravation needs one of prison, fine, company_fine, increase")
    pack_case("applies-to-unknown-kind", "kinds: [person, company]", "kinds: [person, robot]", "robot", "E101",
              "offences[0].applies_to.kinds[1]: expected one of person, company, found the text 'robot'")
    pack_case("applies-to-unknown-role", "roles: [user, platform]", "roles: [user, admin]", "admin", "E101",
              "offences[0].applies_to.roles[1]: expected one of user, platform, ai_provider, found the text 'admin'")
    pack_case("offence-id-uppercase", "  - id: t-1", "  - id: T-1", "T-1", "E101",
              "offences[0].id: 'T-1' is not an id (lower-case letters, digits, '-', '_', '.')")
    pack_case("title-missing-en", "title: {local: Sharing a deepfake, en: Sharing a deepfake}",
              "title: {local: Sharing a deepfake}", "{local: Sharing", "E103", "offences[0].title: missing required key 'en'")
    t = sub(K, K[K.index("        prison: {max: 2 years"):], "        enacted_by: Test Act 2020\n")
    pk("version-without-figures", t, loc(t, "in_force: {from: 2020"), "E103",
       "offences[0].versions[0]: a version needs at least one of prison, fine, company_fine")
    pack_case("versions-empty", K[K.index("    versions:\n"):], "    versions: []\n", "[]", "E101",
              "offences[0].versions: the list is empty")
    pack_case("offences-empty", K[K.index("offences:\n"):], "offences: []\n", "[]", "E101", "offences: the list is empty")
    pack_case("schema-3", "schema: 2", "schema: 3", "3\n", "E101", "schema: this version of exposure reads pack schema 2, found 3")
    pack_case("schema-1", "schema: 2", "schema: 1", "1\n", "E101", "schema: this version of exposure reads pack schema 2, found 1")
    pack_case("pack-code-unknown", "pack: FR", "pack: XX", "XX", "E101", "pack: 'XX' is not an ISO 3166-1 alpha-2 country code")
    pack_case("applies-in-unknown", "currency: EUR\n", "currency: EUR\napplies_in: [FR, ZZ]\n", "ZZ", "E101",
              "applies_in[1]: 'ZZ' is not an ISO 3166-1 alpha-2 country code")
    pack_case("covers-from-impossible", "currency: EUR\n", "currency: EUR\ncovers_from: 2025-13-01\n", "2025-13-01", "E101",
              "covers_from: '2025-13-01' is not a real date (month must be in 1..12)")
    pack_case("unknown-top-level-key", "language: en", "langauge: en", "schema", "E103",
              "the document: missing required key 'language'")  # reported at the mapping, line 1, before the key
    pack_case("company-factor-zero", "  factor: 5", "  factor: 0", "factor: 0", "E101",
              "company_fine.factor: must be greater than zero, found 0", delta=8)
    pack_case("company-factor-negative", "  factor: 5", "  factor: -5", "-5", "E101",
              "company_fine.factor: must be greater than zero, found -5")
    pack_case("company-factor-text", "  factor: 5", "  factor: five", "five", "E101",
              "company_fine.factor: expected a number, found the text 'five'")
    pack_case("concurrence-rule-unknown", "      rule: highest", "      rule: max", "max\n", "E101",
              "tracks.criminal.one_act.rule: expected one of highest, heaviest, raised, sum, found the text 'max'")
    pack_case("concurrence-cap-life", "      rule: sum\n", "      rule: sum\n      prison: {cap: life}\n", "life}", "E101",
              "tracks.criminal.several_acts.prison.cap: ")
    pack_case("concurrence-times-zero", "      rule: sum\n", "      rule: sum\n      prison: {times_highest: 0}\n", "0}", "E101",
              "tracks.criminal.several_acts.prison.times_highest: ")
    pack_case("concurrence-times-huge", "      rule: sum\n", "      rule: sum\n      prison: {times_highest: 1e999999999}\n", "1e9", "E101",
              "tracks.criminal.several_acts.prison.times_highest: ")
    pack_case("track-unknown", "    when: deepfake and not consent and share\n", "    track: ofcom\n    when: deepfake and not consent and share\n", "ofcom", "E201",
              "offences[0]: no track 'ofcom' under the pack's tracks")
    pack_case("track-kind-unknown", "    kind: criminal", "    kind: penal", "penal", "E101",
              "tracks.criminal.kind: expected one of criminal, administrative, civil")
    pack_case("group-undeclared", "    when: deepfake and not consent and share\n", "    group: same-image\n    when: deepfake and not consent and share\n", "same-image", "E201",
              "offences[0].group: 'same-image' is not under the pack's groups")
    pack_case("units-bad-value", "company_fine:\n",
              "units:\n  penalty_unit:\n    - {from: 2020-01-01, value: 330 dollars, quote: \"330 dollars\", source: s1}\n"
              "company_fine:\n", "330 dollars,", "E101", "units.penalty_unit[0].value: '330 dollars' is not an amount")
    SOURCES = K[K.index("sources:\n"):K.index("company_fine:\n")]
    pack_case("sources-list", SOURCES, "sources: [s1, s2]\n", "[s1", "E101",
              "sources: expected a mapping (key: value lines), found a list")
    # Missing, empty or scalar `sources:` must be reported like any other missing or mistyped section.
    t = sub(K, SOURCES, "")
    pk("sources-missing", t, (1, 1), "E103", "the document: missing required key 'sources'")
    t = sub(K, SOURCES, "sources:\n")
    pk("sources-null", t, after(t, "sources:"), "E101", "sources: expected a mapping (key: value lines), found nothing (null)")
    t = sub(K, SOURCES, "sources: 5\n")
    pk("sources-number", t, loc(t, "5\n"), "E101", "sources: expected a mapping (key: value lines), found the number 5")


def build() -> Corpus:
    c = Corpus()
    incidents(c)
    batches(c)
    packs(c)
    return c


def write(out: Path) -> Corpus:
    c = build()
    for sub_dir in ("incidents", "packs"):
        shutil.rmtree(out / sub_dir, ignore_errors=True)
    for rel, raw in sorted(c.files.items()):
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(raw)
    (out / "expected.json").write_text(
        json.dumps(dict(sorted(c.expected.items())), indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return c


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="where to write the corpus (default: beside this script)")
    args = parser.parse_args()
    c = write(args.out)
    print(f"{len(c.files)} files written to {args.out}")


if __name__ == "__main__":
    main()
