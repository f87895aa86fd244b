"""Two people editing the same object: merged when they touch different fields,
refused (with who changed what, and nothing typed lost) when they touch the same."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from releases.models import PressRelease, Topic
from tests.admin_forms import errors_of, form_data
from tests.factories import make_draft, make_speaker, make_topic

pytestmark = pytest.mark.django_db


def _client(django_user_model, username, first_name, last_name):
    user = django_user_model.objects.create_superuser(
        username, "%s@example.eu" % username, "x", first_name=first_name,
        last_name=last_name,
    )  # fmt: skip
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def anna(django_user_model):
    """The editor."""
    return _client(django_user_model, "anna", "Anna", "Lind")


@pytest.fixture
def bo(django_user_model):
    """A second editor, or the translator."""
    return _client(django_user_model, "bo", "Bo", "Berg")


def change_url(obj):
    opts = obj._meta
    return reverse(
        "admin:%s_%s_change" % (opts.app_label, opts.model_name), args=(obj.pk,)
    )


def open_form(client, obj):
    return form_data(client.get(change_url(obj)))


def save(client, obj, data):
    response = client.post(change_url(obj), data)
    assert response.status_code == 302, errors_of(response)
    return response


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def form_errors(response):
    form = response.context["adminform"].form
    return form.non_field_errors(), form.errors


# Refused ----------------------------------------------------------------------------


def test_a_later_save_of_the_same_field_is_refused_naming_who_changed_it(anna, bo):
    release = make_draft(title_en="Regions and cities")
    annas, bos = open_form(anna, release), open_form(bo, release)
    annas["title_en"] = "Regions and cities act"
    save(anna, release, annas)

    bos["title_en"] = "Cities and regions"
    response = bo.post(change_url(release), bos)

    assert response.status_code == 200
    assert PressRelease.objects.get(pk=release.pk).title_en == "Regions and cities act"
    non_field, errors = form_errors(response)
    (message,) = non_field
    assert message.startswith("Not saved: while you were editing, this was changed")
    assert "Anna Lind (anna)" in message
    assert "Title (en)" in message
    assert errors["title_en"][0].startswith("Changed meanwhile by Anna Lind (anna)")
    assert "“Regions and cities act”" in errors["title_en"][0]
    # What Bo typed is still in the form, and the panel says who did what.
    content = response.content.decode()
    assert 'value="Cities and regions"' in content
    assert "Someone else changed this while you were editing" in content
    assert '<strong class="edit-conflict-field">Title (en)</strong>' in content


def test_a_refused_form_takes_in_the_others_other_changes_and_keeps_mine(anna, bo):
    release = make_draft(title_en="Title", lead_sv="Ingress", body_en="<p>Body</p>")
    annas, bos = open_form(anna, release), open_form(bo, release)
    annas.update(title_en="Anna's title", lead_sv="Annas ingress")
    save(anna, release, annas)
    bos.update(title_en="Bo's title", body_en="<p>Bo's body</p>")

    response = bo.post(change_url(release), bos)

    assert response.status_code == 200
    again = form_data(response)
    assert again["title_en"] == "Bo's title"
    assert again["body_en"] == "<p>Bo's body</p>"
    assert again["lead_sv"] == "Annas ingress"


def test_the_refused_editor_can_keep_their_version_by_saying_so(anna, bo):
    release = make_draft(title_en="Title", lead_sv="Ingress")
    annas, bos = open_form(anna, release), open_form(bo, release)
    annas.update(title_en="Anna's title", lead_sv="Annas ingress")
    save(anna, release, annas)
    bos["title_en"] = "Bo's title"
    refused = form_data(bo.post(change_url(release), bos))

    refused["_overwrite_version"] = (
        bo.post(change_url(release), bos).context["edit_conflict"].latest.pk
    )
    save(bo, release, refused)

    release.refresh_from_db()
    assert (release.title_en, release.lead_sv) == ("Bo's title", "Annas ingress")


def test_overwriting_names_the_version_seen_so_a_newer_change_is_refused_again(
    anna, bo
):
    release = make_draft(title_en="Title")
    annas, bos = open_form(anna, release), open_form(bo, release)
    annas["title_en"] = "Anna's title"
    save(anna, release, annas)
    bos["title_en"] = "Bo's title"
    refused = bo.post(change_url(release), bos)
    seen = refused.context["edit_conflict"].latest.pk
    annas = open_form(anna, release)
    annas["title_en"] = "Anna's second title"
    save(anna, release, annas)

    again = bo.post(change_url(release), {**bos, "_overwrite_version": str(seen)})

    assert again.status_code == 200
    assert PressRelease.objects.get(pk=release.pk).title_en == "Anna's second title"


def test_one_quote_changed_in_two_languages_by_two_people_keeps_both(anna, bo):
    speaker = make_speaker(name="Apostolos Tzitzikostas")
    release = make_draft(title_en="Title", speakers=[speaker])
    annas, bos = open_form(anna, release), open_form(bo, release)
    annas["quotes-0-quote_en"] = "Regions are ready."
    save(anna, release, annas)
    bos["quotes-0-quote_sv"] = "Regionerna är redo."

    save(bo, release, bos)

    quote = release.quotes.get()
    assert (quote.quote_en, quote.quote_sv) == (
        "Regions are ready.",
        "Regionerna är redo.",
    )


def test_one_quote_changed_in_one_language_by_two_people_is_a_conflict(anna, bo):
    speaker = make_speaker(name="Apostolos Tzitzikostas")
    release = make_draft(title_en="Title", speakers=[speaker])
    annas, bos = open_form(anna, release), open_form(bo, release)
    annas["quotes-0-quote_en"] = "Regions are ready."
    save(anna, release, annas)
    bos["quotes-0-quote_en"] = "Cities are ready."

    response = bo.post(change_url(release), bos)

    assert response.status_code == 200
    (message,) = form_errors(response)[0]
    assert "Speakers quoted: Apostolos Tzitzikostas, Quote (en)" in message
    assert release.quotes.get().quote_en == "Regions are ready."
    content = response.content.decode()
    assert '<strong class="edit-conflict-field">Speakers quoted</strong>' in content


def test_a_change_made_outside_the_admin_meanwhile_is_not_overwritten(anna):
    release = make_draft(title_en="Title")
    annas = open_form(anna, release)
    PressRelease.objects.filter(pk=release.pk).update(title_en="Changed by a script")

    annas["title_en"] = "Anna's title"
    response = anna.post(change_url(release), annas)

    assert response.status_code == 200
    assert PressRelease.objects.get(pk=release.pk).title_en == "Changed by a script"
    (message,) = form_errors(response)[0]
    assert "someone (a change made outside the admin)" in message


def test_a_post_without_the_loaded_version_is_refused_then_saved_from_the_form(anna):
    release = make_draft(title_en="Title")
    data = open_form(anna, release)
    del data["_loaded_version"]
    data["title_en"] = "Typed before"

    response = anna.post(change_url(release), data)

    assert response.status_code == 200
    assert PressRelease.objects.get(pk=release.pk).title_en == "Title"
    (message,) = form_errors(response)[0]
    assert "did not say which version" in message
    again = form_data(response)
    assert again["title_en"] == "Typed before"
    save(anna, release, again)
    assert PressRelease.objects.get(pk=release.pk).title_en == "Typed before"


def test_a_forged_version_of_another_object_counts_as_none(anna):
    release, other = make_draft(title_en="Title"), make_draft()
    other_version = open_form(anna, other)["_loaded_version"]
    data = open_form(anna, release)
    data.update(_loaded_version=other_version, title_en="Forged")

    response = anna.post(change_url(release), data)

    assert response.status_code == 200
    assert PressRelease.objects.get(pk=release.pk).title_en == "Title"


def test_two_editors_of_a_topic_are_checked_too(anna, bo):
    topic = make_topic(name_en="Energy")
    annas, bos = open_form(anna, topic), open_form(bo, topic)
    annas["name_en"] = "Energy union"
    save(anna, topic, annas)
    bos["name_en"] = "Clean energy"

    response = bo.post(change_url(topic), bos)

    assert response.status_code == 200
    assert Topic.objects.get(pk=topic.pk).name_en == "Energy union"


# Merged -----------------------------------------------------------------------------


def test_a_translator_and_an_editor_saving_at_once_both_keep_their_work(anna, bo):
    release = make_draft(title_en="Cohesion policy", title_sv="")
    editors, translators = open_form(anna, release), open_form(bo, release)
    translators["title_sv"] = "Sammanhållningspolitik"
    save(bo, release, translators)

    editors["title_en"] = "Cohesion policy after 2027"
    response = save(anna, release, editors)

    release.refresh_from_db()
    assert release.title_en == "Cohesion policy after 2027"
    assert release.title_sv == "Sammanhållningspolitik"
    (message,) = [m for m in messages_of(response) if m.startswith("Others saved")]
    assert "Bo Berg (bo)" in message
    assert "Title (sv)" in message


def test_topics_quotes_and_fields_of_different_people_are_merged(anna, bo):
    speaker = make_speaker(name="Ylva Johansson")
    old_topic, new_topic = make_topic(name_en="Old"), make_topic(name_en="New")
    release = make_draft(title_en="Title", topics=[old_topic], speakers=[speaker])
    annas, bos = open_form(anna, release), open_form(bo, release)
    annas["quotes-0-quote_en"] = "Migration is a European matter."
    annas["topics"] = [str(new_topic.pk)]
    save(anna, release, annas)

    bos["lead_en"] = "Bo's lead."
    save(bo, release, bos)

    release.refresh_from_db()
    assert release.lead_en == "Bo's lead."
    assert list(release.topics.all()) == [new_topic]
    assert release.quotes.get().quote_en == "Migration is a European matter."


def test_both_typing_the_same_text_is_no_conflict(anna, bo):
    release = make_draft(title_en="Titel")
    annas, bos = open_form(anna, release), open_form(bo, release)
    annas["title_en"] = "Title"
    save(anna, release, annas)
    bos.update(title_en="Title", lead_en="A lead.")

    save(bo, release, bos)

    release.refresh_from_db()
    assert (release.title_en, release.lead_en) == ("Title", "A lead.")


def test_line_endings_posted_by_browsers_are_not_a_change(anna, bo):
    release = make_draft(title_en="Title", lead_en="One.\nTwo.")
    annas, bos = open_form(anna, release), open_form(bo, release)
    annas["lead_en"] = "One.\nTwo, changed."
    save(anna, release, annas)
    bos["lead_en"] = bos["lead_en"].replace("\n", "\r\n")
    bos["title_en"] = "Bo's title"

    save(bo, release, bos)

    release.refresh_from_db()
    assert (release.title_en, release.lead_en) == ("Bo's title", "One.\nTwo, changed.")


def test_a_release_published_while_it_is_edited_stays_published(anna):
    from releases import workflow
    from tests.users import make_publisher

    release = make_draft(title_en="Title")
    annas = open_form(anna, release)
    workflow.transition(release=release, to="published", user=make_publisher())
    published = PressRelease.objects.get(pk=release.pk)

    annas["title_en"] = "Better title"
    save(anna, release, annas)

    release.refresh_from_db()
    assert release.title_en == "Better title"
    # To the second: the admin's time field has no fractions.
    assert (release.status, release.published_at) == (
        PressRelease.Status.PUBLISHED,
        published.published_at.replace(microsecond=0),
    )
