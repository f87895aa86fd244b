from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from translations.xliff.importer import import_file, max_size


class Command(BaseCommand):
    @property
    def help(self):
        return _(
            "Import translations from an XLIFF 1.2 or 2.0 file (or a .zip of "
            "them) exported by export_xliff. Nothing is written if any unit "
            "names an unknown object, field or language; a unit whose source "
            "changed since the export is reported as a conflict, not applied."
        )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("The .xlf file, or a .zip of them."))
        parser.add_argument(
            "--user",
            help=_(
                "Import as this user: their languages and rights apply, and the "
                "translations are recorded as theirs."
            ),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Report what would be imported, and write nothing."),
        )

    def handle(self, *args, file, user, dry_run, **options):
        path = Path(file)
        try:
            size = path.stat().st_size
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s")
                % {"file": file, "error": error.strerror}
            ) from error
        if size > max_size():
            raise CommandError(
                _("%(name)s is %(size)s; the largest import accepted is %(max)s.")
                % {
                    "name": path.name,
                    "size": filesizeformat(size),
                    "max": filesizeformat(max_size()),
                }
            )
        account = None
        if user:
            account = get_user_model().objects.filter(username=user).first()
            if account is None:
                raise CommandError(_("No user is called “%(user)s”.") % {"user": user})
        report = import_file(
            path.read_bytes(), filename=path.name, user=account, dry_run=dry_run
        )
        for line in report.errors:
            self.stderr.write(line)
        for outcome in report.outcomes:
            self.stdout.write(str(outcome))
        if not report.ok:
            raise CommandError(report.summary())
        self.stdout.write(report.summary())
