from modeltranslation.translator import TranslationOptions, register

from releases.models import (
    PressContact,
    PressRelease,
    PressReleaseSpeaker,
    ReleaseImage,
    Speaker,
    Topic,
)


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Speaker)
class SpeakerTranslationOptions(TranslationOptions):
    fields = ("role", "photo_alt")


@register(PressRelease)
class PressReleaseTranslationOptions(TranslationOptions):
    fields = ("title", "lead", "body", "more_information")


@register(PressReleaseSpeaker)
class PressReleaseSpeakerTranslationOptions(TranslationOptions):
    fields = ("role", "quote")


@register(PressContact)
class PressContactTranslationOptions(TranslationOptions):
    fields = ("role",)


@register(ReleaseImage)
class ReleaseImageTranslationOptions(TranslationOptions):
    fields = ("alt", "caption")
