from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from .admin_base import HistoryAdmin
from .models.partners import OPD, KelompokMasyarakat, Lembaga, Officer, Official
from .models.regions import RT, RW, Kecamatan, Kelurahan, KotaKabupaten
from .models.signing import SigningLog
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


class KecamatanOfficialInline(admin.TabularInline):
    """The kecamatan's own officials (camat, sekcam, kasi PM) and their terms."""

    model = Official
    fk_name = "kecamatan"
    fields = ["position", "name", "nip", "phone", "start_date", "end_date"]
    extra = 0
    verbose_name = _("pejabat kecamatan")
    verbose_name_plural = _("pejabat kecamatan")

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "position":
            kwargs["choices"] = [
                (value, label)
                for value, label in db_field.choices
                if value in Official.KECAMATAN_POSTS
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)


@admin.register(Kecamatan)
class KecamatanAdmin(HistoryAdmin):
    list_display = ["name", "kota", "code", "phone"]
    list_filter = ["kota"]
    search_fields = ["name", "code"]
    list_select_related = ["kota"]
    inlines = [KecamatanOfficialInline]


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
    list_display = ["name", "position", "kelurahan", "kecamatan", "start_date", "end_date"]
    list_filter = ["position", "kecamatan", "kelurahan__kecamatan", "kelurahan"]
    search_fields = ["name", "nip", "nrp"]
    list_select_related = ["kelurahan", "kecamatan"]
    date_hierarchy = "start_date"


@admin.register(SigningLog)
class SigningLogAdmin(admin.ModelAdmin):
    """Signatures given and withdrawn: read only (they are written by the signing service)."""

    list_display = ["created_at", "action", "signer_name", "by", "content_type", "object_id"]
    list_filter = ["action", "content_type"]
    search_fields = ["signer_name", "reason", "by__username"]
    list_select_related = ["by", "content_type"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
