"""What the apps' admins share: language tabs and per-language columns.

Not an app's admin module: releases/admin.py and partnerships/admin.py
import from here.
"""

from django.conf import settings
from django.contrib import messages
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from modeltranslation.utils import build_localized_fieldname

from core.languages import LANGUAGE_CODES, translated_name
from core.widgets import RichTextFormField, RichTextWidget, editor_config
from history.admin import RevisionAdmin
from translations.admin_limits import TranslatorInlineLimits, TranslatorLimits


class TabbedTranslationAdmin(TranslatorLimits, RevisionAdmin, TranslationAdmin):
    """One tab per language for every translated field.

    modeltranslation's own TabbedTranslationAdmin takes jQuery UI from its
    JQUERY_UI_URL setting, which defaults to Google's CDN; the admin must
    load nothing from outside the site, so the bundled copy named by
    MODELTRANSLATION_JQUERY_UI_URL is listed here instead. admin-extra marks
    the tabs of languages that have text, which 24 tabs need.

    TranslatorLimits gives translators a form limited to their languages'
    columns, enforced on the server (translations/admin_limits.py). It comes
    first: it must see a POST as it was sent, before anything rewrites it.

    RevisionAdmin keeps a revision per save, with history, compare and
    restore, and refuses a save that would overwrite someone else's change
    made meanwhile (history/admin.py, history/conflicts.py).
    """

    class Media:
        js = (
            "admin/js/jquery.init.js",
            "modeltranslation/js/force_jquery.js",
            settings.MODELTRANSLATION_JQUERY_UI_URL,
            "modeltranslation/js/tabbed_translation_fields.js",
            "admin-extra/language-tabs.js",
        )
        css = {
            "all": (
                "modeltranslation/css/tabbed_translation_fields.css",
                "admin-extra/language-tabs.css",
                "admin-extra/focus.css",
                "admin-extra/layout.css",
            )
        }

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # The model's rich-text fields get the editor; modeltranslation then
        # copies the original field's widget to each language's column.
        original = getattr(db_field, "translated_field", db_field)
        if original.name in getattr(self.model, "rich_text_fields", ()):
            kwargs["widget"] = RichTextWidget(config_in_page=True)
            kwargs["form_class"] = RichTextFormField
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def render_change_form(self, request, context, *args, **kwargs):
        # The editors' configuration, once for the page's 48 of them
        # (templates/admin/change_form.html).
        if getattr(self.model, "rich_text_fields", ()):
            context["richtext_config"] = editor_config()
        if request.method == "POST" and request.FILES:
            # A form sent back with errors cannot hold the files chosen in
            # it (browsers never prefill a file input): say so, by name,
            # rather than let the next save quietly lack the picture.
            names = sorted({upload.name for upload in request.FILES.values()})
            messages.warning(
                request,
                ngettext(
                    "Nothing was saved, so the file you chose was not kept: "
                    "%(files)s. Choose it again before saving.",
                    "Nothing was saved, so the files you chose were not kept: "
                    "%(files)s. Choose them again before saving.",
                    len(names),
                )
                % {"files": ", ".join(names)},
            )
        return super().render_change_form(request, context, *args, **kwargs)


class StackedTranslationInline(TranslatorInlineLimits, TranslationStackedInline):
    """An inline of translated rows, limited for translators like its parent."""


class TabularTranslationInline(TranslatorInlineLimits, TranslationTabularInline):
    """An inline of translated rows, limited for translators like its parent."""


def localized_search_fields(*fields):
    """``search_fields`` entries for ``fields`` in every language.

    The one place where per-language columns are named: the admin searches
    them all, whatever the editor's interface language.
    """
    return tuple(
        build_localized_fieldname(field, code)
        for field in fields
        for code in LANGUAGE_CODES
    )


def in_default_language(field):
    """``title_en``: the column prepopulated slugs are made from."""
    return build_localized_fieldname(field, settings.MODELTRANSLATION_DEFAULT_LANGUAGE)


def language_codes_html(codes, original=None):
    """ "EN SV" with each language's name as a tooltip, the original in bold."""
    badges = []
    for code in codes:
        name = translated_name(code)
        if code == original:
            title = _("%(language)s, original language") % {"language": name}
            badges.append(
                format_html(
                    '<abbr title="{}"><strong>{}</strong></abbr>', title, code.upper()
                )
            )
        else:
            badges.append(format_html('<abbr title="{}">{}</abbr>', name, code.upper()))
    return format_html_join(" ", "{}", ((badge,) for badge in badges)) or "—"
