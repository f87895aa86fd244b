from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.languages import LANGUAGE_CODES
from releases.importer import LegacyFormatError, decode_legacy, parse_legacy
from releases.services import import_legacy_release


class Command(BaseCommand):
    @property
    def help(self):
        # Translated when the parser is built: argparse cannot take lazy text.
        return _(
            "Import a press release saved as text from the old website. The text "
            "goes into the columns of --language; the release is published at 12:00 "
            "on the page's date, in the site's time zone (TIME_ZONE, Europe/Brussels "
            "by default). Importing the same page again updates the release."
        )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("The page, as UTF-8 text."))
        parser.add_argument(
            "--language",
            required=True,
            help=_("The page's language, e.g. sv (one of: %(codes)s).")
            % {"codes": ", ".join(LANGUAGE_CODES)},
        )
        parser.add_argument(
            "--reference",
            help=_(
                "The release's reference. By default LEGACY-<yyyymmdd>-<hash of the "
                "title>, so that importing the page again finds the same release; "
                "give the reference of an existing release to add a translation."
            ),
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help=_("Publish the release (new releases are drafts otherwise)."),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Show what would be imported, and write nothing."),
        )

    def handle(self, *args, file, language, reference, publish, dry_run, **options):
        if language not in LANGUAGE_CODES:
            raise CommandError(
                _("Unknown language “%(language)s”. Use one of: %(codes)s.")
                % {"language": language, "codes": ", ".join(LANGUAGE_CODES)}
            )
        path = Path(file)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise CommandError(_("No such file: %(file)s") % {"file": file}) from None
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s")
                % {"file": file, "error": exc.strerror or exc}
            ) from None

        try:
            parsed = parse_legacy(decode_legacy(data))
            with transaction.atomic():
                outcome = import_legacy_release(
                    parsed=parsed,
                    language=language,
                    reference=reference,
                    publish=publish,
                )
                if dry_run:
                    transaction.set_rollback(True)
        except LegacyFormatError as exc:
            raise CommandError(
                _("%(file)s, %(error)s Nothing was imported.")
                % {"file": path.name, "error": exc}
            ) from None
        self.report(outcome, parsed, language, dry_run)

    def report(self, outcome, parsed, language, dry_run):
        release = outcome.release
        if dry_run and outcome.created:
            headline = _("Dry run, nothing written: would create %(reference)s")
        elif dry_run:
            headline = _("Dry run, nothing written: would update %(reference)s")
        elif outcome.created:
            headline = _("Created press release %(reference)s")
        else:
            headline = _("Updated press release %(reference)s")
        self.stdout.write(
            self.style.SUCCESS(headline % {"reference": release.reference})
        )
        local = timezone.localtime(release.published_at)
        lines = [
            (_("Title"), parsed.title),
            (_("Language"), language),
            (_("Kind"), release.get_kind_display()),
            (_("Date"), local.strftime("%Y-%m-%d %H:%M %Z")),
            (_("Status"), release.get_status_display()),
            (
                _("Topics"),
                "; ".join(
                    pgettext("topic", "%(name)s (new)") % {"name": topic}
                    if created
                    else str(topic)
                    for topic, created in outcome.topics
                ),
            ),
            (
                _("Speakers"),
                "; ".join(
                    speaker_note(created, quoted) % {"name": speaker.display_name}
                    for speaker, created, quoted in outcome.speakers
                ),
            ),
        ]
        if not dry_run:
            lines += [
                (_("Address"), self.public_url(release, language)),
                (_("Edit"), self.admin_url(release)),
            ]
        for label, value in lines:
            if value:
                self.stdout.write("  %s: %s" % (label, value))
        if outcome.notes:
            self.stdout.write(_("Not mapped:"))
            for note in outcome.notes:
                self.stdout.write("  - %s" % note)

    def public_url(self, release, language):
        try:
            url = release.url_in(language)
        except NoReverseMatch:
            return ""
        if not release.is_public:
            url += "  " + _("(not public until published)")
        return url

    def admin_url(self, release):
        try:
            return reverse("admin:releases_pressrelease_change", args=[release.pk])
        except NoReverseMatch:
            return ""


def speaker_note(created, quoted):
    """A whole sentence per case, so each language can phrase it its own way."""
    if created:
        if quoted:
            return pgettext("speaker", "%(name)s (new, quoted)")
        return pgettext("speaker", "%(name)s (new, named in the text)")
    if quoted:
        return pgettext("speaker", "%(name)s (quoted)")
    return pgettext("speaker", "%(name)s (named in the text)")
