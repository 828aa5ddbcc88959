"""Corrections as domain logic: applied to stories, re-applied after every regrouping, undone; every field
of a Story kept or recomputed by a merge or a split."""

from __future__ import annotations

from dataclasses import MISSING, fields

import pytest

from newsweave.app.corrections import COMPARISON, MEMBERSHIP, STORY_KINDS, apply_corrections, bare
from newsweave.group.identity import story_id
from newsweave.model import Correction, Span, Story

from ..serve.support import bridge_story, zoo_story


def _c(cid: int, kind: str, articles=(), spans=()) -> Correction:
    return Correction(cid, kind, articles=articles, spans=spans)  # type: ignore[arg-type]


def _spans(story, entity_id: str) -> tuple[Span, ...]:
    return tuple(m.span for e in story.entities if e.id == entity_id for m in e.mentions)


# --- apply_corrections ----------------------------------------------------------------------------------


def test_merge_stories_joins_them_under_the_id_grouping_would_give() -> None:
    bridge, (_, zoo) = bridge_story(), zoo_story()
    (merged,) = apply_corrections([bridge, zoo], [_c(1, "merge_stories", ((("a-courier",)), ("a-zoo",)))])
    assert set(merged.article_ids) == {"a-courier", "a-gazette", "a-zoo"}
    assert merged.id == story_id(merged.article_ids)
    assert merged.why[0].startswith("merge stories by a person (correction #1")


def test_split_story_gives_parts_with_membership_only() -> None:
    kept, moved = apply_corrections([bridge_story()], [_c(2, "split_story", (("a-gazette",),))])
    assert kept.article_ids == ("a-courier",) and moved.article_ids == ("a-gazette",)
    assert kept.id == story_id(["a-courier"]) and moved.id == story_id(["a-gazette"])
    assert moved.quotes == () and kept.entities == () and kept.facts == ()  # compared again by the workspace


def test_merge_entities_unites_mentions_and_speakers() -> None:
    story = bridge_story()
    fix = _c(3, "merge_entities", spans=(_spans(story, "e1"), _spans(story, "e2")))
    (done,) = apply_corrections([story], [fix])
    okafor = next(e for e in done.entities if e.id == "e1")
    assert {m.text for m in okafor.mentions} == {"Maria Okafor", "M. Okafor"}
    assert "e2" not in {e.id for e in done.entities} and "by a person" in okafor.why[0]


def test_split_entity_moves_mentions_to_a_new_entity() -> None:
    story = bridge_story()
    gazette = tuple(s for s in _spans(story, "e3") if s.article == "a-gazette")
    (done,) = apply_corrections([story], [_c(4, "split_entity", spans=(gazette,))])
    new = next(e for e in done.entities if e.id == "e3-c4")
    assert (
        new.name == "Kestrel Bay harbour"
        and len(next(e for e in done.entities if e.id == "e3").mentions) == 1
    )


@pytest.mark.parametrize(("kind", "same_family"), [("different_quote", False), ("same_quote", True)])
def test_quote_pair_judgement(kind: str, same_family: bool) -> None:
    story = bridge_story()
    q1, q2 = story.quotes
    (done,) = apply_corrections([story], [_c(5, kind, spans=((q1.span,), (q2.span,)))])
    assert (done.quotes[0].family == done.quotes[1].family) is same_family


def test_corrections_apply_twice_without_change_and_skip_what_is_gone() -> None:
    fixes = [
        _c(1, "merge_stories", (("a-courier",), ("a-zoo",))),
        _c(2, "split_entity", spans=((Span("x", 0, 1),),)),
    ]
    once = apply_corrections([bridge_story(), zoo_story()[1]], fixes)
    assert apply_corrections(once, fixes) == once
    assert apply_corrections([bridge_story()], fixes) == (bridge_story(),)


def test_story_kinds_only_leave_entities_alone() -> None:
    story = bridge_story()
    fix = _c(3, "merge_entities", spans=(_spans(story, "e1"), _spans(story, "e2")))
    assert apply_corrections([story], [fix], kinds=STORY_KINDS) == (story,)


# --- every field of Story -------------------------------------------------------------------------------


def _default(name: str) -> object:
    f = next(f for f in fields(Story) if f.name == name)
    return f.default_factory() if f.default is MISSING else f.default  # type: ignore[misc]


def test_every_story_field_is_either_membership_or_comparison() -> None:
    names = {f.name for f in fields(Story)}
    assert MEMBERSHIP | COMPARISON == names and not MEMBERSHIP & COMPARISON


def test_bare_resets_every_comparison_field_and_keeps_membership() -> None:
    story = bridge_story()
    assert all(getattr(story, n) != _default(n) for n in COMPARISON - {"quote_families", "sources"})
    stripped = bare(story)
    for name in COMPARISON:
        assert getattr(stripped, name) == _default(name), name
    for name in MEMBERSHIP:
        assert getattr(stripped, name) == getattr(story, name), name


@pytest.mark.parametrize("kind", ["merge_stories", "split_story"])
def test_merge_and_split_set_each_membership_field(kind: str) -> None:
    bridge, zoo = bridge_story(), zoo_story()[1]
    bridge = bridge.__class__(**{**{f.name: getattr(bridge, f.name) for f in fields(Story)},
                                 "copies": (("a-courier", "a-gazette"),)})
    if kind == "merge_stories":
        (out,) = apply_corrections([bridge, zoo], [_c(7, kind, (("a-courier",), ("a-zoo",)))])
        parts = [out]
        assert out.segments == bridge.segments + zoo.segments and out.title == bridge.title
        assert out.copies == (("a-courier", "a-gazette"),)
    else:
        parts = list(apply_corrections([bridge], [_c(7, kind, (("a-gazette",),))]))
        assert [p.segments for p in parts] == [bridge.segments[:1], bridge.segments[1:]]
        assert all(p.copies == () for p in parts)  # a copy group of one is no group
    for part in parts:
        assert part.id == story_id(part.article_ids)
        assert part.why[0].startswith(kind.replace("_", " ") + " by a person (correction #7")
        for name in COMPARISON:
            assert getattr(part, name) == _default(name), name


def test_an_undone_correction_is_not_applied() -> None:
    fix = Correction(1, "merge_stories", (("a-courier",), ("a-zoo",)), undone="2026-12-01T00:00:00+00:00")
    assert apply_corrections([bridge_story(), zoo_story()[1]], [fix]) == (bridge_story(), zoo_story()[1])
