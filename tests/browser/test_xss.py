"""Stored XSS: the payload corpus through every text field, on every page.

``build_world`` fills every text field of every model with the payloads of
tests/browser/xss_payloads.py, several to a value, spread so that each
payload that fits a field goes into it (in one object or another, one
language or another). Then:

- ``test_no_payload_runs_in_the_browser`` opens every public page and the
  admin's lists, forms, delete confirmations, histories, revision diffs and
  messages in headless Chromium, and fails if a dialog opens, the sentinel
  ``__xss()`` is called, a CSP violation is reported, or the DOM holds
  anything a payload could have put there (an on* attribute, an inline
  script, a javascript: URL, an iframe ...);
- ``test_no_payload_markup_in_the_served_html`` reads the same pages as
  served, without a browser, with the same structural checks, and also
  checks that no payload appears unescaped and that no template evaluated a
  template-injection string.
"""

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from modeltranslation.translator import NotRegistered, translator
from taggit.models import Tag

from core.languages import LANGUAGE_CODES
from partnerships.models import AreaOfWork, Organisation, Partnership
from releases import preview
from releases.models import (
    PressContact,
    PressRelease,
    PressReleaseSpeaker,
    ReleaseImage,
    ReleaseTransition,
    Speaker,
    Topic,
)
from tests.admin_forms import form_data
from tests.browser.xss_payloads import ALL, TEMPLATE_RESULTS
from tests.images import image_bytes
from translations.models import TranslationRecord

PASSWORD = "correct-horse-battery-staple"

#: The language columns that get payloads; the others stay empty, so that
#: pages in a third language show the fallback notices.
LANGUAGES = ("en", "sv", "el")
RELEASES = 8
SPEAKERS = 24
ORGANISATIONS = 12

# Fields that do not take free text, and why they are not filled. A test
# below fails when a model gains a text field that is neither filled nor
# listed here.
NOT_FREE_TEXT = {
    "slug": "validated as a slug; see test_validated_fields_refuse_every_payload",
    "reference": "validated; see test_validated_fields_refuse_every_payload",
    "email": "validated; see test_validated_fields_refuse_every_payload",
    "phone": "validated; see test_validated_fields_refuse_every_payload",
    "website": "validated; see test_validated_fields_refuse_every_payload",
}

MODELS = (
    PressRelease,
    PressReleaseSpeaker,
    PressContact,
    ReleaseImage,
    ReleaseTransition,
    Topic,
    Speaker,
    Organisation,
    Partnership,
    AreaOfWork,
    Tag,
)


def text_fields(model):
    """The model's free-text fields: (name, max_length, translated)."""
    try:
        translated = set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        translated = set()
    columns = {"%s_%s" % (name, code) for name in translated for code in LANGUAGE_CODES}
    fields = []
    for model_field in model._meta.concrete_fields:
        if model_field.get_internal_type() not in ("CharField", "TextField"):
            continue
        if model_field.name in columns or model_field.choices:
            continue
        if model_field.name in NOT_FREE_TEXT or not model_field.editable:
            continue
        fields.append(
            (model_field.name, model_field.max_length, model_field.name in translated)
        )
    return fields


def pack(payloads, limit, slots):
    """``payloads`` in at most ``slots`` groups, each fitting in ``limit`` joined.

    First fit, longest first, as few to a group as will do; when the limit
    leaves too little room, the surplus groups come last (and are counted
    as gaps by the coverage test).
    """
    ordered = sorted(payloads, key=len, reverse=True)
    for per_value in range(math.ceil(len(payloads) / slots), len(payloads) + 1):
        groups = []
        for payload in ordered:
            for group in groups:
                joined = len(" ".join(group)) + 1 + len(payload)
                if len(group) < per_value and (not limit or joined <= limit):
                    group.append(payload)
                    break
            else:
                groups.append([payload])
        if len(groups) <= slots:
            break
    return groups


@dataclass
class World:
    user: object = None
    releases: list = field(default_factory=list)
    topics: list = field(default_factory=list)
    speakers: list = field(default_factory=list)
    organisations: list = field(default_factory=list)
    partnerships: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    in_review: object = None
    embargoed: object = None
    #: (model name, field) -> payloads that went into it.
    covered: dict = field(default_factory=lambda: defaultdict(set))


