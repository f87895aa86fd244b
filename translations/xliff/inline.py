"""Inline codes in XLIFF 1.2 and 2.0: written from segments, read back.

Written: XLIFF 1.2 ``<g id>`` (paired) and ``<x id/>`` (standalone) with a
``ctype``; XLIFF 2.0 ``<pc id>`` and ``<ph id/>`` with ``type``/``subType``
and ``dataRef`` attributes pointing at the unit's ``<originalData>``, which
shows translators the HTML each code stands for.

Read: the same, and the other spellings tools use for the same thing
(1.2 ``<bpt>``/``<ept>``, ``<bx/>``/``<ex/>``, ``<ph>``; 2.0 ``<sc/>``/``<ec/>``),
into ``Span`` and ``Mark`` nodes. Annotations (``<mrk>``) are read through.
Whatever a file says about a code's native data is ignored: the HTML comes
from today's source, by code id.
"""

from xml.etree import ElementTree as ET

from django.utils.translation import gettext_lazy as _

from translations.xliff.segments import Mark, Span

XLIFF12 = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF12_NAMESPACES = (XLIFF12, "urn:oasis:names:tc:xliff:document:1.1")
XLIFF20 = "urn:oasis:names:tc:xliff:document:2.0"
METADATA = "urn:oasis:names:tc:xliff:metadata:2.0"
#: Our own attributes in XLIFF 1.2 (which, unlike 2.0, has no metadata module).
NEWSROOM = "urn:x-newsroom:xliff:1"
XML = "http://www.w3.org/XML/1998/namespace"

ET.register_namespace("mda", METADATA)
ET.register_namespace("nr", NEWSROOM)

#: XLIFF 1.2 ctype of each HTML element (1.2 spec, section 4.1 and x- values).
CTYPES_12 = {
    "strong": "bold",
    "b": "bold",
    "em": "italic",
    "i": "italic",
    "u": "underlined",
    "a": "link",
    "br": "lb",
}

#: XLIFF 2.0 type and subType of each HTML element.
TYPES_20 = {
    "strong": ("fmt", "xlf:b"),
    "b": ("fmt", "xlf:b"),
    "em": ("fmt", "xlf:i"),
    "i": ("fmt", "xlf:i"),
    "u": ("fmt", "xlf:u"),
    "br": ("fmt", "xlf:lb"),
    "a": ("link", None),
    "q": ("quote", None),
}


class InlineError(ValueError):
    """Inline content that cannot be read as text and codes."""


def q(namespace, tag):
    return "{%s}%s" % (namespace, tag)


def _append_text(parent, text):
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


# Writing -------------------------------------------------------------------


def write_12(parent, nodes, codes):
    """Append ``nodes`` to ``parent`` (a <source> or <target>) as XLIFF 1.2."""
    for node in nodes:
        if isinstance(node, str):
            _append_text(parent, node)
            continue
        code = codes[node.id]
        ctype = CTYPES_12.get(code.tag, "x-html-%s" % code.tag)
        if isinstance(node, Span):
            element = ET.SubElement(parent, q(XLIFF12, "g"), id=node.id, ctype=ctype)
            write_12(element, node.children, codes)
        else:
            ET.SubElement(parent, q(XLIFF12, "x"), id=node.id, ctype=ctype)


def write_20(parent, nodes, codes):
    """Append ``nodes`` to ``parent`` as XLIFF 2.0 (see ``original_data``)."""
    for node in nodes:
        if isinstance(node, str):
            _append_text(parent, node)
            continue
        code = codes[node.id]
        kind, sub_type = TYPES_20.get(code.tag, ("fmt", None))
        attrs = {"id": node.id, "type": kind}
        if sub_type:
            attrs["subType"] = sub_type
        if isinstance(node, Span):
            attrs.update(dataRefStart="o%s" % node.id, dataRefEnd="c%s" % node.id)
            element = ET.SubElement(parent, q(XLIFF20, "pc"), attrs)
            write_20(element, node.children, codes)
        else:
            attrs["dataRef"] = "o%s" % node.id
            ET.SubElement(parent, q(XLIFF20, "ph"), attrs)


