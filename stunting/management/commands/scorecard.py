"""Print one kelurahan-quarter of the Scorecard Konvergensi (shared/DESIGN.md §6)."""

import json

from django.core.management.base import BaseCommand, CommandError

from kelurahan.commandline import kelurahan_option
from kelurahan.dates import Quarter
from kelurahan.params import YEARS

from ...scorecard.compute import as_json, compute, load_report


def _ratio(data: dict) -> str:
    y, applicable = data["y"], data["applicable"]
    if not applicable:
        return f"{y}/{applicable} (-)"
    return f"{y}/{applicable} ({y * 100 / applicable:.1f}%)"


class Command(BaseCommand):
    help = (
        "Print the Scorecard Konvergensi of one kelurahan-quarter: with --json the shape other "
        "tools read (every target's marks in DESIGN order, per-indicator and konvergensi counts "
        "as y and applicable, never rounded, tables 1 and 2), else a short summary. Live "
        "figures by default; --validated prints the snapshot stored when the lurah validated "
        "the quarter (an error when it is not validated)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--kelurahan", type=int, required=True, help="The kelurahan's id.")
        parser.add_argument("--year", type=int, required=True, help="YYYY")
        parser.add_argument("--quarter", type=int, required=True, choices=[1, 2, 3, 4])
        parser.add_argument("--json", action="store_true", help="Print JSON.")
        parser.add_argument(
            "--validated", action="store_true", help="Print the validated snapshot."
        )

    def handle(self, *args, **options):
        kelurahan = kelurahan_option(options["kelurahan"])
        if options["year"] not in YEARS:
            raise CommandError(f"The year must be between {YEARS.start} and {YEARS.stop - 1}.")
        quarter = Quarter(options["year"], options["quarter"])
        if options["validated"]:
            result, report = load_report(kelurahan.pk, quarter)
            if report is None or not report.is_validated:
                raise CommandError(
                    f"The scorecard of {kelurahan} {quarter.label} is not validated: "
                    "run without --validated for the live figures."
                )
        else:
            result = compute([kelurahan.pk], quarter)
        data = as_json(result, kelurahan_id=kelurahan.pk, validated=options["validated"])
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False))
        else:
            self.stdout.write(self._summary(kelurahan, quarter, data))

    def _summary(self, kelurahan, quarter: Quarter, data: dict) -> str:
        state = "validated snapshot" if data["validated"] else "live figures"
        mothers, children = data["ibu_hamil"], data["anak_0_23"]
        lines = [
            f"{kelurahan}, {quarter.label} ({state}, rule set {data['rule_set']})",
            f"Ibu hamil: {len(mothers['targets'])} targets, "
            f"konvergensi {_ratio(mothers['konvergensi'])}",
            f"Anak 0-23 bulan: {len(children['targets'])} targets, "
            f"konvergensi {_ratio(children['konvergensi'])}",
            f"PAUD: {data['paud']['aktif']} aktif of {data['paud']['registered']} registered",
            f"Kelurahan konvergensi: {_ratio(data['kelurahan_konvergensi'])}",
            "Table 1: " + ", ".join(f"{k} {v}" for k, v in data["table1"].items()),
            "Table 2: " + ", ".join(f"{k} {v}" for k, v in data["table2"].items()),
        ]
        return "\n".join(lines)
