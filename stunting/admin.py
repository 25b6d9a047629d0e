"""The admin site for the stunting register. Saves go through the services, so that z-scores,
ages and stages are computed exactly as on the pages, never typed by hand."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from kelurahan.admin_base import HistoryAdmin
from kelurahan.validators import mask_nik

from . import services
from .models import (
    ChildMonth,
    Family,
    Measurement,
    PaudMonth,
    Person,
    Pregnancy,
    PregnancyMonth,
    QuarterReport,
)


@admin.register(Family)
class FamilyAdmin(HistoryAdmin):
    list_display = ["head_name", "kk_number", "kelurahan", "rw", "posyandu", "is_resident"]
    list_filter = ["is_resident", "kelurahan"]
    search_fields = ["head_name", "=kk_number", "address"]
    list_select_related = ["kelurahan", "rw", "posyandu"]
    raw_id_fields = ["kelurahan", "rw", "rt", "posyandu"]

    def get_list_display(self, request):
        """The KK number whole only for those who see whole NIK and KK (`User.sees_full_nik`)."""
        if request.user.sees_full_nik:
            return self.list_display
        return ["kk_masked" if f == "kk_number" else f for f in self.list_display]

    @admin.display(description=_("No KK"), ordering="kk_number")
    def kk_masked(self, family):
        return mask_nik(family.kk_number)


@admin.register(Person)
class PersonAdmin(HistoryAdmin):
    list_display = ["name", "sex", "birth_date", "kelurahan", "family", "is_resident"]
    list_filter = ["sex", "is_resident", "family_role", "kelurahan"]
    search_fields = ["name", "=nik", "family__head_name"]
    list_select_related = ["kelurahan", "family"]
    raw_id_fields = ["kelurahan", "family", "mother", "paud"]

    def save_model(self, request, obj, form, change):
        services.save_person(person=obj)


@admin.register(Pregnancy)
class PregnancyAdmin(HistoryAdmin):
    list_display = ["person", "kelurahan", "last_period_date", "expected_delivery_date", "status"]
    list_filter = ["status", "kelurahan"]
    search_fields = ["person__name", "=person__nik"]
    list_select_related = ["person", "kelurahan"]
    raw_id_fields = ["kelurahan", "person"]

    def save_model(self, request, obj, form, change):
        services.save_pregnancy(pregnancy=obj)


class MonthlyAdmin(HistoryAdmin):
    list_filter = ["month", "kelurahan"]
    date_hierarchy = "month"
    list_select_related = ["kelurahan"]
    raw_id_fields = ["kelurahan", "recorded_by"]


@admin.register(Measurement)
class MeasurementAdmin(MonthlyAdmin):
    list_display = [
        "person",
        "measured_on",
        "weight_kg",
        "height_cm",
        "hfa_category",
        "needs_recheck",
    ]
    list_filter = ["needs_recheck", "hfa_category", "wfh_category", "month", "kelurahan"]
    search_fields = ["person__name", "=person__nik"]
    list_select_related = ["person", "kelurahan"]
    raw_id_fields = ["kelurahan", "person", "posyandu", "recorded_by"]
    readonly_fields = ["kelurahan", "age_days", "wfa_z", "hfa_z", "wfh_z", "bfa_z"]

    def save_model(self, request, obj, form, change):
        services.save_measurement(measurement=obj)


@admin.register(ChildMonth)
class ChildMonthAdmin(MonthlyAdmin):
    list_display = ["person", "month", "visit_date", "age_months", "growth_mat"]
    search_fields = ["person__name"]
    list_select_related = ["person", "kelurahan"]
    raw_id_fields = ["person", "recorded_by"]
    readonly_fields = ["kelurahan"]

    def save_model(self, request, obj, form, change):
        services.fill_child_month(obj)
        obj.save()


@admin.register(PaudMonth)
class PaudMonthAdmin(MonthlyAdmin):
    list_display = ["person", "month", "registered", "participated"]
    search_fields = ["person__name"]
    list_select_related = ["person", "kelurahan"]
    raw_id_fields = ["person", "paud", "recorded_by"]
    readonly_fields = ["kelurahan"]

    def save_model(self, request, obj, form, change):
        services.save_paud_month(record=obj)


@admin.register(PregnancyMonth)
class PregnancyMonthAdmin(MonthlyAdmin):
    list_display = ["pregnancy", "month", "stage", "anc_visits", "iron_tablets", "status"]
    search_fields = ["pregnancy__person__name"]
    list_select_related = ["pregnancy__person", "kelurahan"]
    raw_id_fields = ["pregnancy", "recorded_by"]
    readonly_fields = ["kelurahan"]

    def save_model(self, request, obj, form, change):
        services.fill_pregnancy_month(obj)
        obj.save()


@admin.register(QuarterReport)
class QuarterReportAdmin(HistoryAdmin):
    """Validation and reopening happen on the scorecard page (with the snapshot and a
    reason); here only the meta facts are edited."""

    list_display = ["kelurahan", "year", "quarter", "state", "validated_at", "validated_by"]
    list_filter = ["state", "year", "quarter", "kelurahan"]
    search_fields = ["kelurahan__name", "notes", "partners"]
    list_select_related = ["kelurahan", "validated_by"]
    raw_id_fields = ["kelurahan", "rembuk_rapat"]
    readonly_fields = ["rule_set", "state", "validated_at", "validated_by", "reopen_reason"]
