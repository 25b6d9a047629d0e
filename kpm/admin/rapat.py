from django.contrib import admin

from kelurahan.admin_base import HistoryAdmin

from ..models import Rapat, RapatAgenda, RapatFoto, RapatKeputusan, RapatPeserta, RapatTindakLanjut


class RapatAgendaInline(admin.TabularInline):
    model = RapatAgenda
    extra = 0


class RapatKeputusanInline(admin.TabularInline):
    model = RapatKeputusan
    extra = 0


class RapatPesertaInline(admin.TabularInline):
    model = RapatPeserta
    extra = 0
    fields = ["kind", "name", "position", "kelurahan", "attendance", "marked_at", "walk_in"]
    readonly_fields = ["kind", "kelurahan"]
    show_change_link = True


@admin.register(Rapat)
class RapatAdmin(HistoryAdmin):
    list_display = ["title", "starts_at", "kind", "level", "kelurahan", "kecamatan", "status"]
    list_filter = ["kind", "level", "status", "kecamatan", "kelurahan"]
    search_fields = ["title", "place", "chair_name"]
    list_select_related = ["kelurahan", "kecamatan"]
    autocomplete_fields = ["kecamatan", "kelurahan", "participants", "chair", "minute_taker"]
    date_hierarchy = "starts_at"
    inlines = [RapatAgendaInline, RapatKeputusanInline, RapatPesertaInline]


@admin.register(RapatPeserta)
class RapatPesertaAdmin(HistoryAdmin):
    list_display = ["name", "rapat", "kind", "kelurahan", "attendance", "walk_in"]
    list_filter = ["kind", "attendance", "walk_in"]
    search_fields = ["name", "rapat__title"]
    list_select_related = ["rapat", "kelurahan"]
    autocomplete_fields = ["rapat", "kader", "official", "lembaga", "kelurahan"]


@admin.register(RapatTindakLanjut)
class RapatTindakLanjutAdmin(HistoryAdmin):
    list_display = ["description", "rapat", "kelurahan", "due_date", "status"]
    list_filter = ["status", "kelurahan"]
    search_fields = ["description", "assignee_name", "rapat__title"]
    list_select_related = ["rapat", "kelurahan"]
    autocomplete_fields = ["rapat", "assignee_kader", "assignee_official", "kelurahan"]
    date_hierarchy = "due_date"


@admin.register(RapatFoto)
class RapatFotoAdmin(HistoryAdmin):
    list_display = ["__str__", "rapat", "content_type", "width", "height", "created_at"]
    search_fields = ["caption", "rapat__title"]
    list_select_related = ["rapat"]
    autocomplete_fields = ["rapat"]
    readonly_fields = ["content_type", "width", "height"]
