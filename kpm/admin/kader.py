from django.contrib import admin

from kelurahan.admin_base import HistoryAdmin

from ..models import SK, Kader, Pelatihan, Relasi


class RelasiInline(admin.TabularInline):
    model = Relasi
    fk_name = "kader"
    extra = 0
    autocomplete_fields = ["official", "lembaga", "partner_kader", "kelompok", "opd"]


@admin.register(Kader)
class KaderAdmin(HistoryAdmin):
    list_display = ["name", "kelurahan", "origin", "bidang", "is_active", "ended_on"]
    list_filter = ["is_active", "origin", "bidang", "kelurahan__kecamatan", "kelurahan"]
    search_fields = ["name", "=nik"]
    list_select_related = ["kelurahan"]
    autocomplete_fields = ["kelurahan", "origin_lembaga", "rw", "end_sk"]
    inlines = [RelasiInline]


@admin.register(SK)
class SKAdmin(HistoryAdmin):
    list_display = ["number", "kind", "date", "kelurahan", "term_start", "term_end"]
    list_filter = ["kind", "kelurahan"]
    search_fields = ["number", "title"]
    list_select_related = ["kelurahan"]
    autocomplete_fields = ["kelurahan", "signatory", "kaders"]
    date_hierarchy = "date"


@admin.register(Pelatihan)
class PelatihanAdmin(HistoryAdmin):
    list_display = ["name", "kelurahan", "organizer", "start_date"]
    list_filter = ["kelurahan"]
    search_fields = ["name", "organizer"]
    list_select_related = ["kelurahan"]
    autocomplete_fields = ["kelurahan", "participants"]


@admin.register(Relasi)
class RelasiAdmin(HistoryAdmin):
    list_display = ["kader", "partner_kind", "nature", "start_date", "end_date"]
    list_filter = ["partner_kind", "nature"]
    search_fields = ["kader__name"]
    list_select_related = ["kader"]
    autocomplete_fields = ["kader", "official", "lembaga", "partner_kader", "kelompok", "opd"]
