from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.languages import LANGUAGES


class SearchDocument(models.Model):
    """What search reads of one release in one language it has text in.

    Built when the release, its quotes, themes or speakers are saved
    (search/indexing.py), never per query. Whether the release is public is
    not stored: every search joins the release and applies published(), so
    a scheduled release is found from its publication time on and a
    withdrawn one no longer is, without touching its document.
    """

    release = models.ForeignKey(
        "releases.PressRelease",
        verbose_name=_("press release"),
        on_delete=models.CASCADE,
        related_name="search_documents",
    )
    language = models.CharField(_("language"), max_length=7, choices=LANGUAGES)
    #: PostgreSQL text-search configuration: 'swedish', 'greek', 'simple'...
    config = models.CharField(_("text-search configuration"), max_length=40)
    # Folded text (search/text.py), by weight: the title counts most, then
    # the lead, themes and speakers' names, then the body and quotes.
    title = models.TextField(_("title"), blank=True)
    keywords = models.TextField(_("lead, themes and speakers"), blank=True)
    content = models.TextField(_("body and quotes"), blank=True)
    #: The lead, body and quotes as written (accents, case), for snippets.
    excerpt = models.TextField(_("text for snippets"), blank=True)
    #: PostgreSQL only (NULL on SQLite): the three texts, weighted A, B, C.
    vector = SearchVectorField(_("search vector"), null=True, editable=False)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(
                fields=["release", "language"], name="search_document_unique"
            )
        ]
        indexes = [
            # Created on PostgreSQL only (see the migration).
            GinIndex(fields=["vector"], name="search_document_vector_idx"),
            models.Index(fields=["language", "release"], name="search_language_idx"),
        ]

    def __str__(self):
        return "%s (%s)" % (self.release_id, self.language)