def spread(world, objects, whole=()):
    """Give each free-text field of ``objects`` its share of the corpus.

    Translated fields get text in LANGUAGES. The ``whole`` objects then get
    the whole corpus in each translated field, over all 24 languages: the
    one change form per model that the tests open shows every payload in
    every kind of input it has.
    """
    _spread(world, objects, LANGUAGES)
    if whole:
        _spread(world, whole, LANGUAGE_CODES, translated_only=True)


def _spread(world, objects, languages, translated_only=False):
    model = type(objects[0])
    for name, limit, translated in text_fields(model):
        if translated_only and not translated:
            continue
        unique = model._meta.get_field(name).unique
        codes = languages if translated else (None,)
        slots = [(obj, code) for code in codes for obj in objects]
        fitting = [payload for payload in ALL if not limit or len(payload) <= limit]
        groups = pack(fitting, limit, len(slots))
        for index, (obj, code) in enumerate(slots):
            group = groups[index % len(groups)]
            value = " ".join(group)
            if index < len(groups):
                world.covered[model.__name__, name].update(group)
            elif unique:
                suffix = " %d" % index
                value = value[: limit - len(suffix)] + suffix
            setattr(obj, "%s_%s" % (name, code) if code else name, value)


def build_world():
    """Every model, every text field full of payloads; returns a World."""
    world = World()
    now = timezone.now()
    world.user = get_user_model().objects.create_superuser(
        "editor", "editor@example.eu", PASSWORD
    )
    first, last = pack(ALL, 150, 20)[:2]
    world.user.first_name, world.user.last_name = " ".join(first), " ".join(last)
    world.user.save()

    organisations = [
        Organisation(
            slug="xss-organisation-%d" % n, website="https://example.eu/%d" % n
        )
        for n in range(ORGANISATIONS)
    ]
    spread(world, organisations, whole=organisations[:1])
    world.organisations = Organisation.objects.bulk_create(organisations)
    for organisation in world.organisations[:2]:
        organisation.logo.save("logo.png", ContentFile(image_bytes("PNG")))

    partnerships = [Partnership(slug="xss-partnership-%d" % n) for n in range(RELEASES)]
    spread(world, partnerships, whole=partnerships[:1])
    world.partnerships = Partnership.objects.bulk_create(partnerships)
    for earlier, later in zip(world.partnerships, world.partnerships[1:], strict=False):
        later.builds_on = earlier
        later.partners.set(world.organisations[:3])
    Partnership.objects.bulk_update(world.partnerships, ["builds_on"])
    areas = [
        AreaOfWork(partnership=partnership, position=n)
        for partnership in world.partnerships
        for n in range(3)
    ]
    spread(world, areas, whole=areas[:3])
    AreaOfWork.objects.bulk_create(areas)

    topics = [Topic(slug="xss-topic-%d" % n) for n in range(RELEASES)]
    spread(world, topics, whole=topics[:1])
    world.topics = Topic.objects.bulk_create(topics)

    speakers = [
        Speaker(
            slug="xss-speaker-%d" % n,
            organisation=world.organisations[n % RELEASES],
            country="SE",
        )
        for n in range(SPEAKERS)
    ]
    spread(world, speakers, whole=speakers[:1])
    world.speakers = Speaker.objects.bulk_create(speakers)
    for speaker in world.speakers[:3]:
        speaker.photo.save("portrait.jpg", ContentFile(image_bytes("JPEG")))

    # Releases go through save(): that is where rich text is sanitised.
    releases = [
        PressRelease(
            slug="xss-release-%d" % n,
            reference="XSS/%02d" % n,
            status=PressRelease.Status.PUBLISHED,
            published_at=now - timedelta(hours=n + 1),
            original_language="sv" if n % 3 == 2 else "en",
            partnership=world.partnerships[n],
        )
        for n in range(RELEASES)
    ]
    spread(world, releases, whole=releases[:1])
    for release in releases:
        release.save()
        release.topics.set(world.topics[: 1 + releases.index(release) % 3])
    world.releases = releases
    world.in_review, world.embargoed = releases[-2], releases[-1]
    PressRelease.objects.filter(pk=world.in_review.pk).update(
        status=PressRelease.Status.REVIEW
    )
    PressRelease.objects.filter(pk=world.embargoed.pk).update(
        published_at=now + timedelta(days=1)
    )
    for release in releases[:-1]:
        release.related.add(releases[-3] if release != releases[-3] else releases[0])

    quotes = [
        PressReleaseSpeaker(
            release=release, speaker=world.speakers[(3 * n + k) % SPEAKERS], position=k
        )
        for n, release in enumerate(releases)
        for k in range(3)
    ]
    spread(world, quotes, whole=quotes[:3])
    PressReleaseSpeaker.objects.bulk_create(quotes)
    contacts = [
        PressContact(release=release, email="press@example.eu", position=k)
        for release in releases
        for k in range(3)
    ]
    spread(world, contacts, whole=contacts[:3])
    PressContact.objects.bulk_create(contacts)
    images = [
        ReleaseImage(release=release, position=k)
        for release in releases
        for k in range(3)
    ]
    spread(world, images, whole=images[:3])
    for image in images:
        image.image.save("picture.png", ContentFile(image_bytes("PNG")), save=False)
        image.save()
    transitions = [
        ReleaseTransition(
            release=release,
            from_status=PressRelease.Status.DRAFT,
            to_status=PressRelease.Status.REVIEW,
            user=world.user,
        )
        for release in releases
        for _ in range(2)
    ]
    spread(world, transitions)
    ReleaseTransition.objects.bulk_create(transitions)

    tags = [Tag(slug="xss-tag-%d" % n) for n in range(5 * RELEASES)]
    spread(world, tags)
    world.tags = Tag.objects.bulk_create(tags)
    for n, release in enumerate(releases):
        release.tags.add(*world.tags[5 * n : 5 * n + 5])

    # What a Finnish translation was made from, now outdated: the
    # translation editor shows the old source against the new.
    TranslationRecord.objects.bulk_create(
        TranslationRecord(
            content_type=ContentType.objects.get_for_model(PressRelease),
            object_id=releases[0].pk,
            field=name,
            language="fi",
            source_language="en",
            source_fingerprint="outdated",
            source_text=getattr(releases[1], name + "_en"),
        )
        for name in ("title", "lead", "body", "more_information")
    )
    return world


