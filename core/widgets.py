"""The admin's rich-text editor for body and more information.

A textarea that static/admin-extra/richtext.js enhances into a WYSIWYG editor
(Squire, with DOMPurify, both vendored under static/vendor/). The textarea
stays in the form and holds the submitted value, so without JavaScript an
editor still writes HTML by hand; with it, the textarea is hidden and kept in
step with the editor. The editor's allow-list comes from core.sanitize,
which also sanitises every language on save: what the toolbar can make is
what the server keeps.
"""

import json

from django import forms
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.languages import LANGUAGE_CODES
from core.sanitize import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    URL_SCHEMES,
    clean_html,
    refused_links,
)

#: What the toolbar and its link form say, in the editor's interface language.
LABELS = {
    "toolbar": _("Text formatting"),
    "paragraph": _("Paragraph"),
    "heading": _("Heading"),
    "subheading": _("Subheading"),
    "bold": _("Bold"),
    "italic": _("Italic"),
    "bulletedList": _("Bulleted list"),
    "numberedList": _("Numbered list"),
    "quote": _("Quote"),
    "link": _("Link"),
    "undo": _("Undo"),
    "redo": _("Redo"),
    "source": _("Edit as HTML"),
    "editor": _("Rich text"),
    "toolbarHint": _("Alt+F10 moves to the formatting toolbar."),
    "linkAddress": _("Link address"),
    "linkApply": _("Apply"),
    "linkRemove": _("Remove link"),
    "linkCancel": _("Cancel"),
    "linkInvalid": _(
        "Enter a web address (https://…), an address on this site (/…), "
        "an email address or a phone number (tel:…)."
    ),
}


def field_language(name):
    """``"sv"`` for ``body_sv`` (or an inline's ``quotes-0-body_sv``)."""
    for code in LANGUAGE_CODES:
        if name.endswith("_" + code):
            return code
    return None


def editor_config():
    """What the editor needs, in the interface language of the moment."""
    return {
        "labels": {key: str(label) for key, label in LABELS.items()},
        "allowedTags": sorted(ALLOWED_TAGS),
        "allowedAttributes": {
            tag: sorted(names) for tag, names in ALLOWED_ATTRIBUTES.items()
        },
        "urlSchemes": sorted(URL_SCHEMES),
    }


class RichTextWidget(AdminTextareaWidget):
    """The editor's textarea.

    It carries editor_config() in its data-richtext attribute; with
    ``config_in_page``, it says "page" instead, and the page has the
    configuration once, as <script id="richtext-config"> (the admin's change
    form, which holds 48 of these, does: see translations.model_admin).
    """

    class Media:
        js = (
            "vendor/dompurify/purify.min.js",
            "vendor/squire/squire-raw.js",
            "admin-extra/richtext.js",
        )
        css = {"all": ("admin-extra/richtext.css",)}

    def __init__(self, attrs=None, config_in_page=False):
        super().__init__(attrs)
        self.config_in_page = config_in_page

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        # Rendered into an attribute, so escaped like any other; evaluated
        # now, in the interface language, not at import.
        widget_attrs["data-richtext"] = (
            "page"
            if self.config_in_page
            else json.dumps(editor_config(), ensure_ascii=False)
        )
        # The text's own language, for spelling and for screen readers.
        language = field_language(name)
        if language and "lang" not in widget_attrs:
            widget_attrs["lang"] = language
        return context


class RichTextFormField(forms.CharField):
    """A rich-text form field that cleans to the HTML that will be stored.

    The editor writes the same text with other bytes than were loaded (line
    breaks between blocks, attribute order); compared raw, every untouched
    body of every language would count as changed on every save, and the
    admin's history would list them all.
    """

    def to_python(self, value):
        return clean_html(super().to_python(value))

    def clean(self, value):
        # The sanitiser would drop these links without a word; a person who
        # typed one (in the HTML view, or without JavaScript) is told, and
        # keeps what they typed to correct it.
        refused = refused_links(value or "")
        if refused:
            raise ValidationError(
                _(
                    "Links may lead only to web addresses (https://), e-mail "
                    "(mailto:) or telephone numbers (tel:). Change or remove: "
                    "%(links)s"
                )
                % {"links": ", ".join(refused)},
                code="link_scheme",
            )
        return super().clean(value)

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        return clean_html(initial or "") != self.to_python(data)
