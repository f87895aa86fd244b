"""Two people saving one change form's inlines: every inline of every admin
(quotes, contacts and images of a release, areas of work of a partnership)
is merged row by row and field by field, and refused only where both changed
the same field of the same row, or one deleted a row the other changed.

Each test opens the form in two sessions, saves both, and reads the database.
"""

from dataclasses import dataclass

import pytest
from django.contrib import admin
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from history.admin import RevisionAdmin
from history.revisions import _follow
from partnerships.models import Partnership
from releases.models import (
    PressContact,
    PressRelease,
    PressReleaseSpeaker,
    ReleaseImage,
)
from tests import images as samples
from tests.admin_forms import add_inline_row, form_data
from tests.factories import make_area, make_draft, make_partnership, make_speaker
from tests.releases.test_conflicts import (
    _client,
    change_url,
    form_errors,
    messages_of,
    open_form,
    save,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def anna(django_user_model):
    return _client(django_user_model, "anna", "Anna", "Lind")


@pytest.fixture
def bo(django_user_model):
    return _client(django_user_model, "bo", "Bo", "Berg")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@dataclass
class Kind:
    """An inline: how to make its parent and a row, and two fields of a row."""

    prefix: str
    model: type
    parent: object
    row: object
    a: str
    b: str
    title: str
    new_row: object

    def rows(self, parent):
        return getattr(parent, self.prefix).order_by("pk")

    def values(self, parent, name):
        return [getattr(row, name) for row in self.rows(parent)]


def _release():
    # To the second, as the admin's time field posts it: a first save then
    # changes nothing of the release itself, as in daily use.
    return make_draft(published_at=timezone.now().replace(microsecond=0))


def _quote(release, n):
    speaker = make_speaker(name="Speaker Q%d" % n)
    return PressReleaseSpeaker.objects.create(
        release=release, speaker=speaker, quote_en="Quote %d." % n, position=n
    )


def _new_quote(n):
    return {"speaker": str(make_speaker(name="New Speaker%d" % n).pk)}


def _contact(release, n):
    return PressContact.objects.create(
        release=release, name="Officer %d" % n, email="o%d@example.eu" % n, position=n
    )


def _new_contact(n):
    return {"name": "New officer %d" % n, "email": "new%d@example.eu" % n}


def _image(release, n):
    return ReleaseImage.objects.create(
        release=release,
        image=ContentFile(samples.image_bytes(), name="picture%d.png" % n),
        alt_en="Picture %d" % n,
        position=n,
    )


def _new_image(n):
    return {
        "image": samples.upload(samples.image_bytes(), "new%d.png" % n, "image/png"),
        "alt_en": "New picture %d" % n,
    }


def _area(partnership, n):
    return make_area(partnership, title_en="Area %d" % n, position=n)


def _new_area(n):
    return {"title_en": "New area %d" % n}


KINDS = {
    "quotes": Kind(
        "quotes", PressReleaseSpeaker, _release, _quote, "quote_en", "quote_sv",
        "title_en", _new_quote,
    ),
    "contacts": Kind(
        "contacts", PressContact, _release, _contact, "name", "role_sv",
        "title_en", _new_contact,
    ),
    "images": Kind(
        "images", ReleaseImage, _release, _image, "alt_en", "caption_sv",
        "title_en", _new_image,
    ),
    "areas": Kind(
        "areas", Partnership.areas.rel.related_model, make_partnership, _area,
        "title_en", "title_sv", "name_en", _new_area,
    ),
}  # fmt: skip


@pytest.fixture(params=KINDS, ids=str)
def kind(request):
    return KINDS[request.param]


def field(kind, index, name):
    return "%s-%d-%s" % (kind.prefix, index, name)


def reload(parent):
    return type(parent).objects.get(pk=parent.pk)


# Every inline is covered --------------------------------------------------------


def test_every_inline_of_every_admin_is_kept_with_its_objects_versions():
    """What the conflict check merges is what versions keep: derived from the
    admin's inlines, so an inline added later is covered without a list."""
    checked = 0
    for model, model_admin in admin.site._registry.items():
        if not isinstance(model_admin, RevisionAdmin):
            continue
        for inline in model_admin.inlines:
            relation = inline.model._meta.get_field(
                inline.fk_name
                or next(
                    f.name
                    for f in inline.model._meta.fields
                    if f.is_relation and f.related_model is model
                )
            ).remote_field.get_accessor_name()
            assert relation in _follow(model), (model, relation)
            checked += 1
    assert checked >= len(KINDS)


# Merged -------------------------------------------------------------------------


def test_an_untouched_row_of_a_stale_form_does_not_overwrite_a_newer_value(
    kind, anna, bo
):
    """The worst case: B changes only the title, and A's row change stays."""
    parent = kind.parent()
    kind.row(parent, 0)
    annas, bos = open_form(anna, parent), open_form(bo, parent)
    annas[field(kind, 0, kind.a)] = "Anna's value"
    save(anna, parent, annas)

    bos[kind.title] = "Bo's title"
    response = save(bo, parent, bos)

    parent = reload(parent)
    assert getattr(parent, kind.title) == "Bo's title"
    assert kind.values(parent, kind.a) == ["Anna's value"]
    (message,) = [m for m in messages_of(response) if m.startswith("Others saved")]
    assert "Anna Lind (anna)" in message


def test_changes_to_different_rows_are_merged(kind, anna, bo):
    parent = kind.parent()
    kind.row(parent, 0), kind.row(parent, 1)
    annas, bos = open_form(anna, parent), open_form(bo, parent)
    annas[field(kind, 0, kind.a)] = "Anna's first row"
    save(anna, parent, annas)

    bos[field(kind, 1, kind.a)] = "Bo's second row"
    save(bo, parent, bos)

    assert kind.values(parent, kind.a) == ["Anna's first row", "Bo's second row"]


def test_changes_to_different_fields_of_one_row_are_merged(kind, anna, bo):
    parent = kind.parent()
    kind.row(parent, 0)
    annas, bos = open_form(anna, parent), open_form(bo, parent)
    annas[field(kind, 0, kind.a)] = "Anna's field"
    save(anna, parent, annas)

    bos[field(kind, 0, kind.b)] = "Bos fält"
    save(bo, parent, bos)

    (row,) = kind.rows(parent)
    assert (getattr(row, kind.a), getattr(row, kind.b)) == ("Anna's field", "Bos fält")


def test_rows_added_by_both_are_both_kept(kind, anna, bo):
    parent = kind.parent()
    kind.row(parent, 0)
    annas, bos = open_form(anna, parent), open_form(bo, parent)
    add_inline_row(annas, kind.prefix, position="1", **kind.new_row(1))
    save(anna, parent, annas)

    add_inline_row(bos, kind.prefix, position="2", **kind.new_row(2))
    bos[field(kind, 0, kind.b)] = "Bos ändring"
    save(bo, parent, bos)

    rows = list(kind.rows(parent))
    assert len(rows) == 3
    assert getattr(rows[0], kind.b) == "Bos ändring"
    assert [row.position for row in rows] == [0, 1, 2]


def test_a_row_deleted_by_one_and_untouched_by_the_other_stays_deleted(kind, anna, bo):
    parent = kind.parent()
    kind.row(parent, 0), kind.row(parent, 1)
    annas, bos = open_form(anna, parent), open_form(bo, parent)
    annas[field(kind, 0, "DELETE")] = "on"
    save(anna, parent, annas)

    bos[kind.title] = "Bo's title"
    bos[field(kind, 1, kind.a)] = "Bo's second row"
    save(bo, parent, bos)

    parent = reload(parent)
    assert getattr(parent, kind.title) == "Bo's title"
    assert kind.values(parent, kind.a) == ["Bo's second row"]


def test_a_row_deleted_by_both_is_deleted(kind, anna, bo):
    parent = kind.parent()
    kind.row(parent, 0)
    annas, bos = open_form(anna, parent), open_form(bo, parent)
    annas[field(kind, 0, "DELETE")] = "on"
    save(anna, parent, annas)
    bos[field(kind, 0, "DELETE")] = "on"

    save(bo, parent, bos)

    assert not kind.rows(parent).exists()


# Refused ------------------------------------------------------------------------


def test_the_same_field_of_the_same_row_is_refused_showing_both_values(kind, anna, bo):
    parent = kind.parent()
    kind.row(parent, 0)
    annas, bos = open_form(anna, parent), open_form(bo, parent)
    annas[field(kind, 0, kind.a)] = "Anna's value"
    save(anna, parent, annas)
    bos[field(kind, 0, kind.a)] = "Bo's value"
    bos[kind.title] = "Bo's title"

    response = bo.post(change_url(parent), bos)

    assert response.status_code == 200
    parent = reload(parent)
    assert kind.values(parent, kind.a) == ["Anna's value"]
    assert getattr(parent, kind.title) != "Bo's title"
    (message,) = form_errors(response)[0]
    assert message.startswith("Not saved: while you were editing")
    assert "Anna Lind (anna)" in message
    heading = str(kind.model._meta.verbose_name_plural).capitalize()
    assert heading in message
    # What Bo typed is still there; Anna's value is shown beside the field.
    again = form_data(response)
    assert again[field(kind, 0, kind.a)] == "Bo's value"
    assert again[kind.title] == "Bo's title"
    (formset,) = [
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == kind.prefix
    ]
    (error,) = formset.forms[0].errors[kind.a]
    assert error.startswith("Changed meanwhile by Anna Lind (anna)")
    assert "“Anna's value”" in error

    # Saying so keeps Bo's.
    again["_overwrite_version"] = str(response.context["edit_conflict"].latest.pk)
    save(bo, parent, again)
    assert kind.values(parent, kind.a) == ["Bo's value"]


def test_a_row_deleted_by_one_and_changed_by_the_other_is_refused(kind, anna, bo):
    parent = kind.parent()
    kind.row(parent, 0)
    annas, bos = open_form(anna, parent), open_form(bo, parent)
    annas[field(kind, 0, "DELETE")] = "on"
    save(anna, parent, annas)
    bos[field(kind, 0, kind.a)] = "Bo's value"

    response = bo.post(change_url(parent), bos)

    assert response.status_code == 200
    assert not kind.rows(parent).exists()
    (message,) = form_errors(response)[0]
    assert "deleted by Anna Lind (anna), changed by you" in message
    # Bo's typing comes back as a new row; saving it adds the row again.
    again = form_data(response)
    assert again["%s-INITIAL_FORMS" % kind.prefix] == "0"
    assert again[field(kind, 0, kind.a)] == "Bo's value"
    assert "Deleted meanwhile by Anna Lind (anna)" in response.content.decode()
    if kind.prefix == "images":
        # A browser cannot send back a chosen file: the form asks for it.
        again[field(kind, 0, "image")] = samples.upload(
            samples.image_bytes(), "again.png", "image/png"
        )
    save(bo, parent, again)
    assert kind.values(parent, kind.a) == ["Bo's value"]


def test_a_row_changed_by_one_and_deleted_by_the_other_is_refused(kind, anna, bo):
    parent = kind.parent()
    kind.row(parent, 0)
    annas, bos = open_form(anna, parent), open_form(bo, parent)
    annas[field(kind, 0, kind.a)] = "Anna's value"
    save(anna, parent, annas)
    bos[field(kind, 0, "DELETE")] = "on"

    response = bo.post(change_url(parent), bos)

    assert response.status_code == 200
    assert kind.values(parent, kind.a) == ["Anna's value"]
    (message,) = form_errors(response)[0]
    assert "changed by Anna Lind (anna), deleted by you" in message
    assert form_data(response)[field(kind, 0, "DELETE")] == "on"


def test_a_refused_form_saved_again_keeps_rows_others_added_meanwhile(kind, anna, bo):
    parent = kind.parent()
    kind.row(parent, 0)
    annas, bos = open_form(anna, parent), open_form(bo, parent)
    annas[field(kind, 0, kind.a)] = "Anna's value"
    add_inline_row(annas, kind.prefix, position="1", **kind.new_row(1))
    save(anna, parent, annas)
    bos[field(kind, 0, kind.a)] = "Bo's value"
    refused = bo.post(change_url(parent), bos)
    assert refused.status_code == 200

    again = form_data(refused)
    again[field(kind, 0, kind.a)] = "Anna's value"  # Bo gives way
    again[field(kind, 1, kind.b)] = "Bo på Annas rad"
    save(bo, parent, again)

    rows = list(kind.rows(parent))
    assert [getattr(row, kind.a) for row in rows][0] == "Anna's value"
    assert getattr(rows[1], kind.b) == "Bo på Annas rad"


def test_a_forged_row_of_another_release_is_left_alone(anna, bo):
    """Rows are matched by their own id: a forged row of another release is no
    row of this one."""
    release, other = make_draft(), make_draft()
    _quote(release, 0)
    foreign = _quote(other, 1)
    annas, bos = open_form(anna, release), open_form(bo, release)
    annas["title_en"] = "Anna's title"
    save(anna, release, annas)
    bos["quotes-0-id"] = str(foreign.pk)
    bos["quotes-0-quote_en"] = "Hijacked"

    bo.post(change_url(release), bos)

    assert PressReleaseSpeaker.objects.get(pk=foreign.pk).quote_en == "Quote 1."
    assert PressRelease.objects.get(pk=release.pk).title_en == "Anna's title"


def test_a_translators_workspace_save_of_an_inline_row_is_not_put_back(
    anna, django_user_model
):
    """The translator saves only a quote's Swedish (the release's own columns
    stay the same); the editor's stale form, saved with a new title, keeps it."""
    from tests.translations.conftest import make_translator

    release = _release()
    quote = _quote(release, 0)
    annas = open_form(anna, release)
    translator = Client()
    translator.force_login(make_translator("translator"))
    url = reverse(
        "admin:translations_editor",
        kwargs={"model": "pressrelease", "pk": release.pk, "language": "sv"},
    )
    data = form_data(translator.get(url))
    data["pressreleasespeaker-%d-quote" % quote.pk] = "Citat på svenska."
    data["_save"] = "1"
    assert translator.post(url, data).status_code == 302

    annas["title_en"] = "Anna's title"
    save(anna, release, annas)

    quote.refresh_from_db()
    assert quote.quote_sv == "Citat på svenska."
    assert PressRelease.objects.get(pk=release.pk).title_en == "Anna's title"
