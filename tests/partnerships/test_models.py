"""Organisations: the rules the database keeps whatever wrote the row."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.factories import make_organisation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "website",
    ["", "https://cor.europa.eu/sv", "http://example.eu", "HTTPS://EXAMPLE.EU/"],
)
def test_web_addresses_are_accepted(website):
    organisation = make_organisation(website=website)
    organisation.full_clean()
    organisation.refresh_from_db()
    assert organisation.website == website


@pytest.mark.parametrize(
    "website",
    [
        "javascript:alert(1)",
        "JavaScript://%0aalert(1)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://files.example.eu/",
        "mailto:press@example.eu",
        "//example.eu/",
    ],
)
def test_other_schemes_are_refused_by_the_form_rule_and_the_database(website):
    organisation = make_organisation()
    organisation.website = website
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert "website" in error.value.message_dict

    with pytest.raises(IntegrityError), transaction.atomic():
        organisation.save(update_fields=["website"])
