from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from .admin_base import HistoryAdmin
from .models.partners import OPD, KelompokMasyarakat, Lembaga, Officer, Official
from .models.regions import RT, RW, Kecamatan, Kelurahan, KotaKabupaten
from .models.users import User

admin.site.site_header = _("Administrasi KPM Kelurahan")
admin.site.site_title = _("Admin KPM")
admin.site.index_title = _("Data induk dan koreksi data")


@admin.register(User)
class KpmUserAdmin(UserAdmin, HistoryAdmin):
    list_display = ["username", "first_name", "role", "kelurahan", "kecamatan", "is_active"]
    list_filter = ["role", "kelurahan__kecamatan", "kelurahan", "is_active", "is_staff"]
    list_select_related = ["kelurahan", "kecamatan"]
    fieldsets = [
        *UserAdmin.fieldsets,
        (_("Peran dan wilayah"), {"fields": ["role", "kelurahan", "kecamatan", "phone"]}),
    ]
    add_fieldsets = [
        *UserAdmin.add_fieldsets,
        (_("Peran dan wilayah"), {"fields": ["role", "kelurahan", "kecamatan"]}),
    ]


@admin.register(KotaKabupaten)
class KotaKabupatenAdmin(HistoryAdmin):
    list_display = ["name", "kind", "province", "code"]
    search_fields = ["name", "code"]


@admin.register(Kecamatan)
class KecamatanAdmin(HistoryAdmin):
    list_display = ["name", "kota", "code"]
    list_filter = ["kota"]
    search_fields = ["name", "code"]
    list_select_related = ["kota"]


@admin.register(Kelurahan)
class KelurahanAdmin(HistoryAdmin):
    list_display = ["name", "kecamatan", "code", "phone"]
    list_filter = ["kecamatan__kota", "kecamatan"]
    search_fields = ["name", "code"]
    list_select_related = ["kecamatan"]


class RTInline(admin.TabularInline):
    model = RT
    extra = 0


@admin.register(RW)
class RWAdmin(HistoryAdmin):
    list_display = ["__str__", "kelurahan", "chair_name"]
    list_filter = ["kelurahan__kecamatan", "kelurahan"]
    search_fields = ["chair_name", "kelurahan__name"]
    list_select_related = ["kelurahan"]
    inlines = [RTInline]


@admin.register(RT)
class RTAdmin(HistoryAdmin):
    list_display = ["__str__", "rw", "chair_name"]
    list_filter = ["rw__kelurahan"]
    search_fields = ["chair_name"]
    list_select_related = ["rw", "rw__kelurahan"]


class OfficerInline(admin.TabularInline):
    model = Officer
    extra = 0


@admin.register(Lembaga)
class LembagaAdmin(HistoryAdmin):
    list_display = ["name", "kind", "kelurahan", "rw", "is_active"]
    list_filter = ["kind", "is_active", "kelurahan__kecamatan", "kelurahan"]
    search_fields = ["name", "address", "officers__name"]
    list_select_related = ["kelurahan", "rw"]
    autocomplete_fields = ["kelurahan"]
    inlines = [OfficerInline]


@admin.register(Officer)
class OfficerAdmin(HistoryAdmin):
    list_display = ["name", "position", "lembaga", "start_date", "end_date"]
    list_filter = ["position", "lembaga__kind"]
    search_fields = ["name", "lembaga__name"]
    list_select_related = ["lembaga"]


@admin.register(KelompokMasyarakat)
class KelompokMasyarakatAdmin(HistoryAdmin):
    list_display = ["name", "kind", "kelurahan", "contact_name", "is_active"]
    list_filter = ["kind", "is_active", "kelurahan"]
    search_fields = ["name", "contact_name"]
    list_select_related = ["kelurahan"]


@admin.register(OPD)
class OPDAdmin(HistoryAdmin):
    list_display = ["name", "kind", "kota", "kecamatan", "phone"]
    list_filter = ["kind", "kota"]
    search_fields = ["name", "contact_name"]
    list_select_related = ["kota", "kecamatan"]


@admin.register(Official)
class OfficialAdmin(HistoryAdmin):
    list_display = ["name", "position", "kelurahan", "start_date", "end_date"]
    list_filter = ["position", "kelurahan__kecamatan", "kelurahan"]
    search_fields = ["name", "nip"]
    list_select_related = ["kelurahan"]
    date_hierarchy = "start_date"
