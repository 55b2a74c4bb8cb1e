"""Regenerate rules/rates.yaml from the ECB's historical reference rates (eurofxref-hist.csv).

    python scripts/update_rates.py path/to/eurofxref-hist.csv [--read-at TEXT]

Download the file from the ECB (euro foreign exchange reference rates, "time series" zip). The shipped table keeps
the first ECB business day of each month from 2020 for the currencies the packs use.
"""

from __future__ import annotations

import argparse
import csv
from datetime import date
from pathlib import Path

CURRENCIES = ("USD", "GBP", "CAD", "AUD", "INR", "MYR", "IDR", "KRW")
ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("csv", type=Path)
    parser.add_argument("--read-at", default="eurofxref-hist.csv published by the ECB")
    args = parser.parse_args()
    rows = [r for r in csv.DictReader(args.csv.open(encoding="utf-8")) if r["Date"] >= "2020-01-01"]
    rows.sort(key=lambda r: r["Date"])
    firsts: dict[str, dict] = {}
    for row in rows:
        firsts.setdefault(row["Date"][:7], row)
    lines = [
        "# Euro foreign exchange reference rates of the European Central Bank: units of each currency for 1 euro,",
        "# on the first ECB business day of each month. exposure uses the rate of the incident's date or the nearest",
        "# earlier date here, and flags a rate more than a year older than the incident. Regenerate with",
        "# scripts/update_rates.py from the ECB's eurofxref-hist.csv.",
        "schema: 1",
        "base: EUR",
        "source:",
        '  cite: "European Central Bank, euro foreign exchange reference rates"',
        "  url: https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/html/index.en.html",
        f'  read_at: "{args.read_at}"',
        f"  checked: {date.today().isoformat()}",
        "  grade: mirror",
        "rates:",
    ]
    for month, row in sorted(firsts.items()):
        values = ", ".join(f"{c}: {row[c]}" for c in CURRENCIES if row.get(c) not in (None, "", "N/A"))
        lines.append(f"  {row['Date']}: {{{values}}}")
    (ROOT / "rules" / "rates.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(firsts)} dates written")


if __name__ == "__main__":
    main()