# Pages --------------------------------------------------------------------


def public_urls(world):
    """Every public page that shows one of the world's texts."""
    release = world.releases[0]
    year = "%04d" % timezone.localtime(release.published_at).year
    month = "%02d" % timezone.localtime(release.published_at).month
    urls = []
    for code in ("en", "sv", "fi"):
        urls += [
            "/%s/" % code,
            "/%s/releases/" % code,
            "/%s/topics/" % code,
            "/%s/speakers/" % code,
            "/%s/partnerships/" % code,
        ]
    urls += ["/en/releases/%s/" % year, "/en/releases/%s/%s/" % (year, month)]
    public = [r for r in world.releases if r not in (world.in_review, world.embargoed)]
    for release in public:
        urls += [release.url_in(code) for code in LANGUAGES]
    # Fallback notices: Finnish has no text at all.
    urls += [release.url_in("fi") for release in public[:3]]
    urls += [topic.get_absolute_url() for topic in world.topics]
    urls += [speaker.get_absolute_url() for speaker in world.speakers[:RELEASES]]
    urls += [partnership.get_absolute_url() for partnership in world.partnerships]
    return urls


def staff_urls(world):
    """Previews: the staff preview and a journalist's embargo link."""
    until = timezone.now() + timedelta(days=2)
    return [
        reverse("releases:preview", kwargs={"pk": world.in_review.pk}),
        preview.preview_url(world.embargoed, until=until),
    ]


def admin_url(obj, view="change"):
    opts = obj._meta
    return reverse(
        "admin:%s_%s_%s" % (opts.app_label, opts.model_name, view), args=[obj.pk]
    )


def changelist(model):
    return reverse(
        "admin:%s_%s_changelist" % (model._meta.app_label, model._meta.model_name)
    )


