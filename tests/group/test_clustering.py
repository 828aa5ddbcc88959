import random

import pytest

from newsweave.config import Settings
from newsweave.errors import InputError
from newsweave.group.clustering import assign_article, cluster_articles
from newsweave.group.config import GroupConfig
from newsweave.model import Article, Meta

#: The threshold tuned on the development data, pinned so these cases do not move with config.
TUNED = Settings(stages=(GroupConfig(threshold=0.20, window_days=7),))


def article(aid: str, title: str | None, text: str, published: str | None = None) -> Article:
    meta = Meta(published, "record") if published else None
    return Article(id=aid, input=f"{aid}.txt", text=text, title=title, published=meta)


QUAKE_1 = article(
    "quake-1",
    "Strong earthquake strikes northern Chile",
    "A magnitude 7.1 earthquake struck northern Chile on Tuesday night, shaking buildings in Iquique "
    "and cutting power to thousands of homes. Officials said roads near Arica were damaged.",
)
QUAKE_2 = article(
    "quake-2",
    "Earthquake shakes northern Chile, damaging roads",
    "The earthquake in northern Chile damaged roads near Arica and cut power in Iquique, officials said. "
    "The magnitude 7.1 quake struck on Tuesday night.",
)
REHAB_1 = article(
    "rehab-1",
    "Lindsay Lohan checks into Betty Ford rehab",
    "Lindsay Lohan has checked into the Betty Ford Center to begin a 90-day court-ordered rehab stay, "
    "her lawyer said on Friday.",
)
REHAB_2 = article(
    "rehab-2",
    "Lohan enters Betty Ford Center for court-ordered rehab",
    "Actress Lindsay Lohan entered the Betty Ford Center on Friday for court-ordered rehab, according "
    "to her lawyer.",
)
FOUR = (QUAKE_1, QUAKE_2, REHAB_1, REHAB_2)


def members(stories) -> list[set[str]]:
    return [set(story.article_ids) for story in stories]


def test_cluster_articles_separates_two_different_topics():
    stories = cluster_articles(FOUR, TUNED)
    assert sorted(map(sorted, members(stories))) == [["quake-1", "quake-2"], ["rehab-1", "rehab-2"]]


def test_cluster_articles_joins_near_duplicates():
    copy = article("quake-1-copy", QUAKE_1.title, QUAKE_1.text.replace("Tuesday", "Tuesday evening"))
    stories = cluster_articles([QUAKE_1, copy, REHAB_1], TUNED)
    assert members(stories)[0] == {"quake-1", "quake-1-copy"}
    assert members(stories)[1] == {"rehab-1"}


@pytest.mark.parametrize(
    ("first", "second", "together"),
    [
        ("2023-09-01", "2023-09-05", True),
        ("2023-09-01", "2023-09-08", True),
        ("2023-09-01", "2023-09-09", False),
        ("2023-09-01T23:00:00+00:00", "2023-10-01T01:00:00Z", False),
        ("2023-09-01", None, True),
        ("not a date", "2023-12-25", True),
    ],
)
def test_cluster_articles_date_window(first, second, together):
    a = article("a", QUAKE_1.title, QUAKE_1.text, first)
    b = article("b", QUAKE_1.title, QUAKE_1.text, second)
    stories = cluster_articles([a, b], TUNED)
    assert (len(stories) == 1) is together


def test_cluster_articles_window_is_never_bridged():
    days = {"a": "2023-09-01", "b": "2023-09-05", "c": "2023-09-10", "d": "2023-09-10"}
    same = [article(aid, QUAKE_1.title, QUAKE_1.text, day) for aid, day in days.items()]
    for story in cluster_articles(same, TUNED):
        assert not {"a", "c"} <= set(story.article_ids)
        assert not {"a", "d"} <= set(story.article_ids)


def _spread() -> list[Article]:
    """The four reports, copied over a month's days (and undated, and with an unreadable date) so that the date
    window, the threshold and the blocks of similarities all matter."""
    days = [f"2023-09-{d:02d}" for d in range(1, 31, 3)] + [None, "not a date"]
    return [article(f"{base.id}-{k}", base.title, base.text, day)
            for k, day in enumerate(days) for base in FOUR]


@pytest.mark.parametrize("block_cells", [1, 7, 50, 10**9])
def test_cluster_articles_stories_do_not_depend_on_block_cells(block_cells):
    blocked = Settings(stages=(GroupConfig(threshold=0.20, window_days=7, block_cells=block_cells),))
    assert cluster_articles(_spread(), blocked) == cluster_articles(_spread(), TUNED)


def test_cluster_articles_with_threshold_zero_joins_what_the_window_allows():
    anything = Settings(stages=(GroupConfig(threshold=0.0, window_days=7),))
    early = [article(a.id, a.title, a.text, "2023-09-01") for a in FOUR]
    stories = cluster_articles([*early, article("late", None, "Markets fell.", "2023-09-20")], anything)
    assert sorted(map(sorted, members(stories))) == [["late"], sorted(a.id for a in FOUR)]


def test_cluster_articles_is_deterministic_and_order_free():
    first = cluster_articles(FOUR, TUNED)
    shuffled = list(FOUR)
    random.Random(7).shuffle(shuffled)
    assert cluster_articles(shuffled, TUNED) == first
    assert cluster_articles(list(reversed(FOUR)), TUNED) == first


