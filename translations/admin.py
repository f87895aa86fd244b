from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from newsroom.languages import EU_LANGUAGES
from translations.models import TranslatorProfile


class TranslatorProfileForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("languages"),
        choices=[
            (code, "%s (%s)" % (english, native))
            for code, native, english in EU_LANGUAGES
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The languages this person translates into."),
    )

    class Meta:
        model = TranslatorProfile
        fields = ("user", "languages")


@admin.register(TranslatorProfile)
class TranslatorProfileAdmin(admin.ModelAdmin):
    form = TranslatorProfileForm
    list_display = ("user", "language_list")
    search_fields = ("user__username", "user__first_name", "user__last_name")
    autocomplete_fields = ("user",)

    @admin.display(description=_("languages"))
    def language_list(self, obj):
        return obj.language_names() or "—"
