"""Make each month's KPM tasks from their monthly templates (tugas rutin): for a monthly cron."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from kelurahan.commandline import kelurahan_option
from kelurahan.dates import this_month
from kelurahan.params import YEARS

from ...services_tugas import generate_monthly_tasks


def _month(value: str) -> datetime.date:
    try:
        month = datetime.datetime.strptime(value, "%Y-%m").date()
    except ValueError as exc:
        raise CommandError(f"--month must be YYYY-MM, not {value!r}.") from exc
    if month.year not in YEARS:
        raise CommandError(f"The year must be between {YEARS.start} and {YEARS.stop - 1}.")
    return month


class Command(BaseCommand):
    help = (
        "Make the month's task of every active monthly template (tugas rutin) that runs in that "
        "month and has none yet, in every kelurahan or in one. Safe to re-run: a template's "
        "month gets one task however often this runs. Meant for a monthly cron, e.g. on the "
        "first day of the month."
    )

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM (default: the current month).")
        parser.add_argument("--kelurahan", type=int, help="Only this kelurahan (its id).")

    def handle(self, *args, **options):
        month = _month(options["month"]) if options["month"] else this_month()
        kelurahan = None
        if options["kelurahan"] is not None:
            kelurahan = kelurahan_option(options["kelurahan"])
        made = generate_monthly_tasks(month=month, kelurahan=kelurahan)
        where = f" in {kelurahan}" if kelurahan else ""
        self.stdout.write(f"{made} task(s) made for {month:%Y-%m}{where}.")
