"""Demo content: the seed release from the old website and a newsroom around it.

``load_demo()`` builds, in one transaction, the organisations, speakers,
partnership and initiative the seed names, imports the seed through the same
service as ``manage.py import_legacy``, gives it an English translation, and
adds some fifty invented releases over the years since 2019 so that lists
paginate, archives have years and months, and visitors meet fallbacks. Every
object is found by its slug or reference before it is created, so running
it again changes nothing.
"""

import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname

from core.slugs import ascii_slugify
from demo.data import content
from demo.data import images as demo_images
from history import revisions
from partnerships.models import AreaOfWork, Organisation, Partnership
from releases.legacy.importer import import_legacy_release
from releases.legacy.parser import decode_legacy, legacy_reference, parse_legacy
from releases.models import (
    PressContact,
    PressRelease,
    PressReleaseSpeaker,
    ReleaseImage,
    ReleaseTransition,
    Speaker,
    Topic,
)
from releases.roles import AUTHORS, PUBLISHERS, sync_roles

SEED_PATH = Path(__file__).resolve().parent / "data" / "seed_sv.txt"
#: References of the invented releases; their presence means "loaded".
REFERENCE_PREFIX = "DEMO-"
FURTHER_RELEASES = 48
#: The password of the demo's users on a developer's machine.
DEMO_PASSWORD = "newsroom-demo"
ADMIN_USERNAME = "admin"
#: The demo's staff in the two editorial roles (releases/roles.py).
AUTHOR_USERNAME = "author"
PUBLISHER_USERNAME = "publisher"


@dataclass
class DemoSummary:
    seed: PressRelease
    releases: int
    public: int
    drafts: int
    in_review: int
    scheduled: int


def is_loaded():
    return PressRelease.objects.filter(reference__startswith=REFERENCE_PREFIX).exists()


@transaction.atomic
def load_demo(*, now=None):
    """Build the demo content; returns a DemoSummary."""
    now = now or timezone.now()
    organisations = {
        slug: _organisation(slug, values)
        for slug, values in content.ORGANISATIONS.items()
    }
    topics = {slug: _topic(slug, names) for slug, names in content.TOPICS.items()}
    for name, values in content.SEED_SPEAKERS.items():
        _speaker(name, values, organisations)
    speakers = [
        _speaker(name, values, organisations)
        for name, values in content.DEMO_SPEAKERS.items()
    ]
    initiative, partnership = _partnerships(organisations)
    seed = _seed_release(partnership)
    releases = _further_releases(
        topics=topics,
        speakers=speakers,
        initiative=initiative,
        partnership=partnership,
        seed=seed,
        now=now,
    )
    _workflow_history(releases, now=now)
    every = PressRelease.objects.filter(pk__in=[seed.pk, *(r.pk for r in releases)])
    return DemoSummary(
        seed=seed,
        releases=every.count(),
        public=every.published().count(),
        drafts=every.filter(status=PressRelease.Status.DRAFT).count(),
        in_review=every.filter(status=PressRelease.Status.REVIEW).count(),
        scheduled=every.filter(
            status=PressRelease.Status.PUBLISHED, published_at__gt=timezone.now()
        ).count(),
    )


def ensure_admin(*, debug):
    """The demo's superuser: (username, password to print or None).

    On a developer's machine (DEBUG) the password is the fixed demo password,
    so that ``make run`` can print the login every time. Otherwise a random
    one is made the first time and can only be printed then.
    """
    return _ensure_login(
        ADMIN_USERNAME,
        debug=debug,
        create=lambda users, password: users.create_superuser(
            ADMIN_USERNAME, "admin@newsroom.example.org", password
        ),
    )


def ensure_editors(*, debug):
    """The demo's author and publisher, staff in their groups.

    [(username, password to print or None)], with passwords as ensure_admin()
    makes them.
    """
    groups = sync_roles()
    logins = []
    for username, group in (
        (AUTHOR_USERNAME, groups[AUTHORS]),
        (PUBLISHER_USERNAME, groups[PUBLISHERS]),
    ):

        def create(users, password, username=username):
            return users.create_user(
                username,
                "%s@newsroom.example.org" % username,
                password,
                is_staff=True,
            )

        logins.append(_ensure_login(username, debug=debug, create=create))
        get_user_model()._default_manager.get(username=username).groups.add(group)
    return logins


def _ensure_login(username, *, debug, create):
    users = get_user_model()._default_manager
    user = users.filter(username=username).first()
    if user is None:
        password = DEMO_PASSWORD if debug else secrets.token_urlsafe(12)
        create(users, password)
        return username, password
    if debug and user.check_password(DEMO_PASSWORD):
        return username, DEMO_PASSWORD
    return username, None


def record_history():
    """A revision of every demo object as it was loaded.

    The demo writes through the ORM, mostly without revisions; without this,
    an object's history would begin the first time someone opened it, with a
    revision stamped at that moment. Objects whose latest revision already
    holds what they are now (the seed, as imported) keep it.
    """
    for model in (Topic, Speaker, Organisation, Partnership, PressRelease):
        for obj in model._default_manager.all():
            revisions.ensure_current_revision(obj, kind=revisions.DEMO)


