"""A sentence is stated once.

When a prison term and a fine (or several versions) rest on the same sentence of the same source, the pack states
the sentence once under ``quotes:`` and each figure refers to it with ``evidence:``. A pack then reads like an
annotated statute, and a correction to the quote is made in one place.

Failing::

    prison: {max: 2 years, quote: "Est puni de deux ans d'emprisonnement et de 60 000 euros d'amende", source: cp-1}
    fine: {max: 60000 EUR, quote: "Est puni de deux ans d'emprisonnement et de 60 000 euros d'amende", source: cp-1}

Passing::

    quotes:
      cp-1-al1: {text: "Est puni de deux ans d'emprisonnement et de 60 000 euros d'amende", source: cp-1}
    # ...
    prison: {max: 2 years, evidence: cp-1-al1}
    fine: {max: 60000 EUR, evidence: cp-1-al1}
"""

from __future__ import annotations

from ...model import Pack
from .figures import evidences, problem

ID = "L308"
SEVERITY = "warning"
TITLE = "a sentence is stated once"


def check(pack: Pack, context):
    first: dict[tuple[str, str], tuple] = {}
    for proof in evidences(pack):
        if proof.quote_id:
            continue
        key = (proof.quote, proof.source.id)
        if key in first:
            yield problem(
                proof.where,
                ID,
                f"the quote «{proof.quote}» of '{proof.source.id}' is repeated (first at line "
                f"{first[key][1]}): state it once under quotes: and refer to it with evidence:",
                "warning",
            )
        else:
            first[key] = proof.where
