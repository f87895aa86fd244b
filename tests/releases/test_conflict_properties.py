"""Nothing is lost silently, whatever the order of saves (a property test).

Two editors (the change form) and a translator (the translation workspace,
Swedish) open, change and save one release in random interleavings, on
random fields of the release and of its quotes and contacts, in English and
Swedish. After every save:

* a save that went through wrote every value its author typed, and changed
  nothing its author did not change (no stale value put back);
* a refused save changed nothing, told its author so, and was refused for a
  reason: someone else changed one of the same fields (for the translator,
  or its English source) since the form was opened;
* a save none of whose fields anyone else changed meanwhile goes through.
"""

import itertools

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from releases.models import PressRelease
from tests.admin_forms import form_data
from tests.factories import make_contact, make_draft, make_speaker
from tests.translations.conftest import make_translator

pytestmark = pytest.mark.django_db

#: A unit is (kind, row index, field, language); kind "release", "quotes" or
#: "contacts".
RELEASE_FIELDS = ("title", "lead")
QUOTE_FIELDS = ("quote",)
CONTACT_FIELDS = ("role",)
ROWS = {"quotes": 2, "contacts": 1}
LANGUAGES = ("en", "sv")

UNITS = [
    *(("release", 0, name, language) for name in RELEASE_FIELDS for language in LANGUAGES),
    *(
        (kind, index, name, language)
        for kind, fields in (("quotes", QUOTE_FIELDS), ("contacts", CONTACT_FIELDS))
        for index in range(ROWS[kind])
        for name in fields
        for language in LANGUAGES
    ),
]  # fmt: skip
SV_UNITS = [unit for unit in UNITS if unit[3] == "sv"]
ACTORS = ("anna", "bo", "translator")

_values = itertools.count(1)


def _setup():
    release = make_draft(title_en="Title", lead_en="Lead.", title_sv="", lead_sv="")
    for position in range(ROWS["quotes"]):
        speaker = make_speaker(name="Speaker P%d" % position)
        release.quotes.create(
            speaker=speaker, quote_en="Quote %d." % position, position=position
        )
    for position in range(ROWS["contacts"]):
        make_contact(release, name="Officer %d" % position, position=position)
    users = {}
    for name in ("anna", "bo"):
        users[name] = get_user_model().objects.create_superuser(
            name, "%s@example.eu" % name, "x", first_name=name.title()
        )
    users["translator"] = make_translator("translator")
    clients = {}
    for name, user in users.items():
        clients[name] = Client()
        clients[name].force_login(user)
    return release, clients


def _rows(release, kind):
    return list(getattr(release, kind).order_by("position", "pk"))


def snapshot(release):
    """{unit: value} as stored."""
    release = PressRelease.objects.get(pk=release.pk)
    found = {}
    for unit in UNITS:
        kind, index, name, language = unit
        obj = release if kind == "release" else _rows(release, kind)[index]
        found[unit] = getattr(obj, "%s_%s" % (name, language)) or ""
    return found


def change_form_key(release, unit):
    kind, index, name, language = unit
    if kind == "release":
        return "%s_%s" % (name, language)
    return "%s-%d-%s_%s" % (kind, index, name, language)


def workspace_key(release, unit):
    kind, index, name, _language = unit
    obj = release if kind == "release" else _rows(release, kind)[index]
    return "%s-%d-%s" % (obj._meta.model_name, obj.pk, name)


def change_url(release):
    return reverse("admin:releases_pressrelease_change", args=(release.pk,))


def workspace_url(release):
    return reverse(
        "admin:translations_editor",
        kwargs={"model": "pressrelease", "pk": release.pk, "language": "sv"},
    )


def source_of(unit):
    kind, index, name, _language = unit
    return (kind, index, name, "en")


def _step(release, clients, opened, actor, action, units):
    before = snapshot(release)
    if action == "open" or actor not in opened:
        url = workspace_url(release) if actor == "translator" else change_url(release)
        opened[actor] = (form_data(clients[actor].get(url)), before)
        return
    data, seen = opened.pop(actor)
    if actor == "translator":
        units = [unit for unit in units if unit in SV_UNITS]
    typed = {unit: "%s %d" % (actor, next(_values)) for unit in units}
    if not typed:
        return
    for unit, value in typed.items():
        if actor == "translator":
            data[workspace_key(release, unit)] = value
        else:
            data[change_form_key(release, unit)] = value
    if actor == "translator":
        data["_save"] = "1"
        response = clients[actor].post(workspace_url(release), data)
    else:
        response = clients[actor].post(change_url(release), data)
    after = snapshot(release)

    # Changed since the form was opened by someone else, for each typed unit.
    def moved(unit):
        watched = [unit, source_of(unit)] if actor == "translator" else [unit]
        return any(seen[each] != before[each] for each in watched)

    clashes = [unit for unit in typed if moved(unit)]
    if response.status_code == 302:
        for unit in UNITS:
            expected = typed.get(unit, before[unit])
            assert after[unit] == expected, (actor, unit, typed, seen, before)
        return
    assert response.status_code == 200
    assert after == before, (actor, typed)
    assert clashes, ("refused without a clash", actor, typed, seen, before)
    page = response.content.decode()
    assert "Not saved" in page


OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(ACTORS),
        st.sampled_from(("open", "save", "save")),
        st.lists(st.sampled_from(UNITS), min_size=1, max_size=3, unique=True),
    ),
    min_size=3,
    max_size=9,
)


@settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=OPERATIONS)
def test_every_change_lands_or_its_author_is_told_it_was_refused(operations):
    # A savepoint per example, rolled back: each example starts afresh.
    with transaction.atomic():
        release, clients = _setup()
        opened = {}
        for actor, action, units in operations:
            _step(release, clients, opened, actor, action, units)
        transaction.set_rollback(True)
