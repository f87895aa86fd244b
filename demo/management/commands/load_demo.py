from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from demo import content as demo
from demo import translators as translation_demo


class Command(BaseCommand):
    @property
    def help(self):
        return _(
            "Load the demo content once: the seed press release from the old "
            "website, its speakers, organisations and partnership, and some fifty "
            "releases around it. Does nothing if the demo is already there. Also "
            "makes sure there are an “admin” superuser, an “author”, a "
            "“publisher” and a Swedish translator, and prints their logins."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--site",
            default="http://127.0.0.1:8000",
            help=_("Where the site is served, for the login printed at the end."),
        )

    def handle(self, *args, site, **options):
        with transaction.atomic():
            # The users first: the demo's workflow history names the author
            # and the publisher.
            logins = [(_("Admin"), *demo.ensure_admin(debug=settings.DEBUG))]
            (author, publisher) = demo.ensure_editors(debug=settings.DEBUG)
            logins += [(_("Author"), *author), (_("Publisher"), *publisher)]
            logins.append(
                (
                    _("Translator"),
                    *translation_demo.ensure_translator(
                        debug=settings.DEBUG, password=demo.DEMO_PASSWORD
                    ),
                )
            )
            if demo.is_loaded():
                self.stdout.write(
                    _("The demo content is already loaded; nothing to do.")
                )
            else:
                summary = demo.load_demo()
                # Work for the translator: Swedish made before English changed.
                translation_demo.outdate_swedish()
                demo.record_history()
                self.stdout.write(
                    self.style.SUCCESS(
                        _(
                            "Loaded the demo: %(releases)d releases (public: "
                            "%(public)d, draft: %(drafts)d, in review: "
                            "%(in_review)d, scheduled: %(scheduled)d), including "
                            "the seed %(reference)s."
                        )
                        % {
                            "releases": summary.releases,
                            "public": summary.public,
                            "drafts": summary.drafts,
                            "in_review": summary.in_review,
                            "scheduled": summary.scheduled,
                            "reference": summary.seed.reference,
                        }
                    )
                )
        try:
            admin_url = site.rstrip("/") + reverse("admin:index")
        except NoReverseMatch:
            admin_url = site
        for role, username, password in logins:
            values = {"role": role, "url": admin_url, "user": username}
            if password:
                self.stdout.write(
                    _("%(role)s login: %(url)s  user: %(user)s  password: %(password)s")
                    % {**values, "password": password}
                )
            else:
                self.stdout.write(
                    _(
                        "%(role)s login: %(url)s  user: %(user)s  (password as set "
                        "when it was created; change it with `manage.py "
                        "changepassword %(user)s`)"
                    )
                    % values
                )