def original_data(unit, codes):
    """An XLIFF 2.0 <originalData> for ``codes`` in ``unit``; None if none."""
    if not codes:
        return None
    element = ET.SubElement(unit, q(XLIFF20, "originalData"))
    for code in codes.values():
        ET.SubElement(
            element, q(XLIFF20, "data"), id="o%s" % code.id
        ).text = code.open_html()
        if code.paired:
            ET.SubElement(
                element, q(XLIFF20, "data"), id="c%s" % code.id
            ).text = code.close_html()
    return element


# Reading -------------------------------------------------------------------

_START, _END, _SINGLE = "start", "end", "single"


def read(element, namespace):
    """The text and codes of ``element`` (a <source> or <target>) as nodes.

    Raises InlineError, with a message for people, for content that is not
    well-formed text and codes: an element that is not an inline code,
    codes that overlap, a start without its end.
    """
    events = []
    _events(element, namespace, events)
    root = Span("", [])
    stack = [root]
    for kind, value in events:
        if kind == "text":
            children = stack[-1].children
            if children and isinstance(children[-1], str):
                children[-1] += value
            else:
                children.append(value)
        elif kind == _SINGLE:
            stack[-1].children.append(Mark(value))
        elif kind == _START:
            span = Span(value, [])
            stack[-1].children.append(span)
            stack.append(span)
        else:
            if len(stack) == 1 or stack[-1].id != value:
                raise InlineError(
                    _(
                        "inline code %(id)s ends where it did not start, or overlaps another"
                    )
                    % {"id": value}
                )
            stack.pop()
    if len(stack) > 1:
        raise InlineError(
            _("inline code %(id)s starts but never ends") % {"id": stack[-1].id}
        )
    return root.children


def _events(element, namespace, events):
    if element.text:
        events.append(("text", element.text))
    for child in element:
        # Comments and processing instructions are not content (the parser
        # drops them; a tree built otherwise may hold them).
        if isinstance(child.tag, str):
            _child_events(child, namespace, events)
        if child.tail:
            events.append(("text", child.tail))


def _required_id(child, attribute="id"):
    value = child.get(attribute)
    if not value:
        raise InlineError(
            _("an inline <%(tag)s> has no %(attribute)s")
            % {"tag": _local(child.tag), "attribute": attribute}
        )
    return value


def _local(tag):
    return tag.rsplit("}", 1)[-1]


def _child_events(child, namespace, events):
    if not child.tag.startswith("{%s}" % namespace):
        raise InlineError(
            _("unexpected element <%(tag)s> in the text") % {"tag": _local(child.tag)}
        )
    tag = _local(child.tag)
    if namespace in XLIFF12_NAMESPACES:
        if tag == "g":
            code_id = _required_id(child)
            events.append((_START, code_id))
            _events(child, namespace, events)
            events.append((_END, code_id))
        elif tag in ("x", "ph"):
            events.append((_SINGLE, _required_id(child)))
        elif tag in ("bpt", "bx"):
            events.append((_START, child.get("rid") or _required_id(child)))
        elif tag in ("ept", "ex"):
            events.append((_END, child.get("rid") or _required_id(child)))
        elif tag == "mrk":
            _events(child, namespace, events)
        else:
            raise _unexpected(tag)
    else:
        if tag == "pc":
            code_id = _required_id(child)
            events.append((_START, code_id))
            _events(child, namespace, events)
            events.append((_END, code_id))
        elif tag == "ph":
            events.append((_SINGLE, _required_id(child)))
        elif tag == "sc":
            if child.get("isolated") == "yes":
                raise _unexpected(tag)
            events.append((_START, _required_id(child)))
        elif tag == "ec":
            if child.get("isolated") == "yes":
                raise _unexpected(tag)
            events.append((_END, _required_id(child, "startRef")))
        elif tag == "mrk":
            _events(child, namespace, events)
        elif tag in ("sm", "em"):
            pass
        elif tag == "cp":
            try:
                events.append(("text", chr(int(child.get("hex", ""), 16))))
            except ValueError as error:
                raise _unexpected(tag) from error
        else:
            raise _unexpected(tag)


def _unexpected(tag):
    return InlineError(_("unexpected element <%(tag)s> in the text") % {"tag": tag})
