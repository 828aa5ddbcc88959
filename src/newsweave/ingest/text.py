"""Plain text: the decoded file as it is; headline and byline are left for normalise."""

from __future__ import annotations

from ..model import RawDocument
from .decode import decode

__all__ = ["read_text"]


def read_text(name: str, data: bytes) -> RawDocument:
    """One text document from UTF-8 bytes."""
    return RawDocument(input=name, text=decode(name, data), format="text")
