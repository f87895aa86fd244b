"""A user's translation languages, on the user's own page in the admin.

An administrator making a translator's account sets everything on one page:
staff status, the Translators group and the languages. The translators'
list (TranslatorProfileAdmin in admin.py) shows them all; who may change
either is a matter of the auth and translations permissions, which only
administrators hold: translators cannot give themselves a language.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from translations.forms import TranslatorProfileForm
from translations.models import TranslatorProfile

User = get_user_model()


class TranslatorProfileInline(admin.StackedInline):
    model = TranslatorProfile
    form = TranslatorProfileForm
    fields = ("languages",)
    can_delete = True
    verbose_name = _("translation languages")
    verbose_name_plural = _("translation languages")
    extra = 1
    max_num = 1


admin.site.unregister(User)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = (*DjangoUserAdmin.inlines, TranslatorProfileInline)

    def get_inline_instances(self, request, obj=None):
        # Languages are set on an existing user, after the password step.
        if obj is None:
            return []
        return super().get_inline_instances(request, obj)
