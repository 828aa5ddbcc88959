"""The review queue: items built from what the stages recorded, ranked least sure first, each decided by a
person's correction (reject_fact / accept_fact for facts, the existing kinds for the rest)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsweave.app import Workspace
from newsweave.app.corrections import apply_corrections, touched
from newsweave.app.review import decide, items_of, review_queue
from newsweave.errors import NotFoundError, RequestError
from newsweave.model import (
    Article,
    Brief,
    BriefSentence,
    Correction,
    Entity,
    Mention,
    QuoteFamily,
    Source,
    Span,
    Story,
    evolve,
)
from newsweave.store import open_store

from ..serve.support import bridge_articles, bridge_story


def _c(cid: int, kind: str, spans=(), articles=(), undone: str = "") -> Correction:
    return Correction(cid, kind, articles=articles, spans=spans, undone=undone)  # type: ignore[arg-type]


def _articles() -> dict[str, Article]:
    return {a.id: a for a in bridge_articles()}


def _fact(story: Story, fid: str):
    return next(f for f in story.facts if f.id == fid)


def _with_sources(story: Story) -> Story:
    return evolve(story, sources=(Source("a-courier", ("Bay Courier",), ("a-courier",)),
                                  Source("a-gazette", ("Coast Gazette",), ("a-gazette",))))


def _reject(story: Story, fid: str, cid: int = 7) -> Correction:
    fact = _fact(story, fid)
    spans = [*fact.support, *(k.span for k in fact.conflicts)]
    return _c(cid, "reject_fact", (tuple(x for x in spans if x.article == "a-courier"),
                                   tuple(x for x in spans if x.article != "a-courier")))


# --- the fact corrections ------------------------------------------------------------------------------


def test_reject_fact_leaves_a_corroborated_fact_with_its_first_source_only() -> None:
    story = _with_sources(bridge_story())
    fid = "f2"
    (after,) = apply_corrections([story], [_reject(story, fid)])
    fact = _fact(after, fid)
    assert fact.status == "unique" and fact.sources == 1 and fact.outlets == ("Bay Courier",)
    assert [x.article for x in fact.support] == ["a-courier"]
    assert "reject fact by a person (correction #7" in fact.detail
    assert _fact(after, "f1") == _fact(story, "f1")  # another fact is left alone


def test_reject_fact_takes_a_conflict_back() -> None:
    story = _with_sources(bridge_story())
    (after,) = apply_corrections([story], [_reject(story, "f1")])
    fact = _fact(after, "f1")
    assert fact.status == "unique" and fact.conflicts == ()


def test_reject_fact_names_the_fact_by_its_spans_so_it_survives_reanalysis() -> None:
    story = _with_sources(bridge_story())
    c = _reject(story, "f2")
    reanalysed = evolve(story, facts=tuple(evolve(f, id=f"x{f.id}") for f in reversed(story.facts)))
    (after,) = apply_corrections([reanalysed], [c])
    assert _fact(after, "xf2").status == "unique"
    assert apply_corrections([after], [c]) == (after,)  # applying twice changes nothing


def test_reject_fact_brings_the_brief_sentence_of_the_fact_along() -> None:
    story = _with_sources(bridge_story())
    fact = _fact(story, "f2")
    story = evolve(story, brief=Brief((BriefSentence(fact.text, fact.support, "corroborated", 2, "f2"),)))
    (after,) = apply_corrections([story], [_reject(story, "f2")])
    (sentence,) = after.brief.sentences
    assert sentence.status == "unique" and sentence.sources == 1 and len(sentence.support) == 1


def test_accept_fact_changes_nothing_and_an_undone_reject_is_not_applied() -> None:
    story = _with_sources(bridge_story())
    fact = _fact(story, "f2")
    accept = _c(3, "accept_fact", (fact.support,))
    assert apply_corrections([story], [accept]) == (story,)
    assert touched(story, accept)["facts"] == ["f2"]
    undone = evolve(_reject(story, "f2"), undone="2024-04-01")
    assert apply_corrections([story], [undone]) == (story,)


# --- building and ranking items --------------------------------------------------------------------------


def test_facts_of_two_sources_and_conflicts_are_items_with_their_evidence() -> None:
    items = items_of(bridge_story(), _articles())
    facts = {i.target[0]: i for i in items if i.kind == "fact"}
    assert set(facts) == {"f1", "f2"}
    f1 = facts["f1"]
    assert [(e.outlet, e.role, e.text) for e in f1.evidence] == [
        ("Bay Courier", "supports", "Storm Elena damaged 12 cables."),
        ("Coast Gazette", "conflicts", "Storm Elena damaged 14 cables.")]
    assert f1.decided == "12 cables against 14 cables" and f1.evidence[0].published == "2024-03-26"
    assert any("derived" in r for r in facts["f2"].reasons)  # no claim recorded: said so
    assert any("two independent sources" in r for r in facts["f2"].reasons)


def _mention(article: Article, text: str) -> Mention:
    start = article.text.index(text)
    return Mention(Span(article.id, start, start + len(text)), text, "PERSON")


def _okafor() -> Entity:
    a, b = bridge_articles()
    return Entity("e9", "Maria Okafor", "PERSON", (_mention(a, "Maria Okafor"), _mention(b, "M. Okafor")),
                  ("short form: 'M. Okafor' (Coast Gazette) refers to 'Maria Okafor' (Bay Courier)",))


def test_a_weak_entity_merge_is_an_item_and_a_same_name_merge_is_not() -> None:
    story = bridge_story()
    okafor = _okafor()
    same = evolve(okafor, id="e8", why=("same name: 'Maria Okafor' (Bay Courier) and 'Maria Okafor' (Coast Gazette)",))
    items = items_of(evolve(story, entities=(okafor, same)), _articles())
    (item,) = [i for i in items if i.kind == "entity merge"]
    assert item.target == ("e9", "M. Okafor", "Maria Okafor")
    assert item.certainty == pytest.approx(0.4)  # the short-form rule, across reports
    assert [(e.role, e.text, e.outlet) for e in item.evidence] == [
        ("M. Okafor", "M. Okafor", "Coast Gazette"), ("Maria Okafor", "Maria Okafor", "Bay Courier")]


def test_a_member_near_the_grouping_threshold_is_an_item() -> None:
    story = evolve(bridge_story(), why=("a-gazette: similarity 0.20 to 'Harbour bridge reopens'",
                                        "a-courier: similarity 0.90 to 'Bridge open again'"))
    (item,) = [i for i in items_of(story, _articles()) if i.kind == "story membership"]
    assert item.target == ("a-gazette",) and item.certainty < 0.6
    assert item.evidence[0].outlet == "Coast Gazette"


def test_a_reworded_quote_pair_is_an_item_with_the_recorded_share() -> None:
    story = bridge_story()
    family = evolve(story.quote_families[0], why=("q1 ~ q2: reworded, 60% of the content words agree",))
    (item,) = [i for i in items_of(evolve(story, quote_families=(family,)), _articles()) if i.kind == "quote family"]
    assert item.target == ("q1", "q2") and item.certainty == pytest.approx(0.48)
    assert "60% of the content words agree" in item.reasons[0]
    exact = evolve(family, match="exact", why=("q1 ~ q2: exact, the same words",))
    assert not [i for i in items_of(evolve(story, quote_families=(exact,)), _articles()) if i.kind == "quote family"]


def test_a_family_without_recorded_reasons_says_its_score_is_derived() -> None:
    story = bridge_story()
    assert isinstance(story.quote_families[0], QuoteFamily) and not story.quote_families[0].why
    (item,) = [i for i in items_of(story, _articles()) if i.kind == "quote family"]
    assert "derived conservatively" in item.reasons[0]


def test_the_queue_is_ranked_least_sure_first_and_limited() -> None:
    queue = review_queue([bridge_story()], 2, articles=_articles())
    assert queue.total >= 3 and len(queue.items) == 2
    everything = review_queue([bridge_story()], None, articles=_articles()).items
    assert [i.priority for i in everything] == sorted((i.priority for i in everything), reverse=True)
    assert len({i.id for i in everything}) == len(everything)
    with pytest.raises(RequestError):
        review_queue([bridge_story()], 0)


def test_an_item_a_live_correction_judged_leaves_the_queue_and_comes_back_when_undone() -> None:
    story = bridge_story()
    f2 = _fact(story, "f2")
    judged = _c(1, "accept_fact", (f2.support,))
    assert "f2" not in {i.target[0] for i in items_of(story, _articles(), [judged]) if i.kind == "fact"}
    back = evolve(judged, undone="2024-04-02")
    assert "f2" in {i.target[0] for i in items_of(story, _articles(), [back]) if i.kind == "fact"}


# --- deciding through the workspace ------------------------------------------------------------------------


@pytest.fixture
def ws() -> Iterator[Workspace]:
    store = open_store(":memory:")
    store.put_articles(bridge_articles())
    store.put_stories([evolve(_with_sources(bridge_story()), entities=(_okafor(),),
                              why=("a-gazette: similarity 0.20 to 'Harbour bridge reopens'",))])
    with Workspace(store) as workspace:
        yield workspace


def _item(ws: Workspace, kind: str, target: str):
    return next(i for i in review_queue(ws, None).items if i.kind == kind and i.target[0] == target)


def test_rejecting_a_fact_is_a_correction_and_the_item_leaves_the_queue(ws: Workspace) -> None:
    item = _item(ws, "fact", "f2")
    changed = decide(ws, item.id, accept=False, note="different bridges")
    assert changed.correction.kind == "reject_fact" and changed.correction.note == "different bridges"
    assert _fact(ws.story("s-bridge"), "f2").status == "unique"
    assert item.id not in {i.id for i in review_queue(ws, None).items}
    with pytest.raises(NotFoundError):
        decide(ws, item.id, accept=True)


def test_accepting_is_recorded_and_changes_nothing(ws: Workspace) -> None:
    before = ws.story("s-bridge")
    item = _item(ws, "quote family", "q1")
    changed = decide(ws, item.id, accept=True)
    assert changed.correction.kind == "same_quote" and ws.story("s-bridge").quotes == before.quotes
    assert item.id not in {i.id for i in review_queue(ws, None).items}


def test_rejecting_a_quote_match_splits_the_family(ws: Workspace) -> None:
    item = _item(ws, "quote family", "q1")
    decide(ws, item.id, accept=False)
    q1, q2 = ws.story("s-bridge").quotes
    assert q1.family != q2.family


def test_an_unknown_item_is_an_error(ws: Workspace) -> None:
    with pytest.raises(RequestError):
        decide(ws, "no-colon", accept=True)
    with pytest.raises(NotFoundError):
        decide(ws, "s-bridge:fact:0000000000", accept=True)


def test_rejecting_a_weak_merge_splits_the_spelling_off(ws: Workspace) -> None:
    item = _item(ws, "entity merge", "e9")
    assert decide(ws, item.id, accept=False).correction.kind == "split_entity"
    names = sorted(e.name for e in ws.story("s-bridge").entities)
    assert names == ["M. Okafor", "Maria Okafor"]


def test_accepting_a_weak_merge_records_a_merge_that_holds_it(ws: Workspace) -> None:
    item = _item(ws, "entity merge", "e9")
    changed = decide(ws, item.id, accept=True)
    assert changed.correction.kind == "merge_entities" and len(ws.story("s-bridge").entities) == 1
    whole = _okafor()
    split = evolve(ws.story("s-bridge"), entities=(
        evolve(whole, mentions=whole.mentions[:1]), evolve(whole, id="e10", mentions=whole.mentions[1:])))
    (held,) = apply_corrections([split], [changed.correction])
    assert len(held.entities) == 1  # a later analysis that parts them is overruled


def test_accepting_a_member_records_that_it_belongs(ws: Workspace) -> None:
    item = _item(ws, "story membership", "a-gazette")
    changed = decide(ws, item.id, accept=True)
    assert changed.correction.kind == "merge_stories" and ws.story("s-bridge").article_ids == ("a-courier", "a-gazette")
    assert item.id not in {i.id for i in review_queue(ws, None).items}
