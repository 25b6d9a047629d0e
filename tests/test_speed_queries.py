"""The list and dashboard queries rewritten for speed count exactly what they counted before."""

import datetime

from stunting import ages, queries
from stunting.models import Measurement
from tests.factories import make_kelurahan
from tests.factories_stunting import make_child, make_measurement, today


def test_measured_birth_date_is_the_childs_birth_date(db):
    kelurahan = make_kelurahan()
    for age in (0, 31, 400, 1500):
        make_measurement(make_child(kelurahan=kelurahan, age_days=age), height="80.0")
    rows = Measurement.objects.annotate(born=queries.MeasuredBirthDate()).select_related("person")
    assert len(rows) == 4
    assert all(row.born == row.person.birth_date for row in rows)


def test_dashboard_counts_a_child_measured_on_the_last_day_of_the_age_band(client, db, petugas):
    month = queries.this_month()
    earliest, _latest = ages.birth_date_range(0, ages.MEASUREMENT_MONTHS[1], month)
    kelurahan = petugas.kelurahan
    for born in (earliest, earliest - datetime.timedelta(days=1)):
        age = (today() - born).days
        make_measurement(make_child(kelurahan=kelurahan, age_days=age), height="105.0")
    client.force_login(petugas)
    panel = next(p for p in client.get("/").context["panels"] if p.title == "Pencegahan stunting")
    rows = {row.label: row.values[0] for row in panel.rows}
    assert rows["Balita diukur panjang/tinggi bulan ini"] == 1


def test_child_list_page_keeps_order_and_scope(client, db, petugas, django_assert_max_num_queries):
    kelurahan = petugas.kelurahan
    for name in ("Citra", "Ayu", "Bagus"):
        make_measurement(make_child(kelurahan=kelurahan, name=name), height="70.0")
    make_child(kelurahan=make_kelurahan(), name="Aaron elsewhere")
    client.force_login(petugas)
    with django_assert_max_num_queries(12):
        response = client.get("/stunting/anak/")
    names = [child.name for child in response.context["page_obj"]]
    assert names == ["Ayu", "Bagus", "Citra"]
    assert response.context["page_obj"].paginator.count == 3
