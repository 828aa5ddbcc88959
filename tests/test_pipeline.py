from __future__ import annotations

import dataclasses
import pickle
from dataclasses import dataclass
from typing import ClassVar

import pytest

from newsweave import api
from newsweave.analyse import ARTICLE_STAGES
from newsweave.config import Settings, param
from newsweave.errors import PipelineError, StageError
from newsweave.model import Article, Story, evolve
from newsweave.pipeline import (
    ARTICLE_FIELDS,
    ARTICLE_ORDER,
    STORY_FIELDS,
    STORY_ORDER,
    Context,
    Registry,
    Section,
    Stage,
    build,
    in_order,
    stage_mark,
)
from newsweave.stages import REGISTRY


@dataclass(frozen=True, slots=True)
class ShoutConfig:
    SECTION: ClassVar[str] = "shout"
    marks: int = param(1, "Exclamation marks added.", low=0)


def _shout(article: Article, context: Context) -> Article:
    return evolve(article, text=article.text.upper() + "!" * context.settings.of(ShoutConfig).marks)


def _title(article: Article, _context: Context) -> Article:
    return evolve(article, title=article.text[:3])


def _boom(article: Article, _context: Context) -> Article:
    raise ValueError("broken stage")


def _same_story(story: Story, _context: Context) -> Story:
    return story


SHOUT: Stage[Article] = Stage(name="shout", kind="article", func=_shout, requires=frozenset({"text"}),
                              provides=frozenset({"sentences"}), config=ShoutConfig)
NEEDS: Stage[Article] = Stage(name="needs", kind="article", func=_title, requires=frozenset({"sentences"}),
                              provides=frozenset({"title"}))
BOOM: Stage[Article] = Stage(name="boom", kind="article", func=_boom, requires=frozenset({"text"}))
READS_CLAIMS: Stage[Story] = Stage(name="reads_claims", kind="story", func=_same_story,
                                   requires=frozenset({"articles.claims"}), provides=frozenset({"facts"}))


def test_build_refuses_a_missing_requirement() -> None:
    with pytest.raises(PipelineError, match="'needs' requires sentences"):
        build([NEEDS, SHOUT], ["needs"])


def test_build_refuses_unknown_stage_and_lists_known() -> None:
    with pytest.raises(PipelineError, match="unknown stage 'nope'") as info:
        build([SHOUT], ["nope"])
    assert "shout" in str(info.value)


def test_build_refuses_a_stage_listed_twice() -> None:
    with pytest.raises(PipelineError, match="'shout' listed twice"):
        build([SHOUT, SHOUT])


def test_build_refuses_article_and_story_stages_together() -> None:
    with pytest.raises(PipelineError, match="cannot share a pipeline"):
        build([SHOUT, READS_CLAIMS])  # type: ignore[list-item]


def test_run_records_what_each_stage_provided() -> None:
    result = build([SHOUT, NEEDS]).run(Article(id="a", input="x", text="hi"), Settings())
    assert result.text == "HI!" and result.title == "HI!" and {"sentences", "title"} <= result.done


def test_a_stage_reads_its_own_config_from_the_settings() -> None:
    settings = Settings(stages=(ShoutConfig(marks=3),))
    result = build([SHOUT]).run(Article(id="a", input="x", text="hi"), Context.of(settings))
    assert result.text == "HI!!!"


def test_run_many_keeps_an_article_whose_stage_fails_and_runs_the_other_stages() -> None:
    items = [Article(id="a", input="first.txt", text="x"), Article(id="b", input="second.txt", text="y")]
    results = list(build([BOOM, SHOUT]).run_many(items, Settings()))
    kept = [r for r, _ in results]
    assert [a.id for a in kept if a is not None] == ["a", "b"]  # nothing lost
    first = kept[0]
    assert first is not None and first.text == "X!" and "sentences" in first.done  # the later stage still ran
    assert [n.stage for n in first.notes] == ["boom"] and "broken stage" in first.notes[0].error
    problems = [p for _, p in results]
    assert problems[0] is not None and problems[0].stage == "boom" and "first.txt" in problems[0].error
    assert problems[1] is not None and "second.txt" in problems[1].error


