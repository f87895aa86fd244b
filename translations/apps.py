from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "translations"
    verbose_name = _("Translations")

    def ready(self):
        from translations import signals
        from translations.roles import ensure_groups_after_migrate

        signals.connect()
        # The Communications and Translators groups (translations/roles.py).
        post_migrate.connect(ensure_groups_after_migrate, sender=self)
