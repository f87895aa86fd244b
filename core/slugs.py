"""ASCII slugs that are the same in every language.

Django's slugify drops what is not ASCII, so a Greek or Bulgarian title would
give an empty slug. anyascii transliterates first ("Ελληνικά" -> "ellinika",
"för" -> "for").
"""

from anyascii import anyascii
from django.utils.text import slugify


def ascii_slugify(text, max_length=80, fallback="item"):
    slug = slugify(anyascii(text or ""))[:max_length].strip("-")
    return slug or fallback


def unique_slug(model, text, *, max_length=80, fallback="item", exclude_pk=None):
    """A slug for ``text`` not yet used by another ``model`` row ("-2", "-3"...)."""
    base = ascii_slugify(text, max_length=max_length, fallback=fallback)
    taken = model._default_manager.filter(slug__startswith=base)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    taken = set(taken.values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        suffix = "-%d" % n
        slug = base[: max_length - len(suffix)].rstrip("-") + suffix
    return slug