def test_cluster_articles_story_fields():
    stories = cluster_articles([QUAKE_1, QUAKE_2, REHAB_1], TUNED)
    quake, rehab = stories
    assert quake.id.startswith("s-") and quake.id != rehab.id
    assert quake.title in {QUAKE_1.title, QUAKE_2.title}
    assert [(s.article, s.start, s.end) for s in quake.segments] == [
        ("quake-1", 0, len(QUAKE_1.text)),
        ("quake-2", 0, len(QUAKE_2.text)),
    ]
    assert any(reason.startswith("shared terms:") and "chile" in reason for reason in quake.why)
    assert any(reason.startswith("quake-2: similarity 0.") for reason in quake.why)
    assert rehab.why and "0.20" in rehab.why[0]


def test_cluster_articles_orders_largest_first_then_by_id():
    lone = article("lone", "Central bank raises interest rates", "The central bank raised interest rates.")
    stories = cluster_articles([lone, REHAB_1, QUAKE_1, QUAKE_2, REHAB_2], TUNED)
    sizes = [len(s.segments) for s in stories]
    assert sizes == [2, 2, 1]
    assert stories[0].id < stories[1].id


def test_cluster_articles_title_falls_back_to_first_sentence():
    untitled = article("u", None, "Markets fell sharply on Monday. Traders blamed rates.")
    assert cluster_articles([untitled], TUNED)[0].title == "Markets fell sharply on Monday."


def test_cluster_articles_says_when_a_date_is_unreadable():
    odd = article("odd", "Quake", QUAKE_1.text, "last Tuesday")
    (story,) = cluster_articles([odd], TUNED)
    assert any("'last Tuesday' is not an ISO date" in reason for reason in story.why)


@pytest.mark.parametrize("articles", [[], [article("s", None, "the and of it"), article("t", None, "")]])
def test_cluster_articles_handles_empty_input_and_empty_vocabulary(articles):
    assert len(cluster_articles(articles, TUNED)) == len(articles)


def test_cluster_articles_refuses_duplicate_ids():
    with pytest.raises(InputError, match="appears twice"):
        cluster_articles([QUAKE_1, QUAKE_1], TUNED)


BY_ID = {a.id: a for a in FOUR}
QUAKE_3 = article(
    "quake-3",
    "Northern Chile earthquake cuts power in Iquique",
    "Power was cut in Iquique after the magnitude 7.1 earthquake in northern Chile on Tuesday night.",
)


def test_assign_article_joins_the_most_similar_story():
    stories = cluster_articles(FOUR, TUNED)
    updated = assign_article(QUAKE_3, stories, BY_ID, TUNED)
    assert sorted(map(sorted, members(updated))) == [
        ["quake-1", "quake-2", "quake-3"],
        ["rehab-1", "rehab-2"],
    ]
    assert updated[1] in stories  # the story it did not join is returned unchanged


def test_assign_article_starts_a_story_when_nothing_is_similar():
    stories = cluster_articles(FOUR, TUNED)
    lone = article("lone", "Central bank raises interest rates", "The central bank raised interest rates.")
    updated = assign_article(lone, stories, BY_ID, TUNED)
    assert len(updated) == 3
    assert members(updated)[-1] == {"lone"}
    assert set(updated[:2]) == set(stories)


def test_assign_article_respects_the_date_window():
    dated = {a.id: article(a.id, a.title, a.text, "2023-09-01") for a in (QUAKE_1, QUAKE_2)}
    stories = cluster_articles(list(dated.values()), TUNED)
    late = article("quake-3", QUAKE_3.title, QUAKE_3.text, "2023-11-01")
    assert len(assign_article(late, stories, dated, TUNED)) == 2
    soon = article("quake-3", QUAKE_3.title, QUAKE_3.text, "2023-09-02")
    assert len(assign_article(soon, stories, dated, TUNED)) == 1


def test_assign_article_agrees_with_clustering_from_scratch():
    stories = cluster_articles(FOUR, TUNED)
    incremental = assign_article(QUAKE_3, stories, BY_ID, TUNED)
    assert members(incremental) == members(cluster_articles([*FOUR, QUAKE_3], TUNED))
    assert [s.id for s in incremental] == [s.id for s in cluster_articles([*FOUR, QUAKE_3], TUNED)]


@pytest.mark.parametrize(
    ("new", "by_id", "message"),
    [(QUAKE_1, BY_ID, "already in a story"), (QUAKE_3, {"quake-1": QUAKE_1}, "not in articles_by_id")],
)
def test_assign_article_refuses_inconsistent_input(new, by_id, message):
    stories = cluster_articles(FOUR, TUNED)
    with pytest.raises(InputError, match=message):
        assign_article(new, stories, by_id, TUNED)


def _wire(aid: str, title: str, body: str) -> Article:
    return article(aid, title, f"NORTHPORT | Wed Jun 24, 2010 7:26 pm EDT\nBy Ann Quillfeather, Invented Wire\n{body}")


def test_cluster_articles_ignores_shared_datelines_and_bylines():
    """Two unrelated reports of one wire service carry the same dateline, timestamp and byline: those
    lines say when and by whom they were filed, not what they report, so they do not join them."""
    ferry = _wire("ferry", "Ferry pier closes", "The harbour board closed the ferry pier after a crack was found.")
    choir = _wire("choir", "Choir wins prize", "The school choir won the regional singing prize on its first try.")
    assert sorted(members(cluster_articles([ferry, choir], TUNED)), key=sorted) == [{"choir"}, {"ferry"}]


def test_story_index_ignores_shared_datelines_and_bylines():
    from newsweave.group.index import index_stories

    ferry = _wire("ferry", "Ferry pier closes", "The harbour board closed the ferry pier after a crack was found.")
    choir = _wire("choir", "Choir wins prize", "The school choir won the regional singing prize on its first try.")
    assert len(index_stories([ferry, choir], TUNED)) == 2
