from contextlib import nullcontext
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from core.languages import LANGUAGE_CODES
from releases.legacy.importer import import_legacy_release
from releases.legacy.parser import LegacyFormatError, decode_legacy, parse_legacy


class Command(BaseCommand):
    @property
    def help(self):
        # Translated when the parser is built: argparse cannot take lazy text.
        return _(
            "Import press releases saved as text from the old website: one page, "
            "several, or every .txt page in a folder. The text goes into the "
            "columns of --language; a release is published at 12:00 on its page's "
            "date, in the site's time zone (TIME_ZONE, Europe/Brussels by default). "
            "Each page is imported on its own: a page that is refused leaves the "
            "others imported, and makes the command exit with status 1. Importing "
            "the same page again updates its release."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="+",
            metavar="path",
            help=_(
                "A page, as UTF-8 text, or a folder: every .txt file in it and its "
                "subfolders, in name order."
            ),
        )
        parser.add_argument(
            "--language",
            required=True,
            help=_("The pages' language, e.g. sv (one of: %(codes)s).")
            % {"codes": ", ".join(LANGUAGE_CODES)},
        )
        parser.add_argument(
            "--reference",
            help=_(
                "The release's reference, with a single page only. By default "
                "LEGACY-<yyyymmdd>-<hash of the title>, so that importing the page "
                "again finds the same release; give the reference of an existing "
                "release to add a translation."
            ),
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help=_("Publish the releases (new releases are drafts otherwise)."),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Show the same report, and write nothing."),
        )

    def handle(self, *args, paths, language, reference, publish, dry_run, **options):
        if language not in LANGUAGE_CODES:
            raise CommandError(
                _("Unknown language “%(language)s”. Use one of: %(codes)s.")
                % {"language": language, "codes": ", ".join(LANGUAGE_CODES)}
            )
        pages = self.pages(paths)
        if reference and len(pages) > 1:
            raise CommandError(
                _(
                    "--reference names one release: give it with one page, not "
                    "%(count)d."
                )
                % {"count": len(pages)}
            )
        outcomes = {"created": 0, "updated": 0}
        refused = []
        # A dry run keeps what earlier pages would have created (a topic two
        # pages share is new once), and undoes it all at the end.
        with transaction.atomic() if dry_run else nullcontext():
            for number, path in enumerate(pages, start=1):
                progress = "[%d/%d] %s" % (number, len(pages), self.name(path, paths))
                try:
                    parsed = self.parse_page(path, language)
                    with transaction.atomic():
                        outcome = import_legacy_release(
                            parsed=parsed,
                            language=language,
                            reference=reference,
                            publish=publish,
                        )
                except LegacyFormatError as exc:
                    reason = _("%(file)s, %(error)s Nothing was imported.") % {
                        "file": self.name(path, paths),
                        "error": exc,
                    }
                    refused.append(reason)
                    self.stdout.write(
                        "%s: %s" % (progress, self.style.ERROR(_("refused")))
                    )
                    self.stdout.write("  " + reason)
                    continue
                outcomes["created" if outcome.created else "updated"] += 1
                self.report(outcome, parsed, language, dry_run, progress)
            if dry_run:
                transaction.set_rollback(True)
        self.summary(outcomes, refused, dry_run)
        if refused:
            if len(pages) == 1:
                raise CommandError(refused[0])
            raise CommandError(
                ngettext(
                    "%(refused)d of %(total)d page was refused; see the report above.",
                    "%(refused)d of %(total)d pages were refused; see the report "
                    "above.",
                    len(pages),
                )
                % {"refused": len(refused), "total": len(pages)}
            )

    def pages(self, paths):
        """The files to import, in order; a missing path stops everything."""
        pages = []
        for given in paths:
            path = Path(given)
            if path.is_dir():
                found = sorted(p for p in path.rglob("*.txt") if p.is_file())
                if not found:
                    raise CommandError(
                        _("No .txt pages in the folder %(folder)s.") % {"folder": given}
                    )
                pages += found
            elif path.exists():
                pages.append(path)
            else:
                raise CommandError(_("No such file: %(file)s") % {"file": given})
        return list(dict.fromkeys(pages))

    def name(self, path, paths):
        """The page as the report names it: its name, or its path in the folder."""
        for given in paths:
            folder = Path(given)
            if folder.is_dir() and folder in path.parents:
                return str(path.relative_to(folder))
        return path.name

    def parse_page(self, path, language):
        """The page understood, before anything touches the database."""
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise LegacyFormatError(
                1,
                _("the file cannot be read: %(error)s.")
                % {"error": exc.strerror or exc},
            ) from None
        return parse_legacy(decode_legacy(data), language)

    def summary(self, outcomes, refused, dry_run):
        if dry_run:
            line = _(
                "Dry run, nothing written. Would create: %(created)d, would update: "
                "%(updated)d, refused: %(refused)d."
            )
        else:
            line = _(
                "Created: %(created)d, updated: %(updated)d, refused: %(refused)d."
            )
        line %= {**outcomes, "refused": len(refused)}
        self.stdout.write(
            self.style.ERROR(line) if refused else self.style.SUCCESS(line)
        )
        for reason in refused:
            self.stdout.write("  - " + reason)

    def report(self, outcome, parsed, language, dry_run, progress):
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
            "%s: %s"
            % (
                progress,
                self.style.SUCCESS(headline % {"reference": release.reference}),
            )
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
        choices = [note for note in outcome.notes if note.choice]
        if choices:
            self.stdout.write("  " + _("Read as:"))
            for note in choices:
                self.stdout.write("    - %s" % note)
        unmapped = [note for note in outcome.notes if not note.choice]
        if unmapped:
            self.stdout.write("  " + _("Not mapped:"))
            for note in unmapped:
                self.stdout.write("    - %s" % note)

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
