"""The permission matrix: each role against each admin view and each field.

Roles: a superuser, a publisher, a Swedish and a German
translator (the Translators group and a profile), a staff member in no group,
an anonymous visitor. Translators are taken through every kind of field:
their own language's columns save; anything else (the source language,
another language, dates, status, relations, slugs, references, images,
inline rows' people and addresses, adding or deleting rows), sent by a
forged POST built from the form they were shown, is refused with 403 and
leaves the database exactly as it was.

Users and content are made once for the module, inside a transaction that
is rolled back at the end; each test runs in a savepoint of its own.
"""

import re

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import models, transaction
from django.urls import reverse

from history.revisions import ensure_current_revision, record
from partnerships.models import AreaOfWork, Organisation, Partnership
from releases.models import (
    PressContact,
    PressRelease,
    PressReleaseSpeaker,
    ReleaseImage,
    Speaker,
    Topic,
)
from releases.roles import (
    PUBLISHERS,
    RETIRED_COMMUNICATIONS,
    TRANSLATORS,
    role_permissions,
    sync_roles,
)
from tests.admin_forms import add_inline_row, errors_of, form_data, png_upload
from tests.factories import (
    make_area,
    make_contact,
    make_draft,
    make_organisation,
    make_partnership,
    make_release,
    make_speaker,
    make_topic,
)
from translations.models import TranslatorProfile
from translations.permissions import all_fields, editable_fields, translated_fields
from translations.xliff.export import export_releases

pytestmark = pytest.mark.django_db

User = get_user_model()

ROLES = ("superuser", "editor", "translator_sv", "translator_de", "staff", "anonymous")
TRANSLATORS_BY_LANGUAGE = {"sv": "translator_sv", "de": "translator_de"}
MODELS = {
    "release": PressRelease,
    "topic": Topic,
    "speaker": Speaker,
    "organisation": Organisation,
    "partnership": Partnership,
}

#: The inlines of each object, by formset prefix.
INLINES = {
    "release": {
        "quotes": PressReleaseSpeaker,
        "contacts": PressContact,
        "images": ReleaseImage,
    },
    "partnership": {"areas": AreaOfWork},
}


def translatable(model):
    """What a translator may write on an object, as form names without the
    language: the translated fields of the model and of its inlines (row 0)."""
    names = set(translated_fields(MODELS[model]))
    for prefix, inline_model in INLINES.get(model, {}).items():
        names |= {"%s-0-%s" % (prefix, f) for f in translated_fields(inline_model)}
    return names


# The world: users and content, made once -------------------------------------


