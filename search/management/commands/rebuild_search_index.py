from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from search.indexing import BATCH_SIZE, rebuild


class Command(BaseCommand):
    help = _(
        "Rebuild the search documents of every release: after a deploy that "
        "changes how they are built, a bulk import or loading fixtures."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size",
            type=int,
            default=BATCH_SIZE,
            help=_("Releases indexed per transaction (default %(default)s)."),
        )

    def handle(self, *args, batch_size, verbosity, **options):
        if batch_size < 1:
            raise CommandError(_("--batch-size must be 1 or more."))

        def progress(done, total):
            if verbosity > 1:
                self.stdout.write("%d/%d" % (done, total))

        count = rebuild(batch_size=batch_size, progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                ngettext(
                    "Indexed %(count)d release.", "Indexed %(count)d releases.", count
                )
                % {"count": count}
            )
        )
