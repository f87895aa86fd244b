"""The API's tests get every answer checked against the published schema.

``api.get(path)`` is the test client's GET (HEAD, OPTIONS), and each
response it returns has been validated against /api/v1/openapi.json: its
status must be documented for that operation and its JSON must match the
schema given for that status (every output schema forbids undocumented
fields). The schema itself is checked as an OpenAPI 3.1 document once.
"""

import json
import re

import pytest
from django.core.cache import cache
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate as validate_openapi

SCHEMA_URL = "/api/v1/openapi.json"
_document = {}


def openapi_document(client):
    if not _document:
        response = client.get(SCHEMA_URL)
        assert response.status_code == 200
        document = response.json()
        validate_openapi(document)
        _document.update(document)
    return _document


def operation_for(document, path):
    for template, item in document["paths"].items():
        pattern = "^%s$" % re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(template))
        if re.match(pattern, path):
            return item["get"]
    raise AssertionError("No operation in the schema for %s" % path)


def validate_response(document, path, response):
    if path == SCHEMA_URL or response.status_code in (204, 304):
        assert response.content == b"" or path == SCHEMA_URL
        return
    operation = operation_for(document, path)
    documented = operation["responses"]
    status = str(response.status_code)
    assert status in documented, "%s answered %s, not in the schema: %s" % (
        path,
        status,
        sorted(documented),
    )
    if not response.content:  # HEAD
        return
    assert response["Content-Type"].startswith("application/json")
    schema = documented[status]["content"]["application/json"]["schema"]
    # The schema's $refs point into the document's components.
    validator = Draft202012Validator(
        {**schema, "components": document["components"]},
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )
    errors = sorted(validator.iter_errors(response.json()), key=str)
    assert not errors, "%s %s: %s" % (path, status, errors[0])


class ValidatingClient:
    def __init__(self, client):
        self.client = client

    def _checked(self, method, path, data=None, **extra):
        response = getattr(self.client, method)(path, data, **extra)
        document = openapi_document(self.client)
        validate_response(document, path.split("?")[0], response)
        return response

    def get(self, path, data=None, **extra):
        return self._checked("get", path, data, **extra)

    def head(self, path, data=None, **extra):
        return self._checked("head", path, data, **extra)

    def options(self, path, **extra):
        return self._checked("options", path, **extra)

    def json(self, path, data=None, **extra):
        response = self.get(path, data, **extra)
        assert response.status_code == 200, response.content
        return response.json()


@pytest.fixture(autouse=True)
def _fresh_rate_counts():
    """Each test starts with an unused rate limit."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api(client, db):
    return ValidatingClient(client)


def dump(data):
    return json.dumps(data, indent=1, sort_keys=True)
