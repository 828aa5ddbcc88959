"""New reports join the stored stories they belong to, without regrouping the whole store: what
``Workspace.analyse()`` does when stories are stored already. The rule lives in grouping
(:mod:`newsweave.group.incremental`, so the evaluation can measure it); this is the application's name for it.
"""

from __future__ import annotations

from ..group.incremental import Grouper, Grown, grow_stories

__all__ = ["Grouper", "Grown", "grow_stories"]
