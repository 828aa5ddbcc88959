"""The application layer: what a user does with a store of reports (add, analyse what is pending,
regroup, correct and undo, report), in one place that the CLI, the web app and bulk runs call."""

from .corrections import apply_corrections
from .workspace import Added, Changed, Workspace

__all__ = ["Added", "Changed", "Workspace", "apply_corrections"]
