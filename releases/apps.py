from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ReleasesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "releases"
    verbose_name = _("Press releases")

    def ready(self):
        from releases.roles import sync_roles_after_migrate

        # Authors, Publishers and Translators (releases/roles.py).
        post_migrate.connect(sync_roles_after_migrate, sender=self)

        from releases.cache import watch_public_content

        watch_public_content()
