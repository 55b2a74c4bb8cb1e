"""Every source is used.

A source no figure, rule or basis refers to is either dead weight or a sign that a figure points at the wrong
source.

Failing::

    sources:
      s1: {...}
      s2: {...}        # nothing refers to s2

Passing::

    sources:
      s1: {...}        # prison: {..., source: s1}
"""

from __future__ import annotations

from ...model import Pack
from .figures import evidences, problem

ID = "L311"
SEVERITY = "warning"
TITLE = "every source is used"


def check(pack: Pack, context):
    used = {proof.source.id for proof in evidences(pack)}
    if pack.company_fine is not None:
        used.add(pack.company_fine.evidence.source.id)
    for offence in pack.offences:
        used.update(source.id for source in offence.basis)
        if offence.cite is not None:
            used.add(offence.cite.id)
        used.update(v.changed_by.id for v in offence.versions if v.changed_by is not None)
    for question in pack.questions.values():
        for reading in (question.yes, question.no):
            used.update(source.id for source in reading.authorities)
        if question.settled is not None:
            used.add(question.settled[1].id)
    for source in pack.sources.values():
        if source.id not in used:
            yield problem(
                source.where, ID, f"source '{source.id}' ({source.cite}) is not used by any figure", "warning"
            )