def test_run_still_raises_a_stage_error_for_one_item() -> None:
    with pytest.raises(StageError, match="stage 'boom' failed on article a"):
        build([BOOM]).run(Article(id="a", input="x", text="hi"), Settings())


@pytest.mark.parametrize(
    ("kind", "requires", "provides", "wrong"),
    [
        ("article", {"txt"}, set(), "requires txt"),
        ("article", {"text"}, {"mention"}, "provides mention"),
        ("story", {"segmnets"}, set(), "requires segmnets"),
        ("story", {"articles.claim"}, set(), "requires articles.claim"),
        ("story", {"segments"}, {"membership"}, "provides membership"),
    ],
)
def test_a_typo_in_a_field_fails_when_the_stage_is_declared(
    kind: str, requires: set[str], provides: set[str], wrong: str
) -> None:
    with pytest.raises(PipelineError, match=wrong) as info:
        Stage(name="typo", kind=kind, func=_title, requires=frozenset(requires),  # type: ignore[arg-type]
              provides=frozenset(provides))
    assert "choose from" in str(info.value)


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(PipelineError, match="neither 'article' nor 'story'"):
        Stage(name="x", kind="corpus", func=_title)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Bare:
    SECTION: ClassVar[str] = "bare"
    gap: int = 3


@dataclass(slots=True)
class Loose:
    SECTION: ClassVar[str] = "loose"
    gap: int = param(3, "A gap.")


@pytest.mark.parametrize(
    ("name", "config", "message"),
    [("bare", Bare, "without help: gap"), ("loose", Loose, "not a frozen dataclass"),
     ("other", ShoutConfig, "SECTION must be 'other'")],
)
def test_a_stage_config_must_be_frozen_named_after_the_stage_and_documented(
    name: str, config: type, message: str
) -> None:
    with pytest.raises(PipelineError, match=message):
        Stage(name=name, kind="article", func=_title, config=config)


def test_story_stage_needing_analysed_articles_is_checked_against_the_article_stages() -> None:
    claims = Stage(name="claims", kind="article", func=_title, requires=frozenset({"text"}),
                   provides=frozenset({"claims"}))
    registry = Registry(article=(claims,), story=(READS_CLAIMS,))
    assert registry.story_pipeline().names == ("reads_claims",)
    with pytest.raises(PipelineError, match="'reads_claims' requires articles.claims"):
        registry.story_pipeline(article_stages=[])


def test_registry_refuses_one_name_for_two_stages_even_of_different_kinds() -> None:
    story_shout: Stage[Story] = Stage(name="shout", kind="story", func=_same_story)
    with pytest.raises(PipelineError, match="'shout' used twice"):
        Registry(article=(SHOUT,), story=(story_shout,))


def test_registry_refuses_a_stage_under_the_wrong_kind() -> None:
    with pytest.raises(PipelineError, match="wrong kind"):
        Registry(article=(READS_CLAIMS,), story=())  # type: ignore[arg-type]


def test_registry_refuses_default_order_that_does_not_build() -> None:
    with pytest.raises(PipelineError, match="'needs' requires sentences"):
        Registry(article=(NEEDS, SHOUT), story=())


def test_in_order_refuses_a_stage_missing_from_the_declared_order() -> None:
    with pytest.raises(PipelineError, match="extra \\['boom'\\], missing \\['needs'\\]"):
        in_order(("shout", "needs"), (SHOUT, BOOM))


def test_shipped_stages_follow_the_one_declared_order() -> None:
    assert tuple(s.name for s in REGISTRY.article) == ARTICLE_ORDER
    assert tuple(s.name for s in REGISTRY.story) == STORY_ORDER
    assert ARTICLE_STAGES == REGISTRY.article and api.STORY_STAGES == REGISTRY.story
    assert api.article_pipeline().names == ARTICLE_ORDER and api.story_pipeline().names == STORY_ORDER


