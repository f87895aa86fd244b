"""Every admin page an editor or translator uses: no WCAG 2.1 AA violation
found by axe-core (issue 10, point 1), as admin, author, publisher and the
Swedish translator.

One module fixture loads the demo, opens each page once in headless
Chromium (one context per role) and runs axe; each parametrised test reads
one page's result. The widgets are fixed rather than excluded: no rule and
no element is left out of the run.
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from partnerships.models import Organisation, Partnership
from releases.models import PressRelease, Speaker, Topic
from tests.browser.a11y import check, demo_world, logged_in_context
from tests.browser.axe import report
from translations.xliff.export import export_releases

pytestmark = [pytest.mark.browser]

ROLES = {
    "admin": "admin",
    "author": "author",
    "publisher": "publisher",
    "translator": "translator-sv",
}
EDITORS = ("admin", "author", "publisher")


def admin_url(obj, view="change"):
    opts = obj._meta
    name = "admin:%s_%s_%s" % (opts.app_label, opts.model_name, view)
    return reverse(name, args=[obj.pk])


def add_url(model):
    return reverse("admin:%s_%s_add" % (model._meta.app_label, model._meta.model_name))


#: (role, page) pairs, and the roles that see each page.
PAGES = {
    "index": tuple(ROLES),
    "release-list": tuple(ROLES),
    "release-change": tuple(ROLES),
    "release-change-draft": EDITORS,
    "release-add": EDITORS,
    "release-history": tuple(ROLES),
    "release-compare": tuple(ROLES),
    "workspace": ("admin", "translator"),
    "editor": ("admin", "translator"),
    "coverage": ("admin",),
    "xliff-import": ("admin", "translator"),
    "xliff-report": ("admin", "translator"),
    "workflow-submit": ("author",),
    "workflow-approve": ("publisher",),
    "workflow-publish": ("publisher",),
    "preview-link": ("publisher",),
    "topic-change": ("admin",),
    "topic-add": ("admin",),
    "speaker-change": ("admin",),
    "speaker-add": ("admin",),
    "organisation-change": ("admin",),
    "organisation-add": ("admin",),
    "partnership-change": ("admin",),
    "partnership-add": ("admin",),
}
CASES = [(role, name) for name, roles in PAGES.items() for role in roles]


def _xliff_upload(releases, language):
    """Upload an export of the first of ``releases`` with text to translate."""
    document = next(
        export.documents[0]
        for export in (export_releases([r], [language], "1.2") for r in releases)
        if export.documents
    )

    def before(page):
        page.set_input_files(
            "input[type=file]",
            {
                "name": "release.%s.xlf" % language,
                "mimeType": "application/x-xliff+xml",
                "buffer": document.render(),
            },
        )
        page.check("input[name=dry_run]")
        with page.expect_navigation():
            page.click("#content-main input[type=submit], #content-main button")

    return before


def admin_pages():
    """``{page: (url, before)}`` over the demo's objects."""
    by_status = PressRelease.objects.order_by("pk")
    seed = by_status.filter(reference__startswith="LEGACY").first()
    draft = by_status.filter(status=PressRelease.Status.DRAFT).first()
    review = by_status.filter(status=PressRelease.Status.REVIEW).first()
    scheduled = PressRelease.objects.filter(
        pk__in=[r.pk for r in by_status if not r.is_public]
    ).exclude(status__in=[PressRelease.Status.DRAFT, PressRelease.Status.REVIEW])
    first = {
        model: model.objects.order_by("pk").first()
        for model in (Topic, Speaker, Organisation, Partnership)
    }
    import_url = reverse("admin:releases_pressrelease_xliff_import")

    def step(release, name):
        return reverse("admin:releases_pressrelease_workflow", args=[release.pk, name])

    pages = {
        "index": reverse("admin:index"),
        "release-list": reverse("admin:releases_pressrelease_changelist"),
        "release-change": admin_url(seed),
        "release-change-draft": admin_url(draft),
        "release-add": add_url(PressRelease),
        "release-history": admin_url(seed, "history"),
        "release-compare": reverse(
            "admin:releases_pressrelease_compare", args=[seed.pk]
        ),
        "workspace": reverse("admin:translations_queue"),
        "editor": reverse(
            "admin:translations_editor",
            kwargs={"model": "pressrelease", "pk": seed.pk, "language": "sv"},
        ),
        "coverage": reverse("admin:translations_coverage"),
        "xliff-import": import_url,
        "xliff-report": (
            import_url,
            _xliff_upload(by_status.exclude(pk=seed.pk), "sv"),
        ),
        "workflow-submit": step(draft, "submit"),
        "workflow-approve": step(review, "approve"),
        "workflow-publish": step(review, "publish"),
        "preview-link": reverse(
            "admin:releases_pressrelease_preview_link", args=[scheduled.first().pk]
        ),
    }
    for model, obj in first.items():
        name = model._meta.model_name
        pages["%s-change" % name] = admin_url(obj)
        pages["%s-add" % name] = add_url(model)
    return pages


@pytest.fixture(scope="module")
def checked(browser, live_server, django_db_setup, django_db_blocker):
    results = {}
    with demo_world(django_db_blocker):
        pages = admin_pages()
        users = get_user_model().objects
        for role, username in ROLES.items():
            context = logged_in_context(
                browser,
                live_server,
                users.get(username=username),
                viewport={"width": 1280, "height": 900},
            )
            page = context.new_page()
            for role_, name in CASES:
                if role_ != role:
                    continue
                target = pages[name]
                url, before = target if isinstance(target, tuple) else (target, None)
                results[role, name] = check(page, live_server.url, url, before=before)
            context.close()
        context = logged_in_context(browser, live_server)
        page = context.new_page()
        results[None, "login"] = check(page, live_server.url, reverse("admin:login"))
        context.close()
    return results


@pytest.mark.parametrize(("role", "name"), CASES + [(None, "login")])
def test_admin_page_has_no_wcag_violation(checked, role, name):
    result = checked[role, name]
    assert result.status == 200, result.url
    assert result.violations == [], report({result.url: result.violations})
