"""The forms of the translators' own admin pages."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.languages import language_choices
from translations.models import TranslatorProfile


class TranslatorProfileForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=capfirst(_("languages")),
        # A callable: the names in the language of whoever opens the form.
        choices=language_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The languages this person translates into."),
    )

    class Meta:
        model = TranslatorProfile
        fields = ("user", "languages")
