"""Language identification with py3langid (a maintained fork of langid.py; its model ships inside the
package, so nothing is downloaded)."""

from __future__ import annotations

import py3langid

__all__ = ["detect_language"]


def detect_language(text: str, least: int) -> str:
    """ISO 639-1 code of ``text``, or 'und' when it has fewer than ``least`` characters (too short to tell)."""
    if len(text.strip()) < least:
        return "und"
    code, _probability = py3langid.classify(text[:5000])
    return str(code)
