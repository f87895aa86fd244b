from django import forms
from django.utils.translation import gettext_lazy as _

from releases.forms import kind_field, year_field
from search.query import Filters, parse

#: Longer queries are refused: nobody types them, and each word costs.
MAX_QUERY_LENGTH = 200


class SearchForm(forms.Form):
    """The query and the facets chosen, all in the query string.

    Themes, speakers and partnerships are given by slug and not looked up:
    a slug that matches nothing public finds nothing, exactly as one that
    does not exist, so the form tells nobody what unpublished releases hold.
    """

    q = forms.CharField(
        label=_("Search releases"),
        widget=forms.SearchInput,
        max_length=MAX_QUERY_LENGTH,
        required=False,
        error_messages={
            "max_length": _(
                "Search for at most %(limit_value)d characters (this has %(show_value)d)."
            )
        },
    )
    topic = forms.SlugField(label=_("Theme"), required=False)
    kind = kind_field()
    year = year_field()
    speaker = forms.SlugField(label=_("Speaker"), required=False)
    partnership = forms.SlugField(label=_("Partnership"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("topic", "kind", "year", "speaker", "partnership"):
            self.fields[name].widget = forms.HiddenInput()

    def parsed(self):
        return parse(self.cleaned_data["q"])

    def filters(self):
        data = self.cleaned_data
        return Filters(
            topic=data["topic"] or None,
            kind=data["kind"] or None,
            year=data["year"],
            speaker=data["speaker"] or None,
            partnership=data["partnership"] or None,
        )
