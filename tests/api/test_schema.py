"""The OpenAPI 3.1 document and its docs page."""

import pytest
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


def test_the_schema_is_a_valid_openapi_3_1_document(api):
    document = api.json("/api/v1/openapi.json")

    validate(document)
    assert document["openapi"].startswith("3.1")
    assert sorted(document["paths"]) == [
        "/api/v1/organisations/",
        "/api/v1/organisations/{slug}",
        "/api/v1/partnerships/",
        "/api/v1/partnerships/{slug}",
        "/api/v1/releases/",
        "/api/v1/releases/{slug}",
        "/api/v1/speakers/",
        "/api/v1/speakers/{slug}",
        "/api/v1/themes/",
        "/api/v1/themes/{slug}",
    ]
    for item in document["paths"].values():
        assert set(item) == {"get"}, "read only"
        assert "429" in item["get"]["responses"]


def test_every_output_schema_forbids_undocumented_fields(api):
    schemas = api.json("/api/v1/openapi.json")["components"]["schemas"]

    objects = {
        name: schema
        for name, schema in schemas.items()
        if schema.get("type") == "object" and name != "ReleaseFilters"
    }
    assert objects
    assert {
        n: s.get("additionalProperties") for n, s in objects.items()
    } == dict.fromkeys(objects, False)


def test_the_docs_page_loads_nothing_from_other_sites(client):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn." not in page and "//unpkg" not in page
