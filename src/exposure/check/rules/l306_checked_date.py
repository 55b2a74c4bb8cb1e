"""A source's checked date is neither stale nor in the future.

Law changes; a figure read long ago may no longer be the law. A source checked more than ``--max-age`` days ago
(365 by default) is a warning asking for a fresh read; a checked date in the future is an error (a typo, or a
date that vouches for a reading not yet made).

Failing::

    checked: 2099-01-01

Passing::

    checked: 2026-11-21
"""

from __future__ import annotations

from datetime import timedelta

from ...model import Pack
from .figures import problem

ID = "L306"
SEVERITY = "warning"
TITLE = "the source was checked recently, and not in the future"


def check(pack: Pack, context):
    stale = context.today - timedelta(days=context.max_age_days)
    for source in pack.sources.values():
        if source.checked < stale:
            yield problem(
                source.where,
                ID,
                f"source '{source.id}' ({source.cite}) was last checked on {source.checked}, "
                f"over {context.max_age_days} days ago",
                "warning",
            )
        if source.checked > context.today:
            yield problem(source.where, ID, f"source '{source.id}' has a checked date in the future ({source.checked})")
