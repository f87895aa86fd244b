"""Records kept up to date by saving: whoever saves, however.

Before a translatable object is saved, its stored translated columns are read
(one query); after, they are compared with what was saved:

- a translation whose text changed was made from today's source: its record
  gets today's source text and fingerprint (it is up to date);
- a source that changed touches no record, except for a translation that
  had none yet (written before records were kept, or together with its
  source): it gets one holding the source as it was before this save, so
  it turns outdated, with the exact change to show.

Objects being created, raw saves (fixtures) and saves limited by
``update_fields`` to other columns are left alone.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname

from core.languages import LANGUAGE_CODES
from translations import services
from translations.fingerprints import fingerprint
from translations.models import TranslationRecord

_BEFORE = "_translations_before"


def connect():
    for model in services.translatable_models():
        uid = "translations-%s" % model._meta.label_lower
        pre_save.connect(remember_stored_text, sender=model, dispatch_uid=uid)
        post_save.connect(record_changes, sender=model, dispatch_uid=uid)
        post_delete.connect(forget_deleted, sender=model, dispatch_uid=uid)


def _has_original_language(model):
    return any(f.name == "original_language" for f in model._meta.concrete_fields)


def _columns(model):
    columns = [
        build_localized_fieldname(field, code)
        for field in services.translated_fields(model)
        for code in LANGUAGE_CODES
    ]
    if _has_original_language(model):
        columns.append("original_language")
    return columns


def remember_stored_text(sender, instance, raw=False, using=None, **kwargs):
    setattr(instance, _BEFORE, None)
    if raw or instance._state.adding or instance.pk is None:
        return
    columns = _columns(sender)
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and not set(update_fields) & set(columns):
        return
    stored = sender._base_manager.using(using).filter(pk=instance.pk)
    setattr(instance, _BEFORE, stored.values(*columns).first())


def record_changes(sender, instance, created=False, raw=False, **kwargs):
    before = instance.__dict__.pop(_BEFORE, None)
    if raw or created or before is None:
        return
    update_fields = kwargs.get("update_fields")
    saved = set(update_fields) if update_fields is not None else None

    def was_saved(column):
        return saved is None or column in saved

    original = services.source_language(instance)
    previous_original = before.get("original_language", original)
    user = services.acting_user()
    now = timezone.now()
    translated, baselines = [], []
    for field in services.translated_fields(sender):
        source_column = build_localized_fieldname(field, original)
        source = services.text_in(instance, field, original)
        old_source = before.get(source_column) or ""
        source_changed = (
            previous_original == original
            and was_saved(source_column)
            and fingerprint(old_source) != fingerprint(source)
        )
        for code in LANGUAGE_CODES:
            column = build_localized_fieldname(field, code)
            if code == original or not was_saved(column):
                continue
            text = services.text_in(instance, field, code)
            old_text = before.get(column) or ""
            if not text:
                continue
            if text != old_text:
                if source:
                    translated.append((field, code, source))
            elif source_changed and old_text and old_source:
                baselines.append((field, code, old_source))
    if not translated and not baselines:
        return

    content_type = ContentType.objects.get_for_model(instance, for_concrete_model=False)
    existing = {
        (record.field, record.language): record
        for record in TranslationRecord.objects.for_object(instance)
    }
    creates, updates = [], []
    for field, code, source in translated:
        record = existing.get((field, code)) or TranslationRecord(
            content_type=content_type, object_id=instance.pk, field=field, language=code
        )
        record.source_language = original
        record.source_text = source
        record.source_fingerprint = fingerprint(source)
        record.translated_at = now
        record.translated_by = user
        (updates if record.pk else creates).append(record)
    for field, code, old_source in baselines:
        if (field, code) in existing:
            continue
        creates.append(
            TranslationRecord(
                content_type=content_type,
                object_id=instance.pk,
                field=field,
                language=code,
                source_language=original,
                source_text=old_source,
                source_fingerprint=fingerprint(old_source),
            )
        )
    if creates:
        TranslationRecord.objects.bulk_create(creates)
    if updates:
        TranslationRecord.objects.bulk_update(
            updates,
            [
                "source_language",
                "source_text",
                "source_fingerprint",
                "translated_at",
                "translated_by",
            ],
        )


def forget_deleted(sender, instance, **kwargs):
    services.forget(instance)
