"""What the stated facts of an incident imply, and where they contradict each other, from the vocabulary's data.

Two kinds of link are declared in ``rules/vocabulary.yaml``:

* **ages**: a fact with ``age_below: N`` says the person depicted is under N. Under 14 is under 16, and not under
  18 is not under 16; so ``minor: false`` with ``minor_under_16: true`` is a contradiction. A single
  ``victim_age`` (``15``, or a range ``14-15``) decides every age fact it can;
* **implications**: ``implies: [sexual]`` on ``sexual_act`` says a sexual act is sexual content.

A fact left unknown that the stated ones decide is filled in (an offence does not stay ``possible`` on a fact the
incident already answers); a contradiction is a located error.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..model import Vocabulary

_RANGE = re.compile(r"\s*([0-9]{1,3})\s*-\s*([0-9]{1,3})\s*\Z")
_OPEN = re.compile(r"\s*([0-9]{1,3})\s*\+\s*\Z")
MAX_AGE = 130
WORDS = {"adult": (18, MAX_AGE), "minor": (0, 17)}  # the age of majority the vocabulary's `minor` fact names

Fail = Callable[[str, str], object]  # (fact name whose line to point at, message); its result is ignored


def parse_age(value: object) -> tuple[int, int] | str:
    """``victim_age`` as an inclusive range of whole years: ``15`` -> (15, 15), ``"14-15"`` -> (14, 15), ``"16+"``
    -> (16, 130), ``adult`` -> (18, 130), ``minor`` -> (0, 17); or why it is not one."""
    expected = "expected an age in whole years (15), a range (14-17), 16+, adult or minor"
    if isinstance(value, bool):
        return expected
    text = value.strip().lower() if isinstance(value, str) else None
    if isinstance(value, int):
        low = high = value
    elif text in WORDS:
        low, high = WORDS[text]
    elif text is not None and _RANGE.match(text):
        match = _RANGE.match(text)
        assert match is not None
        low, high = int(match.group(1)), int(match.group(2))
    elif text is not None and _OPEN.match(text):
        match = _OPEN.match(text)
        assert match is not None
        low, high = int(match.group(1)), MAX_AGE
    else:
        return expected
    if not 0 <= low <= high <= MAX_AGE:
        return f"expected ages from 0 to {MAX_AGE}, the lower first"
    return (low, high)


def age_facts(vocabulary: Vocabulary, age: tuple[int, int]) -> dict[str, bool]:
    """The age facts an age range decides: under N is true when the oldest is under N, false when the youngest is
    not (a range across N leaves it unknown)."""
    low, high = age
    out: dict[str, bool] = {}
    for threshold, name in vocabulary.age_facts:
        if high < threshold:
            out[name] = True
        elif low >= threshold:
            out[name] = False
    return out


def completed(vocabulary: Vocabulary, facts: dict[str, bool], fail: Fail) -> dict[str, bool]:
    """``facts`` with what they imply filled in (:meth:`Vocabulary.completed`); each contradiction reported
    through ``fail``, at what the user wrote last of the two facts."""
    out, contradictions = vocabulary.completed(dict(facts))
    for premise, consequence, why in contradictions:
        where = consequence if consequence in facts else premise
        fail(where, f"{consequence}: false contradicts {premise}: true ({why})")
    return {name: value for name, value in out.items() if value is not None}
