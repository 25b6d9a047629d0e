"""The register of stunting targets (sasaran): families, persons and pregnancies.

One `Person` is one human being, whatever group they are in today: a child moves through the
age bands, a woman becomes an ibu hamil when a `Pregnancy` is recorded for her and a mother when
a child names her; later groups (remaja putri, calon pengantin) hang off the same person. A
target may be a non-resident, and a newborn may have no NIK yet.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Self

from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kelurahan.choices import Sex
from kelurahan.links import url_for
from kelurahan.models import (
    NOTES_MAX_LENGTH,
    RT,
    RW,
    Lembaga,
    LimitedTextField,
    ScopedQuerySet,
    TimeStampedModel,
    check_constraint,
    digits_check,
    kelurahan_key,
    optional_key,
    range_check,
    unique_constraint,
)

from .. import ages
from .checks import muac_and_hb_plausible

__all__ = ["Family", "Person", "Pregnancy"]

YES_NO_UNKNOWN = [(None, _("Belum diketahui")), (True, _("Ya")), (False, _("Tidak"))]

LOW_BIRTH_WEIGHT_KG = Decimal("2.5")  # BBLR below this birth weight


def _member_count():
    members = (
        Person.objects.filter(family=models.OuterRef("pk"))
        .order_by()
        .values("family")
        .annotate(n=models.Count("pk"))
        .values("n")
    )
    return Coalesce(models.Subquery(members), 0)


class FamilyQuerySet(ScopedQuerySet):
    def for_list(self) -> Self:
        return (
            self.select_related("kelurahan", "rw", "rt", "rt__rw", "posyandu")
            # A subquery, not Count("members"): the page's count and sort then need no
            # GROUP BY over every person of the kelurahan, and PostgreSQL counts the members
            # of the page's rows only.
            .annotate(member_count=_member_count())
            .order_by("head_name", "pk")
        )


class Family(TimeStampedModel):
    """A household (keluarga) with at least one target."""

    kelurahan = kelurahan_key("families", on_delete=models.PROTECT)
    kk_number = models.CharField(
        _("nomor KK"), max_length=16, blank=True, help_text=_("16 digit, jika ada.")
    )
    head_name = models.CharField(_("nama kepala keluarga"), max_length=150)
    address = models.CharField(_("alamat"), max_length=255, blank=True)
    rw = optional_key(
        RW,
        on_delete=models.SET_NULL,
        related_name="stunting_families",
        verbose_name=_("RW"),
    )
    rt = optional_key(
        RT,
        on_delete=models.SET_NULL,
        related_name="stunting_families",
        verbose_name=_("RT"),
    )
    posyandu = optional_key(
        Lembaga,
        on_delete=models.SET_NULL,
        related_name="stunting_families",
        limit_choices_to={"kind": Lembaga.Kind.POSYANDU},
        verbose_name=_("posyandu"),
    )
    is_resident = models.BooleanField(
        _("penduduk kelurahan ini"),
        default=True,
        help_text=_("Kosongkan untuk keluarga dari luar kelurahan yang dilayani di sini."),
    )
    # Facts about the household, where known (None = not known yet).
    has_kk = models.BooleanField(_("memiliki Kartu Keluarga"), null=True, blank=True)
    has_ktp = models.BooleanField(_("orang tua memiliki KTP"), null=True, blank=True)
    stopped_open_defecation = models.BooleanField(
        _("sudah stop buang air besar sembarangan (BABS)"), null=True, blank=True
    )
    family_assistance = models.BooleanField(
        _("mendapat pendampingan keluarga"), null=True, blank=True
    )
    receives_pkh = models.BooleanField(_("menerima PKH"), null=True, blank=True)
    receives_bpnt = models.BooleanField(_("menerima BPNT"), null=True, blank=True)
    receives_blt = models.BooleanField(_("menerima BLT"), null=True, blank=True)
    at_risk = models.BooleanField(_("keluarga berisiko stunting"), null=True, blank=True)
    notes = LimitedTextField(_("keterangan"), max_length=NOTES_MAX_LENGTH, blank=True)
    history = HistoricalRecords()

    objects = FamilyQuerySet.as_manager()

    class Meta:
        verbose_name = _("keluarga sasaran")
        verbose_name_plural = _("keluarga sasaran")
        ordering = ["head_name"]
        indexes = [models.Index(fields=["kelurahan", "head_name"])]
        constraints = [
            unique_constraint(
                "family_unique_kk_per_kelurahan",
                "kelurahan",
                "kk_number",
                condition=~Q(kk_number=""),
                message=_("Nomor KK ini sudah terdaftar di kelurahan ini."),
            ),
            digits_check(
                "family_kk_16_digits", "kk_number", 16, _("Nomor KK harus 16 digit angka.")
            ),
        ]

    def __str__(self) -> str:
        return _("Keluarga %(name)s") % {"name": self.head_name}

    def get_absolute_url(self) -> str:
        return url_for("stunting:family_detail", self.pk)

    @property
    def social_protection(self) -> list[str]:
        return [
            label
            for label, value in (
                ("PKH", self.receives_pkh),
                ("BPNT", self.receives_bpnt),
                ("BLT", self.receives_blt),
            )
            if value
        ]


class PersonQuerySet(ScopedQuerySet):
    def aged_months(self, low: int, high: int, on: datetime.date | None = None) -> Self:
        """Persons aged `low`..`high` completed months at `on` (today by default)."""
        earliest, latest = ages.birth_date_range(low, high, on or timezone.localdate())
        return self.filter(birth_date__gte=earliest, birth_date__lte=latest)

    def children(self, on: datetime.date | None = None) -> Self:
        """Children of the register: under 7 years (the age of the 2C form's end)."""
        return self.aged_months(0, ages.FORM_2C_MONTHS[1], on)

    def balita(self, on: datetime.date | None = None) -> Self:
        return self.aged_months(0, ages.MEASUREMENT_MONTHS[1], on)

    def with_place(self) -> Self:
        return self.select_related(
            "kelurahan", "family", "family__rw", "family__rt", "family__rt__rw", "family__posyandu"
        )

    def for_child_list(self) -> Self:
        return self.with_place().select_related("mother", "last_measurement").order_by("name", "pk")

    def likely_duplicates_of(self, person: Person) -> Self:
        """Other persons with the same NIK, or the same name, birth date and mother."""
        same = Q(pk__in=[])
        if person.nik:
            same |= Q(nik=person.nik)
        if person.name and person.birth_date:
            same |= Q(
                name__iexact=" ".join(person.name.split()),
                birth_date=person.birth_date,
                mother_id=person.mother_id,
            )
        queryset = self.filter(same)
        return queryset.exclude(pk=person.pk) if person.pk else queryset


class Person(TimeStampedModel):
    """A target of the stunting programme: a child, a (pregnant) woman, a family member."""

    Sex = Sex

    class FamilyRole(models.TextChoices):
        KEPALA = "kepala", _("Kepala keluarga")
        ISTRI = "istri", _("Istri")
        ANAK = "anak", _("Anak")
        LAINNYA = "lainnya", _("Anggota lain")

    kelurahan = kelurahan_key("persons", on_delete=models.PROTECT)
    family = models.ForeignKey(
        Family, on_delete=models.PROTECT, related_name="members", verbose_name=_("keluarga")
    )
    name = models.CharField(_("nama lengkap"), max_length=150)
    nik = models.CharField(
        _("NIK"),
        max_length=16,
        blank=True,
        help_text=_("Boleh kosong, misalnya bayi yang belum punya NIK."),
    )
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex)
    birth_date = models.DateField(_("tanggal lahir"), null=True, blank=True)
    family_role = models.CharField(
        _("hubungan dalam keluarga"), max_length=10, choices=FamilyRole, blank=True
    )
    is_resident = models.BooleanField(
        _("penduduk kelurahan ini"),
        default=True,
        help_text=_("Kosongkan untuk sasaran dari luar kelurahan (non-penduduk)."),
    )
    phone = models.CharField(_("nomor HP"), max_length=20, blank=True)
    # What a child's register needs.
    mother = optional_key(
        "self",
        on_delete=models.SET_NULL,
        related_name="children",
        limit_choices_to={"sex": "P"},
        verbose_name=_("ibu"),
    )
    birth_weight_kg = models.DecimalField(
        _("berat lahir (kg)"), max_digits=3, decimal_places=2, null=True, blank=True
    )
    birth_length_cm = models.DecimalField(
        _("panjang lahir (cm)"), max_digits=3, decimal_places=1, null=True, blank=True
    )
    has_birth_certificate = models.BooleanField(_("memiliki akta kelahiran"), default=False)
    birth_certificate_number = models.CharField(
        _("nomor akta kelahiran"), max_length=50, blank=True
    )
    paud = optional_key(
        Lembaga,
        on_delete=models.SET_NULL,
        related_name="stunting_paud_children",
        limit_choices_to={"kind": Lembaga.Kind.PAUD},
        verbose_name=_("PAUD"),
    )
    # Kept by the services: the latest measurement, for fast lists at city scale.
    last_measurement = optional_key(
        "Measurement",
        on_delete=models.SET_NULL,
        editable=False,
        related_name="+",
        verbose_name=_("pengukuran terakhir"),
    )
    notes = LimitedTextField(_("keterangan"), max_length=NOTES_MAX_LENGTH, blank=True)
    history = HistoricalRecords(excluded_fields=["last_measurement"])

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("sasaran")
        verbose_name_plural = _("sasaran")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["kelurahan", "birth_date"]),
            models.Index(fields=["kelurahan", "name"]),
            # A kecamatan's (or the admin's) child list is read in name order across kelurahan.
            models.Index(fields=["name", "id"], name="person_name_id_idx"),
            models.Index(fields=["nik"]),
        ]
        constraints = [
            unique_constraint(
                "person_unique_nik_per_kelurahan",
                "kelurahan",
                "nik",
                condition=~Q(nik=""),
                message=_("NIK ini sudah terdaftar sebagai sasaran di kelurahan ini."),
            ),
            digits_check("person_nik_16_digits", "nik", 16, _("NIK harus 16 digit angka.")),
            range_check(
                "person_birth_weight_plausible",
                "birth_weight_kg",
                0.5,
                6,
                _("Berat lahir harus antara 0,5 dan 6 kg."),
                may_be_empty=True,
            ),
            range_check(
                "person_birth_length_plausible",
                "birth_length_cm",
                30,
                65,
                _("Panjang lahir harus antara 30 dan 65 cm."),
                may_be_empty=True,
            ),
            check_constraint(
                "person_not_own_mother",
                ~Q(mother=models.F("pk")),
                _("Seseorang tidak bisa menjadi ibunya sendiri."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return url_for("stunting:person_detail", self.pk)

    def age_months_on(self, day: datetime.date) -> int | None:
        return ages.age_months(self.birth_date, day) if self.birth_date else None

    @property
    def age_months(self) -> int | None:
        return self.age_months_on(timezone.localdate())

    @property
    def age_label(self) -> str:
        months = self.age_months
        if months is None:
            return "–"
        if months < 24:
            return _("%(m)d bln") % {"m": months}
        return _("%(y)d th %(m)d bln") % {"y": months // 12, "m": months % 12}

    @property
    def is_low_birth_weight(self) -> bool:
        """BBLR, berat badan lahir rendah: born under 2.5 kg."""
        return self.birth_weight_kg is not None and self.birth_weight_kg < LOW_BIRTH_WEIGHT_KG

    @property
    def is_child(self) -> bool:
        months = self.age_months
        return months is not None and 0 <= months <= ages.FORM_2C_MONTHS[1]


class PregnancyQuerySet(ScopedQuerySet):
    def current(self, on: datetime.date | None = None) -> Self:
        """Pregnancies not yet ended, or ended within the post-partum period (nifas)."""
        on = on or timezone.localdate()
        return self.filter(
            Q(delivered_on__isnull=True)
            | Q(delivered_on__gte=on - datetime.timedelta(ages.NIFAS_DAYS))
        )

    def high_risk(self) -> Self:
        return self.filter(status__in=Pregnancy.HIGH_RISK)

    def for_list(self) -> Self:
        return self.select_related(
            "kelurahan",
            "person",
            "person__family",
            "person__family__rw",
            "person__family__posyandu",
        ).order_by("expected_delivery_date", "person__name", "pk")


class Pregnancy(TimeStampedModel):
    """One pregnancy of a woman, from registration through delivery and the nifas period."""

    class Status(models.TextChoices):
        NORMAL = "normal", _("Normal")
        RISIKO_TINGGI = "risti", _("Risiko tinggi")
        KEK = "kek", _("KEK (kurang energi kronis)")

    HIGH_RISK = (Status.RISIKO_TINGGI, Status.KEK)

    class Outcome(models.TextChoices):
        LAHIR_HIDUP = "lahir_hidup", _("Lahir hidup")
        LAHIR_MATI = "lahir_mati", _("Lahir mati")
        KEGUGURAN = "keguguran", _("Keguguran")

    kelurahan = kelurahan_key("pregnancies", on_delete=models.PROTECT)
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="pregnancies", verbose_name=_("ibu")
    )
    pregnancy_number = models.PositiveSmallIntegerField(_("kehamilan ke-"), null=True, blank=True)
    last_period_date = models.DateField(
        _("hari pertama haid terakhir (HPHT)"), null=True, blank=True
    )
    expected_delivery_date = models.DateField(
        _("hari perkiraan lahir (HPL)"),
        null=True,
        blank=True,
        help_text=_("Jika kosong, dihitung dari HPHT (HPHT + 280 hari)."),
    )
    status = models.CharField(
        _("status kehamilan"), max_length=10, choices=Status, default=Status.NORMAL
    )
    muac_cm = models.DecimalField(
        _("lingkar lengan atas / LiLA (cm)"),
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("LiLA di bawah 23,5 cm menandakan KEK."),
    )
    hb = models.DecimalField(
        _("kadar Hb (g/dL)"), max_digits=3, decimal_places=1, null=True, blank=True
    )
    delivered_on = models.DateField(_("tanggal melahirkan/berakhir"), null=True, blank=True)
    outcome = models.CharField(_("hasil persalinan"), max_length=15, choices=Outcome, blank=True)
    postpartum_family_planning = models.BooleanField(
        _("ber-KB pasca persalinan"), null=True, blank=True
    )
    notes = LimitedTextField(_("keterangan"), max_length=NOTES_MAX_LENGTH, blank=True)
    history = HistoricalRecords()

    objects = PregnancyQuerySet.as_manager()

    class Meta:
        verbose_name = _("kehamilan")
        verbose_name_plural = _("kehamilan")
        ordering = ["-last_period_date"]
        indexes = [models.Index(fields=["kelurahan", "delivered_on"])]
        constraints = [
            check_constraint(
                "pregnancy_has_hpht_or_hpl",
                Q(last_period_date__isnull=False) | Q(expected_delivery_date__isnull=False),
                _("Isi HPHT atau HPL."),
            ),
            check_constraint(
                "pregnancy_hpl_after_hpht",
                Q(last_period_date__isnull=True)
                | Q(expected_delivery_date__isnull=True)
                | Q(expected_delivery_date__gt=models.F("last_period_date")),
                _("HPL harus sesudah HPHT."),
            ),
            check_constraint(
                "pregnancy_delivery_after_hpht",
                Q(delivered_on__isnull=True)
                | Q(last_period_date__isnull=True)
                | Q(delivered_on__gt=models.F("last_period_date")),
                _("Tanggal melahirkan harus sesudah HPHT."),
            ),
            check_constraint(
                "pregnancy_delivery_has_outcome",
                Q(delivered_on__isnull=True) | ~Q(outcome=""),
                _("Isi hasil persalinan untuk kehamilan yang sudah berakhir."),
            ),
            unique_constraint(
                "pregnancy_one_ongoing_per_person",
                "person",
                condition=Q(delivered_on__isnull=True),
                message=_(
                    "Ibu ini masih punya kehamilan yang belum berakhir. Isi tanggal "
                    "melahirkan kehamilan sebelumnya terlebih dahulu."
                ),
            ),
            *muac_and_hb_plausible("pregnancy"),
        ]

    def __str__(self) -> str:
        return _("Kehamilan %(name)s") % {"name": self.person.name}

    def get_absolute_url(self) -> str:
        return url_for("stunting:pregnancy_detail", self.pk)

    @property
    def lmp(self) -> datetime.date | None:
        """The first day of the last period, given or derived from the HPL (Naegele)."""
        if self.last_period_date:
            return self.last_period_date
        if self.expected_delivery_date:
            return self.expected_delivery_date - datetime.timedelta(days=280)
        return None

    def gestational_months_on(self, day: datetime.date) -> int | None:
        if self.delivered_on and self.delivered_on <= day:
            return None
        return ages.gestational_months(self.lmp, day) if self.lmp else None

    def stage_on(self, day: datetime.date) -> str:
        """'t1', 't2', 't3' or 'nifas' (delivered on or before `day`)."""
        if self.delivered_on and self.delivered_on <= day:
            return "nifas"
        months = self.gestational_months_on(day)
        return f"t{ages.trimester(months)}" if months is not None else ""

    @property
    def stage_today(self) -> str:
        return self.stage_on(timezone.localdate())

    @property
    def is_high_risk(self) -> bool:
        return self.status in self.HIGH_RISK
