import functools

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname
from taggit.managers import TaggableManager

from core.images import ReencodedImageField, require_alt_text
from core.languages import LANGUAGE_CODES, LANGUAGES
from core.localized import (
    ORIGINAL_PREFIX,
    TranslatedModelMixin,
    active_language,
    columns,
    original_text,
    reader_languages,
)
from core.sanitize import clean_html
from core.slugs import unique_slug

#: Member states as the EU writes them: EL for Greece, not GR.
MEMBER_STATES = (
    ("AT", _("Austria")),
    ("BE", _("Belgium")),
    ("BG", _("Bulgaria")),
    ("CY", _("Cyprus")),
    ("CZ", _("Czechia")),
    ("DE", _("Germany")),
    ("DK", _("Denmark")),
    ("EE", _("Estonia")),
    ("EL", _("Greece")),
    ("ES", _("Spain")),
    ("FI", _("Finland")),
    ("FR", _("France")),
    ("HR", _("Croatia")),
    ("HU", _("Hungary")),
    ("IE", _("Ireland")),
    ("IT", _("Italy")),
    ("LT", _("Lithuania")),
    ("LU", _("Luxembourg")),
    ("LV", _("Latvia")),
    ("MT", _("Malta")),
    ("NL", _("Netherlands")),
    ("PL", _("Poland")),
    ("PT", _("Portugal")),
    ("RO", _("Romania")),
    ("SE", _("Sweden")),
    ("SI", _("Slovenia")),
    ("SK", _("Slovakia")),
)
MEMBER_STATE_CODES = tuple(code for code, _name in MEMBER_STATES)


class TopicQuerySet(models.QuerySet):
    def public(self):
        """Themes at least one public release is filed under.

        A theme is public only through its releases: one created for an
        embargoed release must not announce it before the lift.
        """
        return self.filter(
            Exists(PressRelease.objects.published().filter(topics=OuterRef("pk")))
        )

    def with_release_counts(self):
        """Annotate ``release_count``: published releases only.

        A correlated subquery rather than Count() over a join: grouping by
        every translated column (two fields x 24 languages) made the
        database sort wide rows on every page that lists themes.
        """
        through = PressRelease.topics.through
        counts = (
            through.objects.filter(topic=OuterRef("pk"))
            .filter(PressRelease.published_q("pressrelease__"))
            .order_by()
            .values("topic")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(release_count=Coalesce(Subquery(counts), 0))


class GroupConcat(models.Aggregate):
    """Values joined by commas: STRING_AGG on PostgreSQL, GROUP_CONCAT on SQLite."""

    function = "STRING_AGG"
    template = "%(function)s(%(expressions)s, ',')"
    output_field = models.TextField()

    def __init__(self, expression, **extra):
        super().__init__(Cast(expression, models.TextField()), **extra)

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler, connection, function="GROUP_CONCAT", **extra_context
        )


