"""No leak anywhere: every public address, for every state that is not public.

The addresses are not listed here: they are read from the URL resolver, so
a feed, sitemap, search or API added later is walked too. Each pattern is
filled with values taken from the fixture (dates, slugs, ids); a pattern
with an argument this test cannot fill fails it, asking for a value.

For each state a release can be in without being public, every address is
fetched anonymously before the release exists and again after: the answers
must be the same (status and page), so not only its title but also a count,
a related block, a page of a list, a theme or a date archive would show a
leak. Then staff preview it, and make and open a preview link, which would
warm any cache, and the anonymous walk must still give the same answers.
"""

import itertools
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import (
    NoReverseMatch,
    URLPattern,
    URLResolver,
    get_resolver,
    resolve,
    reverse,
)
from django.utils import timezone, translation
from django.views.static import serve

from releases import preview
from releases.models import PressRelease, PressReleaseSpeaker
from tests.factories import (
    make_contact,
    make_partnership,
    make_release,
    make_speaker,
    make_topic,
)
from tests.users import make_publisher

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "sv")
#: Query strings a list, filter or search page may read.
QUERIES = (
    "",
    "?q=Zeppelin",
    "?topic=leak-theme&year={year}&kind=press_release",
    # The API's names for its filters.
    "?theme=leak-theme&speaker=leak-speaker&partnership=leak-partnership"
    "&language=sv&year={year}",
)

Status = PressRelease.Status
#: Every way a release can exist without being public: (status, publication
#: time before or after now).
NOT_PUBLIC = {
    "draft": (Status.DRAFT, -1),
    "in-review": (Status.REVIEW, -1),
    "approved": (Status.APPROVED, -1),
    "approved-not-due": (Status.APPROVED, +1),
    "published-but-future": (Status.PUBLISHED, +1),
    "withdrawn": (Status.WITHDRAWN, -1),
}
#: Words only the hidden releases contain.
NEEDLES = ("Zeppelin", "zeppelin-", "airship", "luftskepp", "EMB/99/")


def public_patterns(resolver=None, prefix="", kwargs=()):
    """(view name, argument names) of every named pattern outside the admin."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        names = (*kwargs, *entry.pattern.regex.groupindex)
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            namespace = prefix + entry.namespace + ":" if entry.namespace else prefix
            yield from public_patterns(entry, namespace, names)
        elif isinstance(entry, URLPattern):
            if entry.callback is serve:
                # Uploaded files, served by Django only when DEBUG (the web
                # server serves them in production): named by content hash.
                continue
            assert entry.name, (
                "%s has no name: name it, so that the leak test can walk it"
                % entry.pattern
            )
            yield prefix + entry.name, names


@pytest.fixture(autouse=True)
def _no_api_rate_limit(settings):
    """The walk asks the API hundreds of times from one address: past the
    rate limit every answer would be the same 429, and compare as no leak."""
    settings.NEWSROOM_API_RATE_LIMIT = 0


@pytest.fixture
def world():
    """A public release with a theme, a speaker, a partnership and a contact."""
    topic = make_topic(slug="leak-theme", name_en="Theme", name_sv="Tema")
    speaker = make_speaker(slug="leak-speaker", name="Quoted Person")
    partnership = make_partnership(slug="leak-partnership")
    public = make_release(
        title_en="Public release",
        title_sv="Offentligt pressmeddelande",
        original_language="sv",
        published_at=timezone.now() - timedelta(hours=2),
        topics=[topic],
        speakers=[speaker],
        tags=["airport"],
        partnership=partnership,
    )
    make_contact(public)
    return {
        "public": public,
        "topic": topic,
        "speaker": speaker,
        "partnership": partnership,
    }


def make_hidden(world, state):
    """A release that must not leak, filed exactly like the public one."""
    status, sign = NOT_PUBLIC[state]
    public = world["public"]
    hidden = make_release(
        title_en="Zeppelin %s landing on the Grand Place" % state,
        title_sv="Zeppelinare %s landar på Stora torget" % state,
        lead_en="Embargoed lead about airships.",
        lead_sv="Ingress om luftskepp under embargo.",
        reference="EMB/99/%s" % state,
        slug="zeppelin-%s" % state,
        original_language="sv",
        status=status,
        published_at=(
            timezone.now() + timedelta(hours=1)
            if sign > 0
            else public.published_at - timedelta(minutes=30)
        ),
        topics=[world["topic"]],
        tags=["airport", "zeppelin-%s" % state],
        partnership=world["partnership"],
    )
    PressReleaseSpeaker.objects.create(
        release=hidden, speaker=world["speaker"], quote_en="A Zeppelin quote."
    )
    make_contact(hidden, name="Zeppelin Press Officer")
    public.related.add(hidden)
    assert not hidden.is_public, state
    return hidden


def known_addresses(world):
    """{view name: [kwargs]} of the fixture's objects, as they link to themselves."""
    known = {}
    objects = (world["public"], world["topic"], world["speaker"], world["partnership"])
    for obj in objects:
        match = resolve(obj.get_absolute_url())
        known.setdefault(match.view_name, []).append(match.kwargs)
        if obj is world["public"]:
            for state in NOT_PUBLIC:
                # Where each hidden release would be, were it public.
                known[match.view_name].append(
                    {**match.kwargs, "slug": "zeppelin-%s" % state}
                )
    return known


