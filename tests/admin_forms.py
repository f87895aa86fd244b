"""Post back an admin form as a browser would, for admin tests.

``form_data(response)`` reads the rendered change form (inputs, selects,
textareas, the inline management forms) into the dict a browser would post
without JavaScript, so that a test changes only what it is about and the
rest is the real form's own data.
"""

import io
from html.parser import HTMLParser

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


class FormData(dict):
    """The posted fields, and the inlines' empty-row templates."""

    def __init__(self):
        super().__init__()
        self.templates = {}


class _FormReader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.data = FormData()
        self.in_form = False
        self.select = None  # (name, multiple, options, selected)
        self.option = None
        self.textarea = None

    def add(self, name, value):
        if not name or name == "csrfmiddlewaretoken":
            return
        if "__prefix__" in name:
            # The row "Add another" copies: not posted as such.
            self.data.templates[name] = value
            return
        if name in self.data:
            previous = self.data[name]
            self.data[name] = [
                *(previous if isinstance(previous, list) else [previous]),
                value,
            ]
        else:
            self.data[name] = value

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            # The object's form, not the log-out form in the header.
            self.in_form = (attrs.get("id") or "").endswith("_form")
        if not self.in_form:
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            default = "on" if kind in {"checkbox", "radio"} else ""
            self.add(attrs.get("name"), attrs.get("value", default))
        elif tag == "select":
            self.select = (attrs.get("name"), "multiple" in attrs, [], [])
        elif tag == "option" and self.select:
            self.option = [attrs.get("value"), ""]
            self.select[2].append(self.option)
            if "selected" in attrs:
                self.select[3].append(self.option)
        elif tag == "textarea":
            self.textarea = [attrs.get("name"), ""]

    def handle_data(self, data):
        if self.option is not None:
            self.option[1] += data
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "option":
            self.option = None
        elif tag == "select" and self.select:
            name, multiple, options, selected = self.select
            if not selected and not multiple and options:
                selected = options[:1]
            values = [value if value is not None else text for value, text in selected]
            if multiple:
                self.data.setdefault(name, values)
            elif values:
                self.add(name, values[0])
            self.select = None
        elif tag == "textarea" and self.textarea:
            name, text = self.textarea
            # Browsers drop the newline that follows <textarea>.
            self.add(name, text.removeprefix("\n"))
            self.textarea = None


def form_data(response):
    reader = _FormReader()
    reader.feed(response.content.decode())
    return reader.data


def add_inline_row(data, prefix, **fields):
    """Append a row to the inline formset ``prefix`` (e.g. "quotes").

    Like "Add another": a copy of the empty row, then the given fields.
    """
    index = int(data["%s-TOTAL_FORMS" % prefix])
    data["%s-TOTAL_FORMS" % prefix] = str(index + 1)
    template = "%s-__prefix__-" % prefix
    for name, value in data.templates.items():
        if name.startswith(template):
            data[name.replace("__prefix__", str(index))] = value
    for name, value in fields.items():
        data["%s-%d-%s" % (prefix, index, name)] = value
    return index


def errors_of(response):
    """Every error on a re-rendered admin form, to explain a failed save."""
    context = response.context
    if context is None or "adminform" not in context:
        return None
    errors = {"form": context["adminform"].form.errors}
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        errors[formset.prefix] = [formset.non_form_errors(), *formset.errors]
    return errors


def png_upload(name="image.png"):
    """A small real PNG, as an editor would upload it."""
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "navy").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")
