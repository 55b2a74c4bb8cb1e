"""Figures resting on a secondary source are listed.

A figure whose statute text could not be read (``grade: secondary``: a parliamentary record, commentary, the
press) is computed but flagged unverified in every output. This rule lists each such source with the number of
figures resting on it, so the next reader knows what to look up. A figure that a sentencing class carries also
rests on the offence's ``cite`` (the provision putting the offence in the class): when that source is secondary,
the class's figures count for it too, as the output flags them.

Failing (a warning)::

    sources:
      s1: {cite: "...", url: ..., checked: 2026-11-21, grade: secondary}

Passing::

    sources:
      s1: {cite: "...", url: ..., checked: 2026-11-21, grade: official}
"""

from __future__ import annotations

from collections import Counter

from ...model import Pack, Todo
from .figures import figures, problem

ID = "L312"
SEVERITY = "warning"
TITLE = "figures resting on a secondary source"


def check(pack: Pack, context):
    counts: Counter = Counter()
    for figure, _, _ in figures(pack):
        if figure is not None and not isinstance(figure, Todo) and not figure.evidence.source.verified:
            counts[figure.evidence.source.id] += 1
    for offence in pack.offences:
        for version in offence.versions:
            for class_id in (version.class_id, *(agg.class_id for agg in version.aggravations)):
                sentence_class = pack.class_on_secondary_word(offence, class_id)
                if sentence_class is not None and offence.cite is not None:
                    carried = (sentence_class.prison, sentence_class.fine)
                    counts[offence.cite.id] += sum(f is not None and not isinstance(f, Todo) for f in carried)
    for source in pack.sources.values():
        if counts[source.id]:
            yield problem(
                source.where,
                ID,
                f"{counts[source.id]} figure(s) rest on secondary source '{source.id}' "
                f"({source.cite}): statutory text not read",
                "warning",
            )
