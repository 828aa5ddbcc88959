"""Story -> Brief, and the renderers of a whole report (JSON, Markdown, HTML). No analysis here."""

from .html import render_html
from .json import FORMAT, report_to_dict
from .markdown import render_markdown

__all__ = ["FORMAT", "render_html", "render_markdown", "report_to_dict"]