def _user(username, *, group=None, languages=None, **extra):
    user = User.objects.create_user(username, "%s@example.eu" % username, **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    if languages:
        TranslatorProfile.objects.create(user=user, languages=list(languages))
    return user


def _build_world():
    sync_roles()
    users = {
        "superuser": _user("root", is_staff=True, is_superuser=True),
        "editor": _user("editor", is_staff=True, group=PUBLISHERS),
        "translator_sv": _user(
            "sven", is_staff=True, group=TRANSLATORS, languages=["sv"]
        ),
        "translator_de": _user(
            "dora", is_staff=True, group=TRANSLATORS, languages=["de"]
        ),
        "staff": _user("stan", is_staff=True),
        "anonymous": None,
    }
    organisation = make_organisation(
        name_sv="Regionkommittén",
        name_de="Ausschuss der Regionen DE-TEXT",
        acronym_en="CoR",
        acronym_de="AdR",
    )
    topic = make_topic(
        name_de="Kohäsion DE-TEXT", name_sv="Sammanhållning", description_en="About."
    )
    speaker = make_speaker(
        organisation=organisation, country="SE", role_de="Mitglied DE-TEXT"
    )
    partnership = make_partnership(
        name_de="Partnerschaft DE-TEXT", description_en="Working together."
    )
    partnership.partners.add(organisation)
    make_area(partnership, title_de="Bereich DE-TEXT")
    related = make_release()
    release = make_draft(
        title_de="Deutscher Titel DE-TEXT",
        title_sv="Svensk titel",
        topics=[topic],
        speakers=[speaker],
        tags=["cohesion"],
        partnership=partnership,
    )
    release.related.add(related)
    quote = release.quotes.get()
    quote.quote_en, quote.quote_de = "We act.", "Wir handeln. DE-TEXT"
    quote.save()
    make_contact(release, role_de="Sprecherin DE-TEXT")
    ReleaseImage.objects.create(
        release=release,
        image=png_upload(),
        alt_en="A map of Europe",
        caption_en="Regions",
    )
    return {
        "users": users,
        "objects": {
            "release": release,
            "topic": topic,
            "speaker": speaker,
            "organisation": organisation,
            "partnership": partnership,
        },
        # What forged POSTs point relations at.
        "other": {
            "topic": make_topic(),
            "speaker": make_speaker(),
            "organisation": make_organisation(),
            "partnership": make_partnership(),
            "release": related,
        },
        "swedish_release": make_draft(
            original_language="sv", title_en="", title_sv="Skrivet på svenska"
        ),
    }


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield _build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def as_role(client, world):
    """Log the client in as a role; returns the client."""

    def login(role):
        client.logout()
        if world["users"][role] is not None:
            client.force_login(world["users"][role])
        return client

    return login


def admin_url(model, view, *args):
    opts = MODELS[model]._meta
    return reverse(
        "admin:%s_%s_%s" % (opts.app_label, opts.model_name, view), args=args
    )


def change_url(world, model):
    return admin_url(model, "change", world["objects"][model].pk)


# What "nothing changed" means ---------------------------------------------------


def _value(field, instance):
    value = field.value_from_object(instance)
    return value.name if isinstance(value, models.fields.files.FieldFile) else value


def snapshot(obj):
    """Every stored value of ``obj``, its relations and its parts' rows."""
    obj = type(obj)._base_manager.get(pk=obj.pk)
    state = {f.attname: _value(f, obj) for f in obj._meta.concrete_fields}
    for field in obj._meta.many_to_many:
        state[field.name] = sorted(
            getattr(obj, field.name).values_list("pk", flat=True)
        )
    for relation in obj._meta.related_objects:
        if relation.related_model._meta.app_label == "search":
            # Search documents are derived, rewritten by every save: not
            # something anyone edited.
            continue
        if relation.one_to_many and relation.on_delete is models.CASCADE:
            rows = getattr(obj, relation.get_accessor_name()).all()
            state[relation.name] = sorted(row.pk for row in rows)
            for row in rows:
                for f in row._meta.concrete_fields:
                    state["%s.%s.%s" % (relation.name, row.pk, f.attname)] = _value(
                        f, row
                    )
    return state


def fresh(obj):
    """``obj`` read again: the module's objects are shared, never changed."""
    return type(obj)._base_manager.get(pk=obj.pk)


def changed_keys(before, after):
    return {
        key for key in before.keys() | after.keys() if before.get(key) != after.get(key)
    }


def assert_refused(client, url, data, obj, **kwargs):
    before, entries = snapshot(obj), LogEntry.objects.count()
    response = client.post(url, data, **kwargs)
    assert response.status_code == 403, errors_of(response)
    assert changed_keys(before, snapshot(obj)) == set()
    assert LogEntry.objects.count() == entries


# Roles --------------------------------------------------------------------------


def test_publishers_hold_every_content_permission_and_publishing(world):
    groups = sync_roles()
    held = {
        (p.content_type.app_label, p.codename)
        for p in groups[PUBLISHERS].permissions.select_related("content_type")
    }
    assert held == set(role_permissions()[PUBLISHERS])
    assert ("releases", "publish_pressrelease") in held
    for model in MODELS.values():
        for action in ("add", "change", "delete", "view"):
            assert (
                model._meta.app_label,
                "%s_%s" % (action, model._meta.model_name),
            ) in held


def test_translators_may_only_view_the_translated_content(world):
    codenames = set(
        Group.objects.get(name=TRANSLATORS).permissions.values_list(
            "codename", flat=True
        )
    )
    assert codenames == {
        "view_pressrelease",
        "view_pressreleasespeaker",
        "view_presscontact",
        "view_releaseimage",
        "view_topic",
        "view_speaker",
        "view_organisation",
        "view_partnership",
        "view_areaofwork",
    }


def test_sync_roles_is_idempotent_and_keeps_permissions_given_by_hand(world):
    translators = Group.objects.get(name=TRANSLATORS)
    by_hand = Group.objects.get(name=PUBLISHERS).permissions.get(codename="view_tag")
    translators.permissions.add(by_hand)
    count = translators.permissions.count()

    sync_roles()
    sync_roles()

    assert Group.objects.filter(name__in=[TRANSLATORS, PUBLISHERS]).count() == 2
    assert translators.permissions.count() == count


def test_the_old_communications_group_is_folded_into_publishers(world):
    """Issue 3's editors' group duplicated Publishers: its members move."""
    old = Group.objects.create(name=RETIRED_COMMUNICATIONS)
    member = _user("comms", is_staff=True)
    member.groups.add(old)

    groups = sync_roles()

    assert not Group.objects.filter(name=RETIRED_COMMUNICATIONS).exists()
    assert groups[PUBLISHERS].user_set.filter(pk=member.pk).exists()
    assert member.has_perm("releases.publish_pressrelease")


def test_an_editor_with_a_translator_profile_is_still_an_editor(world):
    editor = world["users"]["editor"]
    TranslatorProfile.objects.create(user=editor, languages=["sv"])
    editor = User.objects.get(pk=editor.pk)

    assert editable_fields(editor, PressRelease) == all_fields(PressRelease)


# Views × roles ------------------------------------------------------------------

VIEWS = ("changelist", "add", "change", "delete", "history")
TRANSLATOR_VIEWS = {
    "changelist": 200,
    "add": 403,
    "change": 200,
    "delete": 403,
    "history": 200,
}
EXPECTED_VIEWS = {
    "superuser": dict.fromkeys(VIEWS, 200),
    "editor": dict.fromkeys(VIEWS, 200),
    "translator_sv": TRANSLATOR_VIEWS,
    "translator_de": TRANSLATOR_VIEWS,
    "staff": dict.fromkeys(VIEWS, 403),
    # To the login page.
    "anonymous": dict.fromkeys(VIEWS, 302),
}


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_each_admin_view_as_expected(as_role, world, role, model):
    client = as_role(role)
    pk = world["objects"][model].pk
    urls = {
        "changelist": admin_url(model, "changelist"),
        "add": admin_url(model, "add"),
        "change": admin_url(model, "change", pk),
        "delete": admin_url(model, "delete", pk),
        "history": admin_url(model, "history", pk),
    }
    statuses = {view: client.get(url).status_code for view, url in urls.items()}
    assert statuses == EXPECTED_VIEWS[role]


# The translator's form ----------------------------------------------------------


def _fields_offered(data):
    """The posted names a person fills in: no ids, links or counters."""
    return {
        name
        for name in data
        if not name.startswith("_")
        and not re.search(
            r"-(id|release|partnership|(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS)$", name
        )
    }


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("language", ["sv", "de"])
def test_a_translator_is_offered_only_their_languages_text(
    as_role, world, language, model
):
    client = as_role(TRANSLATORS_BY_LANGUAGE[language])

    response = client.get(change_url(world, model))

    assert response.status_code == 200
    data = form_data(response)
    # No inline has the empty row that "Add another" copies.
    assert data.templates == {}
    assert _fields_offered(data) == {
        "%s_%s" % (name, language) for name in translatable(model)
    }
    page = response.content.decode()
    # Another language's text is not shown; nothing adds or deletes.
    assert ("DE-TEXT" in page) is (language == "de")
    assert admin_url(model, "delete", world["objects"][model].pk) not in page
    assert 'name="_addanother"' not in page
    assert 'name="_saveasnew"' not in page


def test_a_translator_sees_the_source_and_the_rest_read_only(as_role, world):
    client = as_role("translator_sv")
    release = world["objects"]["release"]

    response = client.get(change_url(world, "release"))

    page = response.content.decode()
    for text in (release.title_en, release.reference, "We act.", "Press Officer"):
        assert text in page
    # No workflow step is offered to a translator.
    assert "/workflow/" not in page
    # The source's rich text reads as text, not as tags.
    assert release.body_en in page
    assert "&lt;p&gt;" not in page


def test_a_release_written_in_the_translators_language_is_view_only(as_role, world):
    client = as_role("translator_sv")
    release = world["swedish_release"]
    url = admin_url("release", "change", release.pk)

    response = client.get(url)

    assert response.status_code == 200
    assert _fields_offered(form_data(response)) == set()
    assert_refused(client, url, {"title_sv": "Ändrad"}, release)


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("language", ["sv", "de"])
def test_a_translator_saves_their_languages_text_and_nothing_else(
    as_role, world, language, model
):
    client = as_role(TRANSLATORS_BY_LANGUAGE[language])
    obj = world["objects"][model]
    url = change_url(world, model)
    data = form_data(client.get(url))
    for name in translatable(model):
        data["%s_%s" % (name, language)] = "Ny text %s" % name
    before = snapshot(obj)

    response = client.post(url, data)

    assert response.status_code == 302, errors_of(response)
    changed = changed_keys(before, snapshot(obj)) - {"updated_at"}
    assert changed, "nothing was saved"
    assert all(key.endswith("_%s" % language) for key in changed), changed
    assert len(changed) == len(translatable(model))


# Forged POSTs -------------------------------------------------------------------

#: (object, posted name, value): each a change the translator may not make.
#: A value "other:<model>" is the pk of another object of that model.
FORGED = [
    ("release", "title_en", "Hacked"),
    ("release", "title_de", "Gehackt"),
    ("release", "lead_fr", "Piraté"),
    ("release", "status", "published"),
    ("release", "published_at_0", "2030-01-01"),
    ("release", "topics", "other:topic"),
    ("release", "tags", "hacked"),
    ("release", "partnership", "other:partnership"),
    ("release", "related", "other:release"),
    ("release", "slug", "hacked"),
    ("release", "reference", "HACK/1"),
    ("release", "original_language", "sv"),
    ("release", "kind", "news"),
    ("release", "quotes-0-speaker", "other:speaker"),
    ("release", "quotes-0-quote_en", "Hacked"),
    ("release", "quotes-0-role_de", "Gehackt"),
    ("release", "quotes-0-position", "9"),
    ("release", "quotes-0-DELETE", "on"),
    ("release", "contacts-0-email", "evil@example.com"),
    ("release", "contacts-0-name", "Mallory"),
    ("release", "images-0-alt_en", "Hacked"),
    ("release", "images-0-credit", "Mallory"),
    ("release", "images-0-position", "3"),
    ("release", "images-0-image-clear", "on"),
    ("topic", "name_en", "Hacked"),
    ("topic", "description_de", "Gehackt"),
    ("topic", "slug", "hacked"),
    ("speaker", "name", "Mallory"),
    ("speaker", "slug", "hacked"),
    ("speaker", "country", "FR"),
    ("speaker", "political_group", "XYZ"),
    ("speaker", "organisation", "other:organisation"),
    ("speaker", "role_en", "Hacked"),
    ("speaker", "role_de", "Gehackt"),
    ("speaker", "photo-clear", "on"),
    ("organisation", "name_en", "Hacked"),
    ("organisation", "acronym_de", "GEH"),
    ("organisation", "slug", "hacked"),
    ("organisation", "kind", "city"),
    ("organisation", "website", "https://evil.example"),
    ("partnership", "name_en", "Hacked"),
    ("partnership", "description_de", "Gehackt"),
    ("partnership", "slug", "hacked"),
    ("partnership", "status", "concluded"),
    ("partnership", "launched_on", "2001-01-01"),
    ("partnership", "partners", "other:organisation"),
    ("partnership", "builds_on", "other:partnership"),
    ("partnership", "areas-0-title_en", "Hacked"),
    ("partnership", "areas-0-position", "7"),
    ("partnership", "areas-0-DELETE", "on"),
]


@pytest.mark.parametrize(("model", "name", "value"), FORGED)
def test_a_forged_post_from_a_swedish_translator_is_refused_whole(
    as_role, world, model, name, value
):
    client = as_role("translator_sv")
    url = change_url(world, model)
    data = form_data(client.get(url))
    assert name not in data
    if value.startswith("other:"):
        value = str(world["other"][value.removeprefix("other:")].pk)
    data[name] = value
    # Together with a change they may make, which is not saved either.
    data[sorted(n for n in data if n.endswith("_sv"))[0]] = "Ny text"

    assert_refused(client, url, data, world["objects"][model])


@pytest.mark.parametrize(
    ("model", "prefix", "row"),
    [
        ("release", "quotes", {"speaker": "other:speaker", "quote_sv": "Citat"}),
        ("release", "contacts", {"name": "Mallory", "email": "m@example.eu"}),
        ("partnership", "areas", {"title_sv": "Nytt område"}),
    ],
)
def test_a_translator_cannot_add_an_inline_row(as_role, world, model, prefix, row):
    client = as_role("translator_sv")
    url = change_url(world, model)
    data = form_data(client.get(url))
    row = {
        key: str(world["other"][v[6:]].pk) if v.startswith("other:") else v
        for key, v in row.items()
    }
    add_inline_row(data, prefix, **row)

    assert_refused(client, url, data, world["objects"][model])


@pytest.mark.parametrize(
    ("model", "name"),
    [("release", "images-0-image"), ("speaker", "photo"), ("organisation", "logo")],
)
def test_a_translator_cannot_upload_an_image(as_role, world, model, name):
    client = as_role("translator_sv")
    url = change_url(world, model)
    data = form_data(client.get(url))
    data[name] = png_upload()

    assert_refused(client, url, data, world["objects"][model])


def test_a_translator_posting_an_editors_form_is_refused(as_role, world):
    """The editor's page has every field; sent as it is, it changes nothing."""
    url = change_url(world, "release")
    data = form_data(as_role("editor").get(url))
    data["title_sv"] = "Ny titel"

    assert_refused(as_role("translator_sv"), url, data, world["objects"]["release"])


@pytest.mark.parametrize("model", MODELS)
def test_a_translator_cannot_save_as_new_or_add(as_role, world, model):
    client = as_role("translator_sv")
    url = change_url(world, model)
    data = form_data(client.get(url))
    count = MODELS[model]._default_manager.count()

    assert client.post(url, {**data, "_saveasnew": "1"}).status_code == 403
    assert client.post(admin_url(model, "add"), data).status_code == 403
    assert MODELS[model]._default_manager.count() == count


@pytest.mark.parametrize("model", MODELS)
def test_a_translator_cannot_delete(as_role, world, model):
    client = as_role("translator_sv")
    obj = world["objects"][model]

    assert_refused(client, admin_url(model, "delete", obj.pk), {"post": "yes"}, obj)


# Workflow and list actions ------------------------------------------------------


@pytest.mark.parametrize("step", ["submit", "approve", "publish", "withdraw"])
def test_a_translator_cannot_take_a_workflow_step(as_role, world, step):
    client = as_role("translator_sv")
    release = world["objects"]["release"]
    url = reverse("admin:releases_pressrelease_workflow", args=(release.pk, step))

    assert client.get(url).status_code == 403
    assert_refused(client, url, {"comment": "", "_schedule": ""}, release)


def test_a_translator_cannot_make_a_preview_link(as_role, world):
    client = as_role("translator_sv")
    release = world["objects"]["release"]
    url = reverse("admin:releases_pressrelease_preview_link", args=(release.pk,))

    assert client.get(url).status_code == 403
    assert_refused(client, url, {"valid_until_0": "2030-01-01"}, release)


@pytest.mark.parametrize(
    "action", ["publish", "submit_for_review", "withdraw", "delete_selected"]
)
def test_a_translator_cannot_run_a_list_action_that_changes_anything(
    as_role, world, action
):
    client = as_role("translator_sv")
    release = world["objects"]["release"]
    before = snapshot(release)

    client.post(
        admin_url("release", "changelist"),
        {"action": action, "_selected_action": [release.pk], "index": "0"},
    )

    assert changed_keys(before, snapshot(release)) == set()


def test_a_translator_is_offered_no_list_action_but_the_xliff_export(as_role, world):
    response = as_role("translator_sv").get(admin_url("release", "changelist"))

    choices = {
        value
        for value, _label in response.context["action_form"].fields["action"].choices
    }
    assert choices - {""} == {"export_for_translation"}


# Custom views of the other workstreams ------------------------------------------


def _xliff(world, language, old, new):
    release = world["objects"]["release"]
    document = export_releases([release], [language], "1.2").documents[0]
    data = document.render()
    assert old.encode() in data
    return data.replace(old.encode(), new.encode())


@pytest.mark.parametrize(
    ("language", "old", "allowed"),
    [("sv", "Svensk titel", True), ("de", "Deutscher Titel DE-TEXT", False)],
)
def test_an_xliff_import_writes_only_the_translators_languages(
    as_role, world, language, old, allowed
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = as_role("translator_sv")
    release = world["objects"]["release"]
    upload = SimpleUploadedFile(
        "release.xlf", _xliff(world, language, old, "Importerad titel")
    )
    before = snapshot(release)

    response = client.post(
        reverse("admin:releases_pressrelease_xliff_import"), {"file": upload}
    )

    assert response.status_code == 200
    changed = changed_keys(before, snapshot(release)) - {"updated_at"}
    assert changed == ({"title_sv"} if allowed else set())


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize(
    ("role", "language", "status"),
    [
        ("translator_sv", "sv", 200),
        ("translator_sv", "de", 403),
        ("translator_de", "de", 200),
        ("translator_de", "sv", 403),
        ("staff", "sv", 403),
        # The source language is edited in the object's own admin.
        ("translator_sv", "en", 302),
    ],
)
def test_the_side_by_side_editor_opens_only_in_the_translators_languages(
    as_role, world, model, role, language, status
):
    client = as_role(role)
    obj = world["objects"][model]
    url = reverse(
        "admin:translations_editor", args=(obj._meta.model_name, obj.pk, language)
    )

    assert client.get(url).status_code == status
    if status == 403:
        assert_refused(client, url, {"_confirm": "1"}, obj)


@pytest.mark.parametrize("model", MODELS)
def test_a_translator_can_compare_revisions_but_not_restore_one(as_role, world, model):
    obj = fresh(world["objects"][model])
    old = ensure_current_revision(obj)
    setattr(obj, translated_fields(type(obj))[0] + "_en", "Changed by an editor")
    obj.save()
    record(obj, user=world["users"]["editor"])
    client = as_role("translator_sv")
    compare = admin_url(model, "compare", obj.pk) + "?from=%d" % old.pk
    restore = admin_url(model, "restore", obj.pk, old.pk)

    response = client.get(compare)

    assert response.status_code == 200
    assert restore not in response.content.decode()
    assert_refused(client, restore, {}, obj)


def test_a_translator_cannot_give_themselves_a_language(as_role, world):
    client = as_role("translator_sv")
    profile = TranslatorProfile.objects.get(user=world["users"]["translator_sv"])
    url = reverse("admin:translations_translatorprofile_change", args=(profile.pk,))

    assert client.get(url).status_code == 403
    assert (
        client.post(
            url, {"user": profile.user_id, "languages": ["sv", "de"]}
        ).status_code
        == 403
    )
    profile.refresh_from_db()
    assert profile.languages == ["sv"]


# Editors are not limited --------------------------------------------------------


def test_an_editor_changes_any_field_and_relation(as_role, world):
    client = as_role("editor")
    release = world["objects"]["release"]
    url = change_url(world, "release")
    data = form_data(client.get(url))
    data.update(
        title_en="Edited", title_de="Bearbeitet", topics=[world["other"]["topic"].pk]
    )

    response = client.post(url, data)

    assert response.status_code == 302, errors_of(response)
    release = fresh(release)
    assert (release.title_en, release.title_de) == ("Edited", "Bearbeitet")
    assert list(release.topics.all()) == [world["other"]["topic"]]


# Profiles: set by an administrator ----------------------------------------------


def test_an_administrator_sets_a_users_languages_on_the_users_page(as_role, world):
    client = as_role("superuser")
    user = _user("new-translator", is_staff=True, group=TRANSLATORS)
    url = reverse("admin:auth_user_change", args=(user.pk,))
    data = form_data(client.get(url))
    data["translator_profile-0-languages"] = ["sv", "de"]

    response = client.post(url, data)

    assert response.status_code == 302, errors_of(response)
    assert TranslatorProfile.objects.get(user=user).languages == ["de", "sv"]
    assert editable_fields(
        User.objects.get(pk=user.pk), Topic, world["objects"]["topic"]
    ) == {"name_de", "name_sv", "description_de", "description_sv"}


def test_saving_a_user_without_languages_makes_no_profile(as_role, world):
    client = as_role("superuser")
    user = _user("plain-staff", is_staff=True)
    url = reverse("admin:auth_user_change", args=(user.pk,))

    response = client.post(url, form_data(client.get(url)))

    assert response.status_code == 302, errors_of(response)
    assert not TranslatorProfile.objects.filter(user=user).exists()


@pytest.mark.parametrize(
    "flags", [{"is_staff": False}, {"is_active": False}], ids=["not staff", "inactive"]
)
def test_one_staff_rule_for_the_admin_and_the_workspace(world, flags):
    """Change rights without active staff status make nobody an editor."""
    from translations import permissions

    user = _user("outsider", **{"is_staff": True, **flags})
    user.groups.add(Group.objects.get(name=PUBLISHERS))
    user = type(user).objects.get(pk=user.pk)
    model = MODELS["release"]
    assert user.has_perm(permissions._perm(model, "change")) == flags.get(
        "is_active", True
    )
    assert not permissions.is_editor(user, model)
    assert not permissions.is_translation_editor(user)
    assert permissions.user_languages(user) == ()
    assert not permissions.may_translate_model(user, model, "sv")
    assert permissions.editable_fields(user, model) == frozenset()