def _workflow_history(releases, *, now):
    """The steps that brought the release in review and the scheduled one
    where they are, by the demo's author and publisher; recorded once."""
    users = get_user_model()._default_manager
    author = users.filter(username=AUTHOR_USERNAME).first()
    publisher = users.filter(username=PUBLISHER_USERNAME).first()
    Status = PressRelease.Status
    for release in releases:
        if release.transitions.exists():
            continue
        steps = []
        if release.status == Status.REVIEW or release.is_scheduled:
            steps.append(
                (Status.DRAFT, Status.REVIEW, author, content.REVIEW_COMMENT, None)
            )
        if release.is_scheduled:
            steps += [
                (Status.REVIEW, Status.APPROVED, publisher, "", None),
                (
                    Status.APPROVED,
                    Status.PUBLISHED,
                    publisher,
                    content.SCHEDULE_COMMENT,
                    release.published_at,
                ),
            ]
        for hours_ago, (from_, to, user, comment, published_at) in zip(
            range(len(steps) * 2, 0, -2), steps, strict=False
        ):
            ReleaseTransition.objects.create(
                release=release,
                from_status=from_,
                to_status=to,
                user=user,
                at=now - timedelta(hours=hours_ago),
                comment=comment,
                published_at=published_at,
            )


def _translated(prefix, values):
    """{"name_en": ..., "name_sv": ...} from {"en": ..., "sv": ...}."""
    return {
        build_localized_fieldname(prefix, code): text for code, text in values.items()
    }


def _organisation(slug, values):
    organisation, _created = Organisation.objects.update_or_create(
        slug=slug,
        defaults={
            "kind": values["kind"],
            "website": values["website"],
            **_translated("name", values["name"]),
            **_translated("acronym", values["acronym"]),
        },
    )
    return organisation


def _topic(slug, names):
    description = content.TOPIC_DESCRIPTIONS.get(slug, {})
    topic, _created = Topic.objects.update_or_create(
        slug=slug,
        defaults={
            **_translated("name", names),
            **_translated("description", description),
        },
    )
    return topic


def _speaker(name, values, organisations):
    speaker, _created = Speaker.objects.update_or_create(
        slug=values.get("slug") or ascii_slugify(name),
        defaults={
            "name": name,
            "country": values["country"],
            "political_group": values["political_group"],
            "organisation": organisations[
                values.get("organisation", "european-committee-of-the-regions")
            ],
            **_translated("role", values["role"]),
        },
    )
    return speaker


def _partnerships(organisations):
    both = organisations.values()
    initiative, _created = Partnership.objects.update_or_create(
        slug=content.INITIATIVE["slug"],
        defaults={
            "kind": Partnership.Kind.INITIATIVE,
            "status": Partnership.Status.ACTIVE,
            # The seed says 2019; the day is the demo's.
            "launched_on": date(2019, 7, 1),
            **_translated("name", content.INITIATIVE["name"]),
            **_translated("description", content.INITIATIVE["description"]),
        },
    )
    initiative.partners.set([organisations["european-committee-of-the-regions"]])
    partnership, _created = Partnership.objects.update_or_create(
        slug=content.PARTNERSHIP["slug"],
        defaults={
            "kind": Partnership.Kind.PARTNERSHIP,
            "status": Partnership.Status.ACTIVE,
            "launched_on": date(2020, 12, 12),
            "builds_on": initiative,
            **_translated("name", content.PARTNERSHIP["name"]),
            **_translated("description", content.PARTNERSHIP["description"]),
        },
    )
    partnership.partners.set(both)
    for position, titles in enumerate(content.PARTNERSHIP["areas"]):
        AreaOfWork.objects.update_or_create(
            partnership=partnership,
            position=position,
            defaults=_translated("title", titles),
        )
    return initiative, partnership


def _seed_release(partnership):
    """The seed, imported as an editor would, then completed by hand."""
    parsed = parse_legacy(decode_legacy(SEED_PATH.read_bytes()), "sv")
    outcome = import_legacy_release(
        parsed=parsed,
        language="sv",
        reference=legacy_reference(parsed),
        publish=True,
    )
    release = outcome.release
    english = content.SEED_ENGLISH
    for field in ("title", "lead", "body", "more_information"):
        setattr(release, build_localized_fieldname(field, "en"), english[field])
    # The scrape lost the Swedish links; an editor puts them back by hand.
    setattr(
        release,
        build_localized_fieldname("more_information", "sv"),
        content.SEED_SWEDISH_MORE_INFORMATION,
    )
    release.partnership = partnership
    release.save()
    release.tags.add("integration", "plenary session")
    quote = release.quotes.get(speaker__slug="apostolos-tzitzikostas")
    quote.role_en = english["role"]
    quote.quote_en = english["quote"]
    quote.save()
    _contacts(release, count=2)
    _seed_image(release)
    return release