def admin_urls(world):
    urls = [reverse("admin:index")]
    urls += [
        changelist(model)
        for model in (PressRelease, Topic, Speaker, Organisation, Partnership, Tag)
    ]
    # The search box's query is shown back.
    urls += [changelist(PressRelease) + "?q=%3Cscript%3E__xss(0)%3C/script%3E"]
    # Change forms: see saved_objects.
    urls += [admin_url(world.releases[0], "delete")]
    urls += [admin_url(world.speakers[0], "delete")]
    urls += [
        reverse("admin:translations_queue"),
        reverse("admin:translations_coverage"),
    ]
    urls += [
        reverse(
            "admin:translations_editor",
            kwargs={
                "model": "pressrelease",
                "pk": world.releases[0].pk,
                "language": "fi",
            },
        )
    ]
    return urls


def history_urls(world):
    """History pages, after the admin saved each object once."""
    objects = [
        world.releases[0],
        world.topics[0],
        world.speakers[0],
        world.organisations[0],
        world.partnerships[0],
    ]
    return [admin_url(obj, "history") for obj in objects] + [
        reverse("admin:releases_pressrelease_compare", args=[world.releases[0].pk]),
        # Recent actions.
        reverse("admin:index"),
    ]


def saved_objects(world):
    """One object per admin: its change form is opened, then saved.

    Each holds the whole corpus in its translated fields (see spread), and
    the save's message names it.
    """
    return [
        world.releases[0],
        world.topics[0],
        world.speakers[0],
        world.organisations[0],
        world.partnerships[0],
        world.tags[0],
    ]


def change_payloads_after_first_revision(world):
    """New payloads in the first release, for the revision diff to show."""
    release = PressRelease.objects.get(pk=world.releases[0].pk)
    for name in ("title_en", "lead_en", "body_en", "more_information_en"):
        other = getattr(world.releases[1], name)
        setattr(release, name, other)
    release.save()


# What no page may contain -------------------------------------------------

URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "codebase",
    "cite",
    "srcset",
}
FORBIDDEN_ELEMENTS = {
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "base",
    "applet",
}
DANGEROUS_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)
CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]")


def attribute_problem(element, name, value):
    name = name.lower()
    if name.startswith("on"):
        return "<%s %s=…> event handler" % (element, name)
    if name == "srcdoc":
        return "<%s srcdoc> nested document" % element
    if name in URL_ATTRIBUTES and value:
        compact = CONTROL.sub("", value)
        if DANGEROUS_SCHEME.match(compact) and not (
            element == "img"
            and name == "src"
            and compact.lower().startswith("data:image/")
        ):
            return "<%s %s=%r>" % (element, name, value[:60])
    return None


