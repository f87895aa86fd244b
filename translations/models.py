from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.languages import LANGUAGE_CODES, LANGUAGES, translated_name


def validate_language_codes(value):
    """A list of distinct codes of the site's languages."""
    if not isinstance(value, list):
        raise ValidationError(_("Give a list of language codes."), code="not_a_list")
    unknown = [code for code in value if code not in LANGUAGE_CODES]
    if unknown:
        raise ValidationError(
            _("Unknown language codes: %(codes)s."),
            code="unknown_language",
            params={"codes": ", ".join(map(str, unknown))},
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("A language is listed twice."), code="duplicate")


class TranslatorProfileQuerySet(models.QuerySet):
    def for_language(self, language):
        """Profiles that include ``language``, on every database.

        JSONField ``contains`` is not available on SQLite, so the list is
        matched as stored text: codes are two letters in quotes.
        """
        return self.filter(languages__icontains='"%s"' % language)


class TranslatorProfile(models.Model):
    """The languages a translator is responsible for.

    A user with a profile translates into those languages only: the
    translation workspace offers them and nothing else, and the ordinary
    admins accept changes to those languages' columns only.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="translator_profile",
    )
    languages = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        validators=[validate_language_codes],
        help_text=_("The languages this person translates into."),
    )

    objects = TranslatorProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("translator")
        verbose_name_plural = _("translators")
        ordering = ("user__username",)

    def __str__(self):
        return str(self.user)

    def save(self, *args, **kwargs):
        # Kept in the site's order, so that every list of them reads alike.
        self.languages = [code for code in LANGUAGE_CODES if code in self.languages]
        super().save(*args, **kwargs)

    def language_names(self):
        return ", ".join(translated_name(code) for code in self.languages)


class TranslationRecordQuerySet(models.QuerySet):
    def for_objects(self, objects):
        """Records of ``objects`` (of any models), in one query."""
        by_type = {}
        for obj in objects:
            content_type = ContentType.objects.get_for_model(
                obj, for_concrete_model=False
            )
            by_type.setdefault(content_type.pk, set()).add(obj.pk)
        if not by_type:
            return self.none()
        condition = models.Q()
        for content_type_id, ids in by_type.items():
            condition |= models.Q(content_type_id=content_type_id, object_id__in=ids)
        return self.filter(condition)

    def for_object(self, obj):
        return self.for_objects([obj])


class TranslationRecord(models.Model):
    """What one field's translation into one language was made from.

    The source text (in the object's original language) and its fingerprint
    as they were when the translation was last saved with new text or
    confirmed as up to date. When today's source has another fingerprint,
    the translation is outdated, and the stored text shows what changed.
    Changing the source touches no record: the mismatch is the signal.
    """

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("content type"), on_delete=models.CASCADE
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    content_object = GenericForeignKey("content_type", "object_id")
    field = models.CharField(_("field"), max_length=100)
    language = models.CharField(_("language"), max_length=7, choices=LANGUAGES)
    source_language = models.CharField(
        _("source language"), max_length=7, choices=LANGUAGES
    )
    source_fingerprint = models.CharField(_("source fingerprint"), max_length=64)
    source_text = models.TextField(_("source text"), blank=True)
    translated_at = models.DateTimeField(_("translated"), null=True, blank=True)
    translated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("translated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(
        _("confirmed as up to date"), null=True, blank=True
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = TranslationRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("translation record")
        verbose_name_plural = _("translation records")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="translation_record_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(language__in=LANGUAGE_CODES)
                & models.Q(source_language__in=LANGUAGE_CODES),
                name="translation_record_languages_valid",
            ),
        ]
        indexes = [
            # The queue: one language's records of one kind of object.
            models.Index(
                fields=["language", "content_type", "object_id"],
                name="translation_record_queue_idx",
            ),
        ]

    def __str__(self):
        return "%s.%s [%s]" % (self.content_type.model, self.field, self.language)


class Workspace(TranslationRecord):
    """The translation workspace's entry in the admin (translations/admin.py).

    A proxy: the admin lists models, and the queue, the side-by-side editor
    and the coverage matrix hang from this one's URLs.
    """

    class Meta:
        proxy = True
        verbose_name = _("translation workspace")
        verbose_name_plural = _("translation workspace")
        default_permissions = ()
