import pytest
from django.db import connection


def search(client, language, **params):
    """GET /<language>/search/ with ``params``; returns the response."""
    return client.get("/%s/search/" % language, params)


def titles(response):
    """The titles of the results, in order, as strings."""
    return [
        str(document.release.localized("title"))
        for document in response.context["results"]
    ]


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="stemming needs PostgreSQL's text-search configurations; CI runs it",
)
