"""Django's JSON serialisation, with tags: the format revisions are kept in.

A TaggableManager is not serialised by Django (``serialize=False``: its rows
live in taggit's own table), so a revision of a release would lose its tags.
Here they are written as the list of tag names, on the release's own version,
and read back as names, which ``release.tags.set()`` accepts when a revision
is restored.
"""

from django.core.serializers import json
from taggit.managers import TaggableManager


def _tag_fields(model):
    return [
        field
        for field in model._meta.concrete_model._meta.local_many_to_many
        if isinstance(field, TaggableManager)
    ]


class Serializer(json.Serializer):
    def end_object(self, obj):
        for field in _tag_fields(obj):
            if self.selected_fields is None or field.name in self.selected_fields:
                names = getattr(obj, field.name).names()
                self._current[field.name] = sorted(names, key=str.casefold)
        super().end_object(obj)


class Deserializer(json.Deserializer):
    def _handle_m2m_field_node(self, field, field_value):
        if isinstance(field, TaggableManager):
            return [str(name) for name in field_value]
        return super()._handle_m2m_field_node(field, field_value)
