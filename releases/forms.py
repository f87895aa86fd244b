"""Form fields the public filters share: the release list's and search's."""

from django import forms
from django.utils.translation import gettext_lazy as _

from releases.models import PressRelease


def kind_field(blank_label=""):
    """A release kind, optional; an unknown one is an error naming it."""
    return forms.ChoiceField(
        label=_("Kind"),
        choices=[("", blank_label), *PressRelease.Kind.choices],
        required=False,
        error_messages={"invalid_choice": _("There is no kind “%(value)s”.")},
    )


def year_field():
    """A year of publication, optional, within what the archive can hold."""
    example = _("Enter a year such as 2020.")
    return forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=1900,
        max_value=2999,
        error_messages={"invalid": example, "min_value": example, "max_value": example},
    )