def argument_values(world):
    """Values for the arguments of patterns no fixture object links to."""
    local = timezone.localtime(world["public"].published_at)
    first_hidden = world["public"].pk + 1
    return {
        "year": ["%04d" % local.year],
        "month": ["%02d" % local.month],
        "day": ["%02d" % local.day],
        "slug": [
            "zeppelin-draft",
            world["public"].slug,
            world["topic"].slug,
            world["speaker"].slug,
            world["partnership"].slug,
        ],
        # The hidden releases get the ids after the public one's.
        "pk": [
            str(pk) for pk in range(world["public"].pk, first_hidden + len(NOT_PUBLIC))
        ],
        # Anonymous visitors never hold a valid link.
        "token": ["not-a-valid-token"],
        # The sitemap index's sections.
        "section": ["releases", "themes", "speakers", "partnerships"],
    }


def addresses(world):
    """Every public address, filled from the fixture, in each language."""
    known, values = known_addresses(world), argument_values(world)
    year = values["year"][0]
    found = []
    for name, arguments in public_patterns():
        if name in known:
            combinations = known[name]
        else:
            unknown = set(arguments) - set(values)
            assert not unknown, (
                "The leak test cannot fill %s of %s: add values for it to "
                "argument_values()" % (", ".join(sorted(unknown)), name)
            )
            combinations = [
                dict(zip(arguments, combination, strict=True))
                for combination in itertools.product(*(values[a] for a in arguments))
            ]
        # Lists, filters and searches take no argument but a query string.
        queries = QUERIES if not arguments else ("",)
        for language in LANGUAGES:
            for kwargs in combinations:
                try:
                    with translation.override(language):
                        path = reverse(name, kwargs=kwargs)
                except NoReverseMatch:
                    continue
                found += [path + query.format(year=year) for query in queries]
    return sorted(set(found))


def normalised(response):
    """What a visitor gets, without what changes on every request."""
    body = response.content.decode(errors="replace")
    body = re.sub(r'nonce="[^"]*"', 'nonce=""', body)
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", body)
    return response.status_code, response.get("Location", ""), body


def walk(paths):
    client = Client()
    return {path: normalised(client.get(path)) for path in paths}


def assert_no_leak(before, after):
    for path, (status, location, body) in after.items():
        for needle in NEEDLES:
            if needle.lower() in path.lower():
                # The address itself names it (the hidden release's own
                # page, a search for it): the comparison below still holds.
                continue
            assert needle not in body, (path, needle)
            assert needle not in location, (path, needle)
        assert status < 500, path
        assert (status, location, body) == before[path], path


def warm_as_staff(hidden, paths):
    """What a publisher does before the releases are out: preview, share."""
    staff = Client()
    staff.force_login(make_publisher())
    for release in hidden:
        for language in LANGUAGES:
            with translation.override(language):
                url = reverse("releases:preview", kwargs={"pk": release.pk})
            assert staff.get(url).status_code == 200
        if preview.can_share(release):
            link = preview.preview_url(
                release, until=timezone.now() + timedelta(days=1)
            )
            assert Client().get(link).status_code == 200
    for path in paths:
        staff.get(path)


def test_no_release_that_is_not_public_shows_on_any_public_address(world):
    """Every state at once: draft, in review, approved (due or not), published
    but future, withdrawn; anonymously, then after staff previewed them."""
    paths = addresses(world)
    before = walk(paths)

    hidden = [make_hidden(world, state) for state in NOT_PUBLIC]
    assert_no_leak(before, walk(paths))

    warm_as_staff(hidden, paths)
    assert_no_leak(before, walk(paths))

    client = Client()
    for release in hidden:
        for language in LANGUAGES:
            assert client.get(release.url_in(language)).status_code == 404


def test_the_walk_covers_every_public_page_and_the_release_itself(world):
    """The walk is not vacuous: it reaches the pages a release shows on."""
    paths = addresses(world)
    names = {name for name, _arguments in public_patterns()}
    answers = walk([p for p in paths if "?" not in p and p.startswith("/en/")])

    assert {
        "releases:home",
        "releases:list",
        "releases:archive-year",
        "releases:archive-month",
        "releases:archive-day",
        "releases:detail",
        "releases:topics",
        "releases:topic",
        "releases:speakers",
        "releases:speaker",
        "releases:preview",
        "releases:embargo-preview",
        "partnerships:list",
        "partnerships:detail",
        "releases:feed-rss",
        "releases:feed-atom",
        "releases:topic-feed-rss",
        "releases:topic-feed-atom",
        "sitemap-index",
        "sitemap-section",
        "robots",
        "api:releases",
        "api:release",
        "api:themes",
        "api:theme",
        "api:speakers",
        "api:speaker",
        "api:partnerships",
        "api:partnership",
        "api:organisations",
        "api:organisation",
        "api:openapi-json",
    } <= names
    for state in NOT_PUBLIC:
        hidden_detail = (
            world["public"]
            .url_in("en")
            .replace(world["public"].slug, "zeppelin-%s" % state)
        )
        assert answers[hidden_detail][0] == 404
    for path in (
        "/en/",
        "/en/releases/",
        world["public"].url_in("en"),
        "/en/topics/leak-theme/",
        "/en/speakers/leak-speaker/",
        "/en/partnerships/leak-partnership/",
        "/en/feeds/releases.rss",
        "/en/topics/leak-theme/feed.atom",
    ):
        assert "Public release" in answers[path][2], path
    api = walk(
        [
            "/api/v1/releases/",
            "/api/v1/releases/%s" % world["public"].slug,
            "/api/v1/releases/?theme=leak-theme&language=sv",
        ]
    )
    for path, (status, _location, body) in api.items():
        assert status == 200, path
        assert "Offentligt pressmeddelande" in body or "Public release" in body, path
    sitemaps = walk(["/sitemap-%s.xml" % s for s in argument_values(world)["section"]])
    for path, (status, _location, body) in sitemaps.items():
        assert status == 200, path
        assert "leak-" in body or world["public"].slug in body, path
