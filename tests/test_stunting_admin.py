"""The admin site saves through the services: z-scores are recomputed, never typed."""

from django.urls import reverse

from .factories_stunting import make_child, make_family, make_measurement


def test_admin_edit_of_a_measurement_recomputes_its_zscores(client, kelurahan, admin_user):
    child = make_child(make_family(kelurahan), age_days=500)
    m = make_measurement(child, weight="10.0", height="80.0")
    before = m.hfa_z
    client.force_login(admin_user)
    url = reverse("admin:stunting_measurement_change", args=[m.pk])
    data = {
        "person": child.pk,
        "measured_on": m.measured_on.isoformat(),
        "weight_kg": "10.0",
        "height_cm": "72.0",
        "measured_lying": "True",
        "wfa_category": "",
        "hfa_category": "",
        "wfh_category": "",
        "bfa_category": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    m.refresh_from_db()
    assert m.hfa_z < before
    assert m.hfa_category in ("pendek", "sangat_pendek")