class _Inspector(HTMLParser):
    """The same checks as in the browser, on the HTML as served."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.in_script = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            problem = attribute_problem(tag, name, value or "")
            if problem:
                self.problems.append(problem)
        if tag in FORBIDDEN_ELEMENTS:
            self.problems.append("<%s> element" % tag)
        attributes = dict(attrs)
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            self.problems.append("<meta http-equiv=refresh>")
        if tag == "script":
            source = attributes.get("src")
            kind = (attributes.get("type") or "").lower()
            if source is None and "json" not in kind:
                self.problems.append("inline <script>")
            elif source is not None and re.match(r"^(\w+:)?//", source):
                self.problems.append("<script src=%r> from elsewhere" % source)


def inspect_html(html):
    inspector = _Inspector()
    inspector.feed(html)
    return inspector.problems


def raw_payload_problems(html):
    problems = []
    for payload in ALL:
        # A payload with markup must reach the page escaped (as text) or
        # sanitised (rich text): never as it was typed.
        if re.search(r"<[a-zA-Z/!?]", payload) and payload in html:
            problems.append("unescaped payload %r" % payload[:60])
    for result in TEMPLATE_RESULTS:
        if result in html:
            problems.append("template injection evaluated (%s)" % result)
    return problems


# The browser's checks, in every frame of the page.
INSPECT_JS = """() => {
    const problems = [];
    const urlAttributes = %s;
    const forbidden = %s;
    for (const el of document.querySelectorAll("*")) {
        const tag = el.localName;
        for (const attr of el.attributes) {
            const name = attr.name.toLowerCase();
            const value = attr.value;
            if (name.startsWith("on")) problems.push("<" + tag + " " + name + "> handler");
            if (name === "srcdoc") problems.push("<" + tag + " srcdoc>");
            if (urlAttributes.includes(name) && value) {
                const compact = value.replace(/[\\u0000-\\u0020\\u007f-\\u009f]/g, "");
                if (/^(javascript|vbscript|data):/i.test(compact)
                    && !(tag === "img" && name === "src" && /^data:image\\//i.test(compact))) {
                    problems.push("<" + tag + " " + name + "=" + value.slice(0, 60) + ">");
                }
            }
        }
        if (forbidden.includes(tag)) problems.push("<" + tag + "> element");
        if (tag === "script" && !el.src && !/json/i.test(el.type)) {
            problems.push("inline <script>");
        }
        if (tag === "script" && el.src && new URL(el.src).origin !== location.origin) {
            problems.push("<script src=" + el.src + ">");
        }
        if (tag === "meta" && (el.httpEquiv || "").toLowerCase() === "refresh") {
            problems.push("<meta http-equiv=refresh>");
        }
    }
    return problems;
}""" % (sorted(URL_ATTRIBUTES), sorted(FORBIDDEN_ELEMENTS))


def squeeze(text):
    return re.sub(r"\s+", "", text)


# Tests ----------------------------------------------------------------------


def test_every_free_text_field_of_every_model_is_filled_or_listed():
    """A new text field must join the corpus or say why it takes no text."""
    ours = {"releases", "partnerships"}
    unfilled = [
        model.__name__
        for model in apps.get_models()
        if model._meta.app_label in ours
        and not model._meta.proxy
        and text_fields(model)
        and model not in MODELS
    ]
    assert unfilled == []
    assert len(ALL) >= 50


VALIDATED = (
    (PressRelease, "reference"),
    (PressRelease, "slug"),
    (Topic, "slug"),
    (PressContact, "email"),
    (PressContact, "phone"),
    (Organisation, "website"),
)


@pytest.mark.parametrize(
    ("model", "name"), VALIDATED, ids=["%s.%s" % (m.__name__, n) for m, n in VALIDATED]
)
def test_validated_fields_refuse_every_payload(model, name):
    model_field = model._meta.get_field(name)
    accepted = []
    for payload in ALL:
        try:
            model_field.clean(payload, None)
        except ValidationError:
            continue
        accepted.append(payload)
    assert accepted == []


def coverage_gaps(world):
    """Fields that some payload fitting them never went into."""
    gaps = {}
    for model in MODELS:
        for name, limit, _translated in text_fields(model):
            fitting = {p for p in ALL if not limit or len(p) <= limit}
            missing = fitting - world.covered[model.__name__, name]
            if missing:
                gaps["%s.%s" % (model.__name__, name)] = sorted(missing)
    return gaps


@pytest.fixture
def world(settings):
    # One page of every list holds all of the world's releases.
    settings.NEWSROOM_PAGE_SIZE = 100
    world = build_world()
    assert coverage_gaps(world) == {}
    return world


def shown(world):
    """Texts that given pages must show (escaped): the test sees real pages."""
    release, topic = world.releases[0], world.topics[0]
    transition = release.transitions.order_by("pk").first()
    return {
        release.url_in("en"): [release.title_en, release.lead_en],
        release.url_in("sv"): [release.title_sv],
        topic.get_absolute_url(): [topic.name_en, topic.description_en],
        admin_url(release, "history"): [transition.comment],
        reverse("admin:index"): [world.user.first_name],
    }


@pytest.mark.django_db
def test_no_payload_markup_in_the_served_html(world):
    visitor, staff = Client(), Client()
    staff.force_login(world.user)
    expected = shown(world)
    problems = []

    def check(url, response):
        assert response.status_code == 200, (url, response.status_code)
        html = response.content.decode()
        for problem in inspect_html(html) + raw_payload_problems(html):
            problems.append("%s: %s" % (url, problem))
        for text in expected.pop(url, ()):
            assert escape(text) in html, (url, text)

    for url in public_urls(world):
        check(url, visitor.get(url))
    for url in staff_urls(world) + admin_urls(world):
        check(url, staff.get(url))

    # Each object's change form, then saved: the message names it.
    for obj in saved_objects(world):
        url = admin_url(obj)
        form = staff.get(url)
        check(url, form)
        response = staff.post(url, form_data(form), follow=True)
        check(url + " (saved)", response)
        [message] = [str(m) for m in response.context["messages"]]
        assert "was changed successfully" in message
        assert escape(str(obj)) in message
    change_payloads_after_first_revision(world)
    for url in history_urls(world):
        check(url, staff.get(url))

    # The delete confirmations of the admin's "delete selected" action.
    for model, objects in (
        (PressRelease, world.releases),
        (Topic, world.topics),
        (Speaker, world.speakers),
        (Organisation, world.organisations),
        (Partnership, world.partnerships),
        (Tag, world.tags),
    ):
        url = changelist(model)
        response = staff.post(
            url,
            {"action": "delete_selected", "_selected_action": [o.pk for o in objects]},
        )
        check(url + " (delete selected)", response)

    assert problems == []
    assert not expected, "pages not visited: %s" % list(expected)


class Browsing:
    """Browser contexts whose every page is watched for a payload running.

    A dialog or a call of ``__xss`` goes to ``fired``; a CSP report, a
    script error or anything INSPECT_JS finds in a page's frames goes to
    ``problems``, with the address it happened at.
    """

    def __init__(self, browser, base):
        self.browser, self.base = browser, base
        self.fired, self.problems = [], []

    def context(self):
        context = self.browser.new_context(
            locale="en-GB", timezone_id="Europe/Brussels"
        )
        context.set_default_timeout(15_000)
        context.expose_binding(
            "__xss", lambda source, n=None: self.fired.append((source["frame"].url, n))
        )
        # Pictures are not what this test is about: not loading them saves
        # time (an aborted one still fires its error event).
        context.route(
            re.compile(r"\.(png|jpe?g|webp|gif|svg|ico|woff2?)(\?.*)?$"),
            lambda route: route.abort(),
        )
        return context

    def page(self, context):
        page = context.new_page()

        def on_dialog(dialog):
            self.fired.append((page.url, "%s(%s)" % (dialog.type, dialog.message)))
            dialog.dismiss()

        def on_console(message):
            if "Content Security Policy" in message.text:
                self.problems.append("%s: CSP: %s" % (page.url, message.text[:200]))

        page.on("dialog", on_dialog)
        page.on("console", on_console)
        page.on(
            "pageerror",
            lambda error: self.problems.append("%s: %s" % (page.url, error)),
        )
        return page

    def look(self, page, label=None):
        for frame in page.frames:
            for problem in frame.evaluate(INSPECT_JS):
                self.problems.append("%s: %s" % (label or page.url, problem))

    def visit(self, page, urls):
        """Load each of ``urls`` in ``page`` and look at it."""
        for url in urls:
            response = page.goto(self.base + url)
            assert response.status == 200, (url, response.status)
            self.look(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_no_payload_runs_in_the_browser(browser, live_server, world):
    browsing = Browsing(browser, live_server.url)
    visitor = browsing.context()
    browsing.visit(browsing.page(visitor), public_urls(world))
    visitor.close()

    staff = browsing.context()
    page = browsing.page(staff)
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")
    browsing.visit(page, staff_urls(world) + admin_urls(world))

    # Each object's change form (its editors and language tabs started on
    # the payloads), then saved: the message names it, as typed.
    for obj in saved_objects(world):
        page.goto(live_server.url + admin_url(obj))
        browsing.look(page)
        page.click("input[name=_save]")
        message = page.locator(".messagelist .success")
        message.wait_for()
        assert squeeze(str(obj)) in squeeze(message.inner_text())
        browsing.look(page)
    change_payloads_after_first_revision(world)
    browsing.visit(page, history_urls(world))

    # "Delete selected" on every list: the confirmation names everything.
    for model in (PressRelease, Topic, Speaker, Organisation, Partnership, Tag):
        page.goto(live_server.url + changelist(model))
        page.check("#action-toggle")
        page.select_option("select[name=action]", "delete_selected")
        page.click("button[name=index]")
        page.wait_for_load_state()
        browsing.look(page, changelist(model) + " (delete selected)")

    page.wait_for_timeout(300)
    staff.close()
    assert browsing.fired == []
    assert browsing.problems == []
