from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.images import ReencodedImageField, require_alt_text
from core.localized import TranslatedModelMixin
from releases.models import PressRelease


class OrganisationKind(models.TextChoices):
    EU_INSTITUTION = "eu_institution", _("EU institution")
    EU_BODY = "eu_body", _("EU body or agency")
    NATIONAL = "national", _("National government")
    REGION = "region", _("Region")
    CITY = "city", _("City")
    ASSOCIATION = "association", _("Association")
    INTERNATIONAL = "international", _("International organisation")
    OTHER = "other", _("Other")


def _public_releases():
    return PressRelease.objects.published()


class OrganisationQuerySet(models.QuerySet):
    def public(self):
        """Organisations a public release names: as a partner of its
        partnership, or as the organisation of a speaker it quotes."""
        releases = _public_releases()
        return self.filter(
            Exists(releases.filter(partnership__partners=OuterRef("pk")))
            | Exists(releases.filter(quotes__speaker__organisation=OuterRef("pk")))
        )


class Organisation(TranslatedModelMixin, models.Model):
    """A partner: an EU institution, a city, a region, an association..."""

    Kind = OrganisationKind

    name = models.CharField(_("name"), max_length=200, blank=True)
    acronym = models.CharField(
        _("acronym"),
        max_length=30,
        blank=True,
        help_text=_("As written in this language: CoR, ReK, AdR."),
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.OTHER)
    # Rendered as a link on public pages: only web addresses, never ftp:,
    # javascript: or anything else a link could run or hand to another app.
    website = models.URLField(
        _("website"),
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("An address starting with https:// or http://."),
    )
    logo = ReencodedImageField(
        _("logo"),
        upload_to="organisations/",
        blank=True,
        width_field="logo_width",
        height_field="logo_height",
        help_text=_("JPEG, PNG or WebP; PNG keeps a transparent background."),
    )
    logo_alt = models.CharField(
        _("text alternative of the logo"),
        max_length=300,
        blank=True,
        help_text=_(
            "What the logo says, usually the organisation's name as written in "
            "it. Required with a logo, at least in English."
        ),
    )
    logo_width = models.PositiveIntegerField(_("logo width"), null=True, editable=False)
    logo_height = models.PositiveIntegerField(
        _("logo height"), null=True, editable=False
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ("slug",)
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=OrganisationKind.values),
                name="organisation_kind_valid",
            ),
            models.CheckConstraint(
                condition=~Q(slug=""), name="organisation_slug_not_empty"
            ),
            # The validator's rule, kept by the database too: a row written
            # past the form (shell, import, raw SQL) still cannot hold a
            # javascript: link.
            models.CheckConstraint(
                condition=Q(website="")
                | Q(website__istartswith="http://")
                | Q(website__istartswith="https://"),
                name="organisation_website_is_web_address",
            ),
        ]

    def __str__(self):
        return str(self.localized("name")) or "—"

    def clean(self):
        super().clean()
        require_alt_text(
            self, "logo", "logo_alt", settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        )

    def display_name(self):
        """ "Committee of the Regions (CoR)" in the visitor's language."""
        name, acronym = self.localized("name"), self.localized("acronym")
        if acronym and str(acronym) != str(name):
            return "%s (%s)" % (name, acronym)
        return str(name)


class PartnershipQuerySet(models.QuerySet):
    def public(self):
        """Partnerships at least one public release is about."""
        return self.filter(
            Exists(_public_releases().filter(partnership=OuterRef("pk")))
        )

    def with_detail_data(self):
        return self.select_related("builds_on").prefetch_related(
            "partners", "areas", "successors"
        )


class PartnershipKind(models.TextChoices):
    PARTNERSHIP = "partnership", _("Partnership")
    INITIATIVE = "initiative", _("Initiative")


class PartnershipStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    CONCLUDED = "concluded", _("Concluded")


class Partnership(TranslatedModelMixin, models.Model):
    """A partnership, or an initiative that a later partnership builds on."""

    Kind = PartnershipKind

    Status = PartnershipStatus

    name = models.CharField(_("name"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind, default=Kind.PARTNERSHIP
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.ACTIVE
    )
    launched_on = models.DateField(_("launch date"), null=True, blank=True)
    partners = models.ManyToManyField(
        Organisation,
        verbose_name=_("partner organisations"),
        related_name="partnerships",
        blank=True,
    )
    builds_on = models.ForeignKey(
        "self",
        verbose_name=_("builds on"),
        help_text=_("The earlier partnership or initiative this one continues."),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="successors",
    )

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ("-launched_on", "slug")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=PartnershipKind.values),
                name="partnership_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=PartnershipStatus.values),
                name="partnership_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(builds_on=models.F("pk")),
                name="partnership_not_built_on_itself",
            ),
            models.CheckConstraint(
                condition=~Q(slug=""), name="partnership_slug_not_empty"
            ),
        ]
        indexes = [
            models.Index(
                fields=["-launched_on", "slug"], name="partnership_launched_idx"
            )
        ]

    def __str__(self):
        return str(self.localized("name")) or "—"

    def get_absolute_url(self):
        return reverse("partnerships:detail", kwargs={"slug": self.slug})


class AreaOfWork(TranslatedModelMixin, models.Model):
    """One of the things a partnership works on, in order."""

    partnership = models.ForeignKey(
        Partnership,
        verbose_name=_("partnership"),
        on_delete=models.CASCADE,
        related_name="areas",
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("area of work")
        verbose_name_plural = _("areas of work")
        ordering = ("position", "pk")

    def __str__(self):
        return str(self.localized("title")) or "—"
