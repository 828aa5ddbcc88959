"""Language identification with py3langid (a maintained fork of langid.py; its model ships inside the
package, so nothing is downloaded)."""

from __future__ import annotations

import py3langid

__all__ = ["detect_language"]

MIN_CHARS = 20


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text``, or 'und' when it is too short to tell."""
    if len(text.strip()) < MIN_CHARS:
        return "und"
    code, _probability = py3langid.classify(text[:5000])
    return str(code)
