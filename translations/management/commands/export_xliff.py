import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from core.languages import LANGUAGE_CODES
from translations import documents
from translations.xliff.export import VERSIONS, export_releases, summary


class Command(BaseCommand):
    @property
    def help(self):
        return _(
            "Export press releases for translation as XLIFF 1.2 or 2.0: one file "
            "per target language (a .zip when there are several), each field a "
            "unit, rich text segmented by block with its markup as inline codes."
        )

    def create_parser(self, prog_name, subcommand, **kwargs):
        # --version names the XLIFF version here, as translators expect; it
        # replaces the option every command has to print Django's version.
        kwargs.setdefault("conflict_handler", "resolve")
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument(
            "--release",
            action="extend",
            nargs="+",
            required=True,
            metavar="REFERENCE",
            help=_("A release's reference, e.g. COR/20/123; repeat for several."),
        )
        parser.add_argument(
            "--target",
            action="extend",
            nargs="+",
            required=True,
            metavar="LANGUAGE",
            help=_("A language to translate into, e.g. sv; repeat for several."),
        )
        parser.add_argument(
            "--version",
            choices=VERSIONS,
            default="1.2",
            help=_("The XLIFF version (default 1.2)."),
        )
        parser.add_argument(
            "-o",
            "--output",
            help=_(
                "The file to write. By default one named after the releases and "
                "languages, in the current folder."
            ),
        )

    def handle(self, *args, release, target, version, output, **options):
        unknown = [code for code in target if code not in LANGUAGE_CODES]
        if unknown:
            raise CommandError(
                _("Unknown language “%(language)s”. Use one of: %(codes)s.")
                % {"language": unknown[0], "codes": ", ".join(LANGUAGE_CODES)}
            )
        references = list(dict.fromkeys(release))
        found = {
            r.reference: r
            for r in documents.primary_model().objects.filter(reference__in=references)
        }
        missing = [reference for reference in references if reference not in found]
        if missing:
            raise CommandError(
                _("No press release has the reference %(references)s.")
                % {"references": ", ".join(missing)}
            )
        export = export_releases(
            [found[reference] for reference in references], target, version
        )
        for notice in export.notices:
            self.stderr.write(notice)
        if not export.documents:
            raise CommandError(_("Nothing to export."))
        stem = (
            re.sub(r"[^A-Za-z0-9._-]+", "-", references[0])
            if len(references) == 1
            else "press-releases"
        )
        name, _content_type, data = export.archive(stem)
        path = Path(output or name)
        path.write_bytes(data)
        self.stdout.write(
            _("Wrote %(path)s: %(summary)s")
            % {"path": path, "summary": summary(export)}
        )
