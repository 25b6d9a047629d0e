"""Print the incentive assessment of one kelurahan and period (shared/DESIGN.md §6)."""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from kelurahan.commandline import kelurahan_option

from ...incentive import periods, workflow
from ...incentive.export import assessment_json
from ...models import Assessment, IncentiveScheme


class _Preview(Exception):
    """Raised to roll back the assessment opened only to be printed."""


class Command(BaseCommand):
    help = (
        "Print every cadre's incentive indicators (value, level, improvement, score), total, "
        "tier and amount for one kelurahan and period (--period 2026-Q3 or 2026-07). The "
        "assessment as stored when it exists; otherwise computed from the records now and not "
        'saved (status "preview"). With --json the shape other tools read.'
    )

    def add_arguments(self, parser):
        parser.add_argument("--kelurahan", type=int, required=True, help="The kelurahan's id.")
        parser.add_argument("--period", required=True, help="YYYY-QN or YYYY-MM")
        parser.add_argument("--json", action="store_true", help="Print JSON.")

    def handle(self, *args, **options):
        kelurahan = kelurahan_option(options["kelurahan"])
        period = periods.parse(options["period"])
        if period is None:
            raise CommandError("The period is YYYY-QN (a quarter) or YYYY-MM (a month).")
        assessment = Assessment.objects.filter(kelurahan=kelurahan, period=period.code).first()
        data = assessment_json(assessment) if assessment else self._preview(kelurahan, period)
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        self.stdout.write(f"{kelurahan}, {data['period']} ({data['status']})")
        for cadre in data["cadres"]:
            self.stdout.write(
                f"{cadre['name']}: {cadre['total'] or '-'} {cadre['tier']} Rp {cadre['amount']:,}"
            )

    def _preview(self, kelurahan, period) -> dict:
        scheme = IncentiveScheme.objects.filter(kelurahan=kelurahan, year=period.start.year).first()
        if scheme is None:
            raise CommandError(f"{kelurahan} has no incentive scheme for {period.start.year}.")
        data = {}
        try:
            with transaction.atomic():
                assessment = workflow.open_assessment(scheme=scheme, period=period, by=None)
                data = assessment_json(assessment, preview=True)
                raise _Preview
        except _Preview:
            return data
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
