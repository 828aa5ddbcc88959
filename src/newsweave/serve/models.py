"""Request bodies: validation at the edge (pydantic), the frozen model inside."""

from __future__ import annotations

from typing import Self, get_origin

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..normalise.metadata import normalise_date

__all__ = [
    "JudgeQuotes",
    "MergeEntities",
    "MergeStories",
    "NewReport",
    "OutletBody",
    "OutletImport",
    "OutletName",
    "ReviewDecision",
    "SplitEntity",
    "SplitStory",
    "is_list",
]

_ID = Field(min_length=1, max_length=200)


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class NewReport(_Body):
    """One report: exactly one of ``text``, ``html`` or ``url``; the metadata given beats the page's."""

    text: str | None = Field(None, description="Plain text: headline, standfirst, byline and body.")
    html: str | None = Field(None, description="An HTML page; its main text is extracted.")
    url: str | None = Field(None, description="An http(s) URL of a page or feed, fetched by the server.")
    title: str | None = None
    outlet: str | None = None
    published: str | None = Field(None, description="Publication date, YYYY-MM-DD (a relative date such as "
                                  "'yesterday' is refused: the server's clock is not the report's).")
    author: str | None = None
    language: str | None = None

    @field_validator("published")
    @classmethod
    def a_real_date(cls, value: str | None) -> str | None:
        if value and normalise_date(value, relative=False) is None:
            raise ValueError(f"{value!r} is not a date; give YYYY-MM-DD (relative dates are not resolved)")
        return value

    @model_validator(mode="after")
    def one_source(self) -> Self:
        given = [name for name in ("text", "html", "url") if getattr(self, name)]
        if len(given) != 1:
            raise ValueError(f"give exactly one of text, html or url (got {', '.join(given) or 'none'})")
        return self


class MergeStories(_Body):
    stories: list[str] = Field(min_length=2, description="Ids of the stories to merge into one.")
    note: str = ""


class SplitStory(_Body):
    story: str = _ID
    articles: list[str] = Field(min_length=1, description="Article ids to move into a story of their own.")
    note: str = ""


class MergeEntities(_Body):
    story: str = _ID
    entities: list[str] = Field(min_length=2, description="Ids of the story's entities that are one thing.")
    note: str = ""


class SplitEntity(_Body):
    story: str = _ID
    entity: str = _ID
    spellings: list[str] = Field(min_length=1, description="Spellings whose mentions are another entity.")
    name: str = Field("", max_length=200, description="A name for the new entity (else its commonest spelling).")
    into: str | None = Field(None, max_length=200, description="Add the mentions to this entity of the story "
                             "instead of making a new one.")
    note: str = ""


class JudgeQuotes(_Body):
    story: str = _ID
    quotes: list[str] = Field(min_length=2, max_length=2, description="Two quote ids of the story.")
    same: bool = Field(description="True: the same utterance (one family); false: different utterances.")
    note: str = ""


class ReviewDecision(_Body):
    item: str = Field(min_length=3, max_length=400, description="A review item's id, from /review.json.")
    accept: bool = Field(description="True: the engine is right (recorded); false: it is wrong (corrected).")
    note: str = ""
    story: str | None = Field(None, max_length=200, description="The story whose review queue a page showed "
                              "(where the page goes back to); not needed from the API.")


class UndoCorrection(_Body):
    correction: int = Field(ge=1, description="The id of the correction to take back.")


_TEXT = Field(None, max_length=200)


class OutletBody(_Body):
    """One outlet profile: every field but ``name`` is optional (empty: not given); it replaces the
    profile of the same name (case and spacing aside)."""

    name: str = _ID
    kind: str | None = Field(None, max_length=200, description="wire agency, public broadcaster, newspaper, "
                             "magazine, broadcaster, online, other or unknown (empty: unknown).")
    country: str | None = _TEXT
    language: str | None = _TEXT
    owner: str | None = _TEXT
    leaning: str | None = Field(None, max_length=200, description="Only when you want one recorded; never inferred.")


class OutletName(_Body):
    name: str = _ID


class OutletImport(_Body):
    """A whole outlets file, as text: CSV with a header row, or JSON (a list of outlet objects)."""

    text: str = Field(min_length=1, description="The file's text: CSV with a header row, or a JSON list.")
    format: str | None = Field(None, pattern="^(csv|json)$", description="csv or json (else told by the text).")


def is_list(model: type[BaseModel], name: str) -> bool:
    field = model.model_fields.get(name)
    return field is not None and get_origin(field.annotation) is list