def _seed_image(release):
    """A picture for the seed, so that its page shows a figure."""
    if release.images.exists():
        return
    values = demo_images.SEED_IMAGE
    image = ReleaseImage(
        release=release,
        credit=values["credit"],
        **_translated("alt", values["alt"]),
        **_translated("caption", values["caption"]),
    )
    image.image.save(
        "european-flag.png", ContentFile(demo_images.european_flag()), save=False
    )
    image.full_clean()
    image.save()


def _contacts(release, *, count):
    for position, values in enumerate(content.CONTACTS[:count]):
        PressContact.objects.update_or_create(
            release=release,
            name=values["name"],
            defaults={
                "email": values["email"],
                "phone": values["phone"],
                "position": position,
                **_translated("role", values["role"]),
            },
        )


def _further_releases(*, topics, speakers, initiative, partnership, seed, now):
    """The invented releases, oldest first, spread from 2019 until last week.

    Round r of the subjects uses title r + s (mod 4) for subject s, so kinds
    and subjects interleave through the years instead of coming in blocks.
    """
    templates = ("adopted", "meeting", "support", "conference")
    start = timezone.make_aware(datetime(2019, 1, 21, 10, 0))
    step = (now - timedelta(days=5) - start) / (FURTHER_RELEASES - 1)
    releases, previous_on_subject = [], {}
    for index in range(FURTHER_RELEASES):
        round_, number = divmod(index, len(content.SUBJECTS))
        subject = content.SUBJECTS[number]
        template = templates[(round_ + number) % len(templates)]
        if template == "support" and number % 2:
            template = "statement"
        local = timezone.localtime(start + step * index)
        published_at = local.replace(hour=9 + index % 8, minute=15 * (index % 4))
        release = _release(
            index=index,
            subject=subject,
            template=template,
            speaker=speakers[index % len(speakers)],
            published_at=published_at,
            now=now,
        )
        release.topics.set(topics[slug] for slug in subject["topics"])
        release.tags.add(*subject["tags"])
        if subject.get("partnership"):
            launched = published_at.date() >= partnership.launched_on
            release.partnership = partnership if launched else initiative
            release.save(update_fields=["partnership"])
            release.related.add(seed)
        if number in previous_on_subject:
            release.related.add(previous_on_subject[number])
        previous_on_subject[number] = release
        if release.kind == PressRelease.Kind.PRESS_RELEASE:
            _contacts(release, count=1 + index % 2)
        releases.append(release)
    return releases


def _release(*, index, subject, template, speaker, published_at, now):
    """One invented release, in the languages its place in the pattern gives."""
    original, others = content.LANGUAGE_PATTERNS[index % len(content.LANGUAGE_PATTERNS)]
    if original is None:
        original = ("de", "fr", "el")[(index // len(content.LANGUAGE_PATTERNS)) % 3]
    languages = (original, *others)
    kind = content.TITLES[template]["kind"]
    quoted = kind == "statement" or index % 3 != 2
    quote_text = content.QUOTES[index % len(content.QUOTES)]

    values = {
        "kind": kind,
        "original_language": original,
        "status": PressRelease.Status.PUBLISHED,
        "published_at": published_at,
    }
    # A draft that is not ready yet, one waiting for review and one release
    # scheduled for next week: they exist, but the public must not see them.
    if index == FURTHER_RELEASES // 2:
        values["status"] = PressRelease.Status.DRAFT
    if index == FURTHER_RELEASES - 3:
        values["status"] = PressRelease.Status.REVIEW
    if index == FURTHER_RELEASES - 1:
        next_week = timezone.localtime(now + timedelta(days=7))
        values["published_at"] = next_week.replace(
            hour=10, minute=0, second=0, microsecond=0
        )
    for code in languages:
        words = {
            "subject": subject[code],
            "Subject": subject[code][:1].upper() + subject[code][1:],
            "in_city": content.CITIES[index % len(content.CITIES)][code],
            "speaker": speaker.name,
            "role": getattr(speaker, build_localized_fieldname("role", code)),
            "affiliation": speaker.affiliation,
        }
        paragraphs = [content.CONTEXT[code]]
        if quoted:
            paragraphs.append(
                content.QUOTE_SENTENCES[code].format(quote=quote_text[code], **words)
            )
        paragraphs.append(content.CLOSINGS[kind][code])
        values.update(
            {
                build_localized_fieldname("title", code): content.TITLES[template][
                    code
                ].format(**words),
                build_localized_fieldname("lead", code): content.LEADS[kind][
                    code
                ].format(**words),
                build_localized_fieldname("body", code): "".join(
                    "<p>%s</p>" % paragraph for paragraph in paragraphs
                ),
            }
        )
    release, _created = PressRelease.objects.update_or_create(
        reference="%s%03d" % (REFERENCE_PREFIX, index + 1),
        defaults=values,
    )
    if quoted:
        PressReleaseSpeaker.objects.update_or_create(
            release=release,
            speaker=speaker,
            defaults={
                **_translated("quote", {code: quote_text[code] for code in languages}),
            },
        )
    return release