class Topic(TranslatedModelMixin, models.Model):
    """A theme releases are filed under ("Migration, asylum and integration")."""

    name = models.CharField(_("name"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    objects = TopicQuerySet.as_manager()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ("slug",)
        constraints = [
            models.CheckConstraint(condition=~Q(slug=""), name="topic_slug_not_empty")
        ]

    def __str__(self):
        return str(self.localized("name")) or "—"

    def get_absolute_url(self):
        # Remembered per language: a list shows the same few themes on every
        # card, and the cards share the cached directory's instances.
        urls = self.__dict__.setdefault("_urls", {})
        language = get_language()
        if language not in urls:
            urls[language] = reverse("releases:topic", kwargs={"slug": self.slug})
        return urls[language]

    @classmethod
    def description_columns(cls):
        """What no list of themes shows: defer it."""
        return ["description", *columns("description")]


class SpeakerQuerySet(models.QuerySet):
    def public(self):
        """Speakers quoted in at least one public release."""
        return self.filter(
            Exists(
                PressReleaseSpeaker.objects.filter(
                    PressRelease.published_q("release__"), speaker=OuterRef("pk")
                )
            )
        )


class Speaker(TranslatedModelMixin, models.Model):
    """A person quoted in releases: a member, a commissioner, a mayor."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    role = models.CharField(
        _("role"),
        max_length=300,
        blank=True,
        help_text=_(
            "Their current role, e.g. President of the European Committee of the Regions."
        ),
    )
    organisation = models.ForeignKey(
        "partnerships.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="speakers",
    )
    political_group = models.CharField(
        _("political group"),
        max_length=20,
        blank=True,
        help_text=_(
            "As abbreviated in the Committee: EPP, PES, Renew Europe, EA, ECR, Greens."
        ),
    )
    country = models.CharField(
        _("country"),
        max_length=2,
        blank=True,
        choices=MEMBER_STATES,
        help_text=_("Member-state code as the EU writes it (EL for Greece)."),
    )
    photo = ReencodedImageField(
        _("photo"),
        upload_to="speakers/",
        blank=True,
        width_field="photo_width",
        height_field="photo_height",
        help_text=_("A portrait: JPEG, PNG or WebP. Metadata is removed."),
    )
    photo_alt = models.CharField(
        _("text alternative of the photo"),
        max_length=300,
        blank=True,
        help_text=_(
            "What the photo shows, for people who cannot see it. Required with a "
            "photo, at least in English."
        ),
    )
    photo_width = models.PositiveIntegerField(
        _("photo width"), null=True, editable=False
    )
    photo_height = models.PositiveIntegerField(
        _("photo height"), null=True, editable=False
    )

    objects = SpeakerQuerySet.as_manager()

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ("name",)
        constraints = [
            models.CheckConstraint(
                condition=Q(country="") | Q(country__in=MEMBER_STATE_CODES),
                name="speaker_country_member_state",
            ),
            models.CheckConstraint(
                condition=~Q(slug=""), name="speaker_slug_not_empty"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("releases:speaker", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        require_alt_text(
            self, "photo", "photo_alt", settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        )

    @property
    def affiliation(self):
        """ "EL–EPP": the country code and political group, as the EU writes them."""
        return "–".join(part for part in (self.country, self.political_group) if part)

    @property
    def display_name(self):
        """ "Apostolos Tzitzikostas (EL–EPP)"."""
        if self.affiliation:
            return "%s (%s)" % (self.name, self.affiliation)
        return self.name


@functools.cache
def _untranslated_columns():
    """A release's columns that are not translated, named for only().

    Named explicitly: modeltranslation rewrites a bare "title" in only() and
    defer() into all its languages. Computed once: the model does not change.
    """
    translated = PressRelease.translated_fields()
    return tuple(
        field.attname
        for field in PressRelease._meta.concrete_fields
        if field.name not in translated
        and getattr(field, "translated_field", None) is None
    )


class PressReleaseQuerySet(models.QuerySet):
    def published(self):
        """What the public may see. Every public surface starts here."""
        return self.filter(PressRelease.published_q())

    def scheduled(self, now=None):
        """Published with a time still to come: public once it arrives."""
        return self.filter(
            status=PressRelease.Status.PUBLISHED,
            published_at__gt=now or timezone.now(),
        )

    def for_topic(self, topic):
        return self.filter(topics=topic)

    def quoting(self, speaker):
        return self.filter(quotes__speaker=speaker)

    def in_partnership(self, partnership):
        return self.filter(partnership=partnership)

    def of_kind(self, kind):
        return self.filter(kind=kind)

    def in_language(self, language):
        """Releases with a title in ``language``: written or translated in it."""
        title = build_localized_fieldname("title", language)
        return self.exclude(**{title: ""}).exclude(**{title + "__isnull": True})

    def with_listing_data(self):
        """What a list of release cards needs, in a fixed number of queries."""
        return self.prefetch_related("topics")

    def in_reading_language(self, fields=("title", "lead"), every_language=()):
        """Load only the text a public page shows, in the reader's language.

        Of each translated field in ``fields``: the active language, English
        and (one computed column) the row's original language, which is the
        whole fallback chain; of ``every_language``: all 24 (a release
        page's titles, for its language links); nothing of the other
        translated fields. A card then reads about 1 KB instead of 7.6.
        """
        keep = {active_language(), settings.MODELTRANSLATION_DEFAULT_LANGUAGE}
        # The reader's own languages come before English in the fallback
        # chain (Accept-Language, the language cookie): load those too.
        reader = reader_languages()
        keep.update(reader.codes if reader else ())
        wanted = []
        for field in every_language:
            wanted += columns(field)
        for field in fields:
            wanted += columns(field, [code for code in LANGUAGE_CODES if code in keep])
        return self.only(*_untranslated_columns(), *wanted).annotate(
            **{ORIGINAL_PREFIX + field: original_text(field) for field in fields}
        )

    def with_topic_ids(self):
        """``topic_ids``: "3,5" in the same query, for the cached theme directory."""
        through = PressRelease.topics.through
        ids = (
            through.objects.filter(pressrelease=OuterRef("pk"))
            .order_by()
            .values("pressrelease")
            .annotate(ids=GroupConcat("topic_id"))
            .values("ids")
        )
        return self.annotate(
            topic_ids=Coalesce(
                Subquery(ids), Value(""), output_field=models.TextField()
            )
        )

    def public_cards(self):
        """Release cards on the public site: narrow rows, themes by id."""
        return self.in_reading_language().with_topic_ids()

    def with_detail_data(self, public=False):
        """What a release page needs, in a fixed number of queries.

        Related releases go through published() too, into ``public_related``:
        a draft linked from a public release must not show. ``public``: the
        public page, whose themes come from the cached directory
        (``with_topic_ids``) and whose related releases are compact cards in
        the reader's language.
        """
        related = PressRelease.objects.published()
        if public:
            related = related.in_reading_language(fields=("title",))
        return self.select_related("partnership").prefetch_related(
            *(() if public else ("topics",)),
            "tags",
            "contacts",
            "images",
            models.Prefetch(
                "quotes",
                queryset=PressReleaseSpeaker.objects.select_related("speaker"),
            ),
            models.Prefetch("related", queryset=related, to_attr="public_related"),
        )


class ReleaseKind(models.TextChoices):
    PRESS_RELEASE = "press_release", _("Press release")
    NEWS = "news", _("News")
    STATEMENT = "statement", _("Statement")


class ReleaseStatus(models.TextChoices):
    """Where a release is in its workflow; releases/workflow.py moves it on.

    A published release whose publication time is still ahead is scheduled:
    it becomes public at that moment, by the published() rule alone.
    """

    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class PressRelease(TranslatedModelMixin, models.Model):
    Kind = ReleaseKind

    Status = ReleaseStatus

    # Content (translated in translation.py)
    title = models.CharField(_("title"), max_length=300, blank=True)
    lead = models.TextField(
        _("lead"),
        blank=True,
        help_text=_("One or two sentences shown in lists and under the title."),
    )
    body = models.TextField(_("body"), blank=True)
    more_information = models.TextField(_("more information"), blank=True)

    reference = models.CharField(
        _("reference"),
        max_length=40,
        help_text=_("The institution's unique reference, e.g. COR/20/123."),
        validators=[
            RegexValidator(
                r"^[A-Za-z0-9][A-Za-z0-9/._-]*$",
                _("Use letters, digits and / . _ - only."),
            )
        ],
    )
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        help_text=_("Part of the address, the same in every language."),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind, default=Kind.PRESS_RELEASE
    )
    original_language = models.CharField(
        _("original language"),
        max_length=7,
        choices=LANGUAGES,
        default="en",
        help_text=_("The language it was written in; other languages fall back to it."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication date"),
        default=timezone.now,
        help_text=_("A published release is visible from this moment."),
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), related_name="releases", blank=True
    )
    # Our own help text: taggit's has no translation into most EU languages.
    tags = TaggableManager(
        _("tags"),
        blank=True,
        help_text=_(
            "Keywords, shown as written in every language. Choose one, or type "
            "a new one followed by a comma."
        ),
    )
    speakers = models.ManyToManyField(
        Speaker,
        verbose_name=_("speakers"),
        through="PressReleaseSpeaker",
        related_name="releases",
        blank=True,
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        verbose_name=_("partnership"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="releases",
    )
    related = models.ManyToManyField(
        "self", verbose_name=_("related releases"), blank=True, symmetrical=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PressReleaseQuerySet.as_manager()

    rich_text_fields = ("body", "more_information")

    class Meta:
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")
        ordering = ("-published_at", "-pk")
        get_latest_by = "published_at"
        permissions = [
            (
                "publish_pressrelease",
                _("Can approve, publish, schedule and withdraw press releases"),
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["reference"], name="release_reference_unique"
            ),
            models.UniqueConstraint(fields=["slug"], name="release_slug_unique"),
            models.CheckConstraint(
                condition=~Q(reference=""), name="release_reference_not_empty"
            ),
            models.CheckConstraint(
                condition=~Q(slug=""), name="release_slug_not_empty"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ReleaseKind.values),
                name="release_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReleaseStatus.values),
                name="release_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(original_language__in=LANGUAGE_CODES),
                name="release_original_language_valid",
            ),
        ]
        indexes = [
            # The public lists: published, newest first, in the lists' exact
            # order (the id breaks ties), so a page's ids, the counts and
            # the themes' counts are read from the index alone.
            models.Index(
                fields=["status", "-published_at", "-id"],
                name="release_public_order_idx",
            ),
            models.Index(
                fields=["kind", "-published_at"], name="release_kind_list_idx"
            ),
        ]

    def __str__(self):
        return str(self.localized("title")) or "—"

    def save(self, *args, **kwargs):
        for field in self.rich_text_fields:
            for code in LANGUAGE_CODES:
                name = build_localized_fieldname(field, code)
                setattr(self, name, clean_html(getattr(self, name)))
        if not self.slug:
            self.slug = unique_slug(
                PressRelease,
                str(self.localized("title", self.original_language)),
                fallback="release",
                exclude_pk=self.pk,
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        local = timezone.localtime(self.published_at)
        return reverse(
            "releases:detail",
            kwargs={
                "year": "%04d" % local.year,
                "month": "%02d" % local.month,
                "day": "%02d" % local.day,
                "slug": self.slug,
            },
        )

    def clean(self):
        super().clean()
        title_field = build_localized_fieldname("title", self.original_language)
        if self.original_language in LANGUAGE_CODES and not getattr(self, title_field):
            raise ValidationError(
                {
                    title_field: _(
                        "A release needs a title in its original language (%(language)s)."
                    )
                    % {"language": self.get_original_language_display()}
                }
            )

    @staticmethod
    def published_q(prefix=""):
        """The rule of what the public may see, as a Q usable across joins."""
        return Q(**{prefix + "status": PressRelease.Status.PUBLISHED}) & Q(
            **{prefix + "published_at__lte": timezone.now()}
        )

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        """The instance's side of PressReleaseQuerySet.scheduled()."""
        return (
            self.status == self.Status.PUBLISHED and self.published_at > timezone.now()
        )

    def available_languages(self, field="title"):
        return super().available_languages(field)

    @property
    def theme_list(self):
        """The release's themes, as its card and page show them.

        The public views set ``_themes`` from the cached theme directory and
        the ``topic_ids`` annotation, so a list costs no query per theme;
        anywhere else this reads the database.
        """
        themes = self.__dict__.get("_themes")
        return list(self.topics.all()) if themes is None else themes

    def url_in(self, language):
        with override(language):
            return self.get_absolute_url()

    # From the prefetched quotes (with_detail_data), so a page splitting
    # them runs no more queries.
    @property
    def quoted_speakers(self):
        return [quote for quote in self.quotes.all() if not quote.mentioned]

    @property
    def mentioned_speakers(self):
        return [quote for quote in self.quotes.all() if quote.mentioned]


class ReleaseTransition(models.Model):
    """One step of a release through its workflow: who, when, from, to, why."""

    release = models.ForeignKey(
        PressRelease,
        verbose_name=_("press release"),
        on_delete=models.CASCADE,
        related_name="transitions",
    )
    from_status = models.CharField(_("from"), max_length=20, choices=ReleaseStatus)
    to_status = models.CharField(_("to"), max_length=20, choices=ReleaseStatus)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_("The publication time set by this step, if it set one."),
    )

    class Meta:
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow history")
        ordering = ("-at", "-pk")
        get_latest_by = "at"
        constraints = [
            models.CheckConstraint(
                condition=Q(from_status__in=ReleaseStatus.values)
                & Q(to_status__in=ReleaseStatus.values),
                name="transition_status_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["release", "-at"], name="transition_release_idx"),
        ]

    def __str__(self):
        return "%s → %s" % (
            self.get_from_status_display(),
            self.get_to_status_display(),
        )


class PressReleaseSpeaker(TranslatedModelMixin, models.Model):
    """A speaker quoted in a release, with the quote and their role at the time."""

    release = models.ForeignKey(
        PressRelease,
        verbose_name=_("press release"),
        on_delete=models.CASCADE,
        related_name="quotes",
    )
    speaker = models.ForeignKey(
        Speaker,
        verbose_name=_("speaker"),
        on_delete=models.PROTECT,
        related_name="quotes",
    )
    role = models.CharField(
        _("role at the time"),
        max_length=300,
        blank=True,
        help_text=_("Leave empty to show the speaker's current role."),
    )
    quote = models.TextField(_("quote"), blank=True)
    # Pages of the old site name people they do not quote; they are linked
    # to the release all the same, and shown apart from the quotes.
    mentioned = models.BooleanField(
        _("mentioned only"),
        default=False,
        help_text=_("Named in the release without being quoted."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("speaker quoted")
        verbose_name_plural = _("speakers quoted")
        ordering = ("position", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["release", "speaker"], name="release_speaker_unique"
            )
        ]

    def __str__(self):
        return self.speaker.name

    def original_language_code(self):
        return self.release.original_language if self.release_id else None

    @property
    def role_display(self):
        return self.localized("role") or self.speaker.localized("role")


class PressContact(TranslatedModelMixin, models.Model):
    """Who journalists call about a release."""

    release = models.ForeignKey(
        PressRelease,
        verbose_name=_("press release"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(
        _("phone"),
        max_length=40,
        blank=True,
        validators=[
            RegexValidator(
                r"^\+?[0-9 ()./-]{6,}$",
                _("Enter a phone number such as +32 2 282 22 11."),
            )
        ],
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("press contact")
        verbose_name_plural = _("press contacts")
        ordering = ("position", "pk")
        constraints = [
            # Validated by the admin's form too (validate_constraints), with
            # this message; skipped there while the email itself is invalid,
            # so that the form says only what is wrong.
            models.CheckConstraint(
                condition=~Q(email="") | ~Q(phone=""),
                name="contact_email_or_phone",
                violation_error_message=_("Give an email address or a phone number."),
            )
        ]

    def __str__(self):
        return self.name


class ReleaseImage(TranslatedModelMixin, models.Model):
    """A picture shown in a release, with its caption and credit."""

    release = models.ForeignKey(
        PressRelease,
        verbose_name=_("press release"),
        on_delete=models.CASCADE,
        related_name="images",
    )
    image = ReencodedImageField(
        _("image"),
        upload_to="releases/",
        width_field="width",
        height_field="height",
        help_text=_(
            "JPEG, PNG or WebP. Smaller versions for phones and screens are made "
            "automatically; metadata such as a camera's GPS position is removed."
        ),
    )
    alt = models.CharField(
        _("text alternative"),
        max_length=300,
        blank=True,
        help_text=_(
            "What the image shows, for people who cannot see it. Required in the "
            "release's original language."
        ),
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    credit = models.CharField(
        _("credit"),
        max_length=200,
        blank=True,
        help_text=_("Who holds the rights, e.g. © European Union."),
    )
    width = models.PositiveIntegerField(_("width"), null=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, editable=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ("position", "pk")

    def __str__(self):
        return str(self.localized("alt")) or self.image.name

    def clean(self):
        super().clean()
        # The original language is the one every translation falls back to,
        # as a release's title must exist in it.
        require_alt_text(
            self,
            "image",
            "alt",
            self.original_language_code() or settings.MODELTRANSLATION_DEFAULT_LANGUAGE,
        )

    def original_language_code(self):
        try:
            return self.release.original_language
        except PressRelease.DoesNotExist:
            return None
