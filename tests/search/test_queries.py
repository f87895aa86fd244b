"""A search page runs the same number of queries whatever it finds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_partnership, make_release, make_speaker, make_topic
from tests.search.conftest import search

pytestmark = pytest.mark.django_db

POSTGRESQL = connection.vendor == "postgresql"
#: The page, its releases, their themes, its texts for snippets, the names
#: of the themes, speakers and partnerships counted; on PostgreSQL the
#: total and facet counts in one query and the query's stems, elsewhere the
#: count and five facet queries.
EXPECTED = 7 + (2 if POSTGRESQL else 6)
#: The count (with the facets on PostgreSQL), the other languages' counts;
#: on PostgreSQL the stems.
EXPECTED_NONE = 3 if POSTGRESQL else 2


def fill(count):
    topics = [make_topic() for _ in range(4)]
    speakers = [make_speaker() for _ in range(3)]
    partnerships = [make_partnership() for _ in range(2)]
    for n in range(count):
        make_release(
            title_en="Harbour %d" % n,
            topics=topics[: n % 4 + 1],
            speakers=speakers[: n % 3 + 1],
            partnership=partnerships[n % 2],
        )


@pytest.mark.parametrize("count", [1, 5, 30])
def test_constant_queries_whatever_the_results(
    client, count, django_assert_num_queries
):
    fill(count)
    with django_assert_num_queries(EXPECTED):
        response = search(client, "en", q="harbour")
    assert response.context["total"] == count


def test_filters_and_later_pages_cost_the_same(client, django_assert_num_queries):
    fill(30)
    topic = make_topic(slug="chosen")
    # With a value in every facet, as the counts above have: a facet with
    # none needs no names.
    make_release(
        title_en="Harbour chosen",
        topics=[topic],
        speakers=[make_speaker()],
        partnership=make_partnership(),
    )
    with django_assert_num_queries(EXPECTED):
        search(client, "en", q="harbour", page=2)
    with django_assert_num_queries(EXPECTED):
        search(client, "en", q="harbour", topic="chosen", kind="press_release")


@pytest.mark.parametrize("count", [1, 30])
def test_no_results_counts_the_other_languages_instead_of_facets(client, count):
    """The count, the other languages' counts, and on PostgreSQL the stems."""
    fill(count)
    with CaptureQueriesContext(connection) as queries:
        response = search(client, "sv", q="harbour")
    assert response.context["total"] == 0
    assert [(o.code, o.count) for o in response.context["other_languages"]] == [
        ("en", count)
    ]
    assert len(queries) == EXPECTED_NONE
