from kelurahan.routes import page, resource_paths

from .views import (
    fieldwork,
    imports,
    lists,
    monitoring,
    posyandu,
    referrals,
    scorecard,
    scorecard_docs,
    scorecard_kecamatan,
    scorecard_report,
    targets,
)

app_name = "stunting"

urlpatterns = [
    # The register
    *resource_paths("keluarga", targets, "family"),
    page("keluarga/<int:family_pk>/anak/tambah/", targets.child_create),
    page("keluarga/<int:family_pk>/anggota/tambah/", targets.adult_create),
    page("keluarga/<int:family_pk>/ibu-hamil/tambah/", targets.pregnant_woman_create),
    page("anak/", targets.child_list),
    page("anak/xlsx/", lists.child_list_xlsx),
    page("sasaran/<int:pk>/", targets.person_detail),
    page("sasaran/<int:pk>/ubah/", targets.person_update),
    page("sasaran/<int:person_pk>/kehamilan/tambah/", targets.pregnancy_create),
    page("ibu-hamil/", targets.pregnancy_list),
    page("ibu-hamil/xlsx/", lists.pregnancy_list_xlsx),
    page("kehamilan/<int:pk>/", targets.pregnancy_detail),
    page("kehamilan/<int:pk>/ubah/", targets.pregnancy_update),
    # Monthly monitoring of one target
    page("sasaran/<int:person_pk>/pengukuran/tambah/", monitoring.measurement_create),
    page("pengukuran/<int:pk>/ubah/", monitoring.measurement_update),
    page("pengukuran/<int:pk>/hapus/", monitoring.measurement_delete),
    page("sasaran/<int:person_pk>/2b/tambah/", monitoring.child_month_create),
    page("2b/<int:pk>/ubah/", monitoring.child_month_update),
    page("sasaran/<int:person_pk>/2c/tambah/", monitoring.paud_month_create),
    page("2c/<int:pk>/ubah/", monitoring.paud_month_update),
    page("kehamilan/<int:pregnancy_pk>/2a/tambah/", monitoring.pregnancy_month_create),
    page("2a/<int:pk>/ubah/", monitoring.pregnancy_month_update),
    # Posyandu day
    page("posyandu/", posyandu.posyandu_choose),
    page("posyandu/<int:pk>/<int:year>/<int:month>/", posyandu.posyandu_day),
    # The lists a kelurahan acts on
    page("daftar/", lists.lists_index),
    page("daftar/<slug:slug>/", lists.action_list),
    page("daftar/<slug:slug>/xlsx/", lists.action_list_xlsx),
    # The quarter: Scorecard Konvergensi, recaps 3A/3B/PAUD, the targets behind a figure
    page("skor/", scorecard.scorecard),
    page("skor/tren/", scorecard.scorecard_trend),
    page("skor/rekap/<slug:group>/", scorecard.scorecard_recap),
    page("skor/angka/<slug:key>/", scorecard.scorecard_figure),
    page("skor/sasaran/<slug:group>/<int:pk>/", scorecard.scorecard_target),
    # Excel imports
    page("impor/", imports.import_index),
    page("impor/<slug:slug>/", imports.import_upload),
    page("impor/<slug:slug>/templat/", imports.import_template),
    # The quarter's validation and meta facts (beside the scorecard page, `skor/`)
    page("skor/validasi/", scorecard_report.scorecard_validate),
    page("skor/buka-kembali/", scorecard_report.scorecard_reopen),
    page("skor/catatan/", scorecard_report.scorecard_notes),
    # The quarter's scorecard and recaps as documents
    page("skor/pdf/", scorecard_docs.scorecard_pdf),
    page("skor/rekap/<slug:group>/pdf/", scorecard_docs.scorecard_recap_pdf),
    page("skor/xlsx/", scorecard_docs.scorecard_xlsx),
    # The kelurahan of a kecamatan side by side
    page("skor/kecamatan/", scorecard_kecamatan.scorecard_kecamatan),
    # Field work: families each cadre accompanies, home visits, tasks about targets
    page("binaan/", fieldwork.assignment_list),
    page("binaan/tambah/", fieldwork.assignment_create),
    page("binaan/<int:pk>/hapus/", fieldwork.assignment_delete),
    page("kunjungan-rumah/", fieldwork.home_visit_list),
    page("kunjungan-rumah/tambah/", fieldwork.home_visit_create),
    page("kunjungan-rumah/<int:pk>/ubah/", fieldwork.home_visit_update),
    page("kunjungan-rumah/<int:pk>/hapus/", fieldwork.home_visit_delete),
    page("kunjungan-rumah/<int:pk>/foto/<str:size>/", fieldwork.home_visit_photo),
    page("sasaran/<int:pk>/tugas/", fieldwork.task_for_target),
    # Referrals to OPD
    page("rujukan/", referrals.referral_list),
    page("rujukan/tambah/", referrals.referral_create),
    page("rujukan/<int:pk>/", referrals.referral_detail),
    page("rujukan/<int:pk>/langkah/", referrals.referral_advance),
    page("rujukan/<int:pk>/surat.pdf", referrals.referral_letter),
    page("rujukan/opd/<int:pk>/", referrals.referral_opd),
    page("rujukan/rekap/", referrals.referral_recap),
]
