from django import template

from history.revisions import author

register = template.Library()


@register.filter
def revision_author(revision):
    """The user of a revision, or "imported" / "system" (autoescaped text)."""
    return author(revision)