def test_shipped_stage_names_are_unique_across_kinds() -> None:
    names = [s.name for s in (*REGISTRY.article, *REGISTRY.story)]
    assert len(names) == len(set(names)) and "entity_resolution" in names


def test_shipped_stages_declare_real_fields_and_their_kind() -> None:
    for stage in REGISTRY.article:
        assert stage.kind == "article" and stage.provides and stage.provides <= ARTICLE_FIELDS
    for stage in REGISTRY.story:
        assert stage.kind == "story" and stage.provides and stage.provides <= STORY_FIELDS
    reads = {s.name: {r for r in s.requires if r.startswith("articles.")} for s in REGISTRY.story}
    assert reads["facts"] == {"articles.sentences", "articles.claims"}
    assert reads["quote_families"] == {"articles.quotes"}


def test_every_tuned_section_has_a_config_and_a_help_line() -> None:
    configs, helps = REGISTRY.configs(), REGISTRY.helps()
    assert {"normalise", "group", "quotes", "facts", "brief"} <= set(configs)
    assert all(helps[name] for name in configs)
    assert all(isinstance(s, Section) for s in REGISTRY.sections)


def test_pipelines_pickle_for_ray() -> None:
    pipeline = REGISTRY.article_pipeline()
    assert pickle.loads(pickle.dumps(pipeline)).names == pipeline.names
    settings = Settings(stages=(ShoutConfig(marks=2),))
    assert pickle.loads(pickle.dumps(settings)) == settings


def _mentions(article: Article, _context: Context) -> Article:
    return evolve(article, mentions=())


OTHER: Stage[Article] = Stage(name="other", kind="article", func=_mentions, requires=frozenset({"text"}),
                              provides=frozenset({"mentions"}))


def test_a_stage_leaves_its_mark_and_a_second_run_finds_nothing_stale() -> None:
    pipeline = build([SHOUT, NEEDS, OTHER])
    done = pipeline.run(Article("a1", "a.txt", "hi"), Settings())
    assert {"sentences", "title", "mentions"} <= done.done
    assert stage_mark(SHOUT, Settings()) in done.done and stage_mark(OTHER, Settings()) in done.done
    assert pipeline.stale(done, Settings()) == ()


@pytest.mark.parametrize(("change", "stale"), [
    ("config of the first stage", ("shout", "needs")),  # and the stage reading what it provides
    ("version of the last stage", ("other",)),
    ("spaCy model", ("shout", "needs", "other")),
])
def test_only_changed_stages_and_their_readers_are_stale(change: str, stale: tuple[str, ...]) -> None:
    done = build([SHOUT, NEEDS, OTHER]).run(Article("a1", "a.txt", "hi"), Settings())
    stages, settings = [SHOUT, NEEDS, OTHER], Settings()
    if change == "config of the first stage":
        settings = Settings(stages=(ShoutConfig(marks=2),))
    elif change == "version of the last stage":
        stages[2] = dataclasses.replace(OTHER, version="2")
    else:
        settings = Settings(spacy_model="another_model")
    assert build(stages).stale(done, settings) == stale


def test_an_article_analysed_before_marks_counts_as_current_where_its_fields_are() -> None:
    legacy = Article("a1", "a.txt", "hi", done=frozenset({"sentences", "title"}))
    assert build([SHOUT, NEEDS, OTHER]).stale(legacy, Settings()) == ("other",)


def test_rerunning_a_stage_replaces_its_old_mark_and_runs_only_the_stale_stages() -> None:
    pipeline = build([SHOUT, NEEDS, OTHER])
    done = pipeline.run(Article("a1", "a.txt", "hi"), Settings())
    settings = Settings(stages=(ShoutConfig(marks=2),))
    again = pipeline.only(pipeline.stale(done, settings), done).run(done, settings)
    assert again.text == "HI!!!" and again.title == "HI!"  # shout ran again (on its own output), then needs
    assert stage_mark(SHOUT, settings) in again.done and stage_mark(SHOUT, Settings()) not in again.done
    assert sum(d.startswith("~shout@") for d in again.done) == 1
    assert pipeline.stale(again, settings) == ()
