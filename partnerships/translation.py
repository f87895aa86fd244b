from modeltranslation.translator import TranslationOptions, register

from partnerships.models import AreaOfWork, Organisation, Partnership


@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    fields = ("name", "acronym", "logo_alt")


@register(Partnership)
class PartnershipTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(AreaOfWork)
class AreaOfWorkTranslationOptions(TranslationOptions):
    fields = ("title",)
