"""The rich-text widget (core/widgets.py) as the admin renders it."""

import json
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from core.languages import LANGUAGE_CODES
from core.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, URL_SCHEMES
from core.widgets import LABELS, RichTextWidget, editor_config


class _Textareas(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = {}

    def handle_starttag(self, tag, attrs):
        if tag == "textarea":
            attrs = dict(attrs)
            self.found[attrs["name"]] = attrs


def textareas(html):
    parser = _Textareas()
    parser.feed(html)
    return parser.found


@pytest.fixture
def add_form(admin_client):
    response = admin_client.get(reverse("admin:releases_pressrelease_add"))
    assert response.status_code == 200
    return response


@pytest.mark.django_db
def test_body_and_more_information_get_the_editor_in_every_language(add_form):
    found = textareas(add_form.content.decode())
    rich = {name for name, attrs in found.items() if "data-richtext" in attrs}
    assert rich == {
        "%s_%s" % (field, code)
        for field in ("body", "more_information")
        for code in LANGUAGE_CODES
    }
    # Plain text stays a plain textarea.
    assert "data-richtext" not in found["lead_en"]
    # Each keeps modeltranslation's classes, so that the language tabs work,
    # and says which language its text is in.
    assert "mt-field-body-sv" in found["body_sv"]["class"]
    assert found["body_sv"]["lang"] == "sv"
    assert found["more_information_el"]["lang"] == "el"


def check_config(config):
    assert set(config["allowedTags"]) == ALLOWED_TAGS
    assert {tag: set(names) for tag, names in config["allowedAttributes"].items()} == (
        ALLOWED_ATTRIBUTES
    )
    assert set(config["urlSchemes"]) == URL_SCHEMES
    assert set(config["labels"]) == set(LABELS)
    assert config["labels"]["bold"] == "Bold"


@pytest.mark.django_db
def test_the_change_form_gives_its_editors_the_server_s_allow_list_once(add_form):
    html = add_form.content.decode()
    assert textareas(html)["body_en"]["data-richtext"] == "page"
    [config] = re.findall(
        r'<script id="richtext-config" type="application/json">(.*?)</script>', html
    )
    check_config(json.loads(config))


def test_a_widget_on_its_own_carries_its_configuration():
    attrs = RichTextWidget().get_context("body_sv", "", {})["widget"]["attrs"]
    check_config(json.loads(attrs["data-richtext"]))
    assert attrs["lang"] == "sv"


def test_labels_are_evaluated_when_rendered():
    # Lazy strings would not survive json.dumps: they are turned into text in
    # the language active at render time.
    with translation.override("en"):
        labels = editor_config()["labels"]
    assert labels["heading"] == "Heading"
    assert all(type(value) is str for value in labels.values())


@pytest.mark.django_db
def test_the_editor_loads_only_files_bundled_with_the_site(add_form):
    html = add_form.content.decode()
    for path in RichTextWidget().media._js + [
        css for group in RichTextWidget().media._css.values() for css in group
    ]:
        assert (settings.BASE_DIR / "static" / path).exists(), path
        assert settings.STATIC_URL + path in html
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert sources
    assert not [url for url in sources if re.match(r"(https?:)?//", url)]


def test_vendored_libraries_carry_their_licences():
    vendor = settings.BASE_DIR / "static" / "vendor"
    assert "MIT License" in (vendor / "squire" / "LICENSE").read_text()
    assert "Apache License" in (vendor / "dompurify" / "LICENSE").read_text()


def test_rich_text_stored_before_the_canonical_form_is_unchanged_when_posted_back():
    from core.widgets import RichTextFormField

    field = RichTextFormField(required=False)
    stored = "<p>One.</p><ul><li>Two</li></ul>"  # as written before one-block-a-line

    assert not field.has_changed(stored, "<p>One.</p>\n<ul>\n<li>Two</li>\n</ul>\n")
    assert field.has_changed(stored, "<p>One!</p>\n<ul>\n<li>Two</li>\n</ul>")
