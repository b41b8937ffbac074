"""Procurement inputs (companies, officers, bids) shared by the matching tests."""

from __future__ import annotations

import csv
from pathlib import Path

ORG = "Администрация Энского района"


def inn10(seed: int) -> str:
    digits = [int(d) for d in f"{seed:09d}"]
    weights = (2, 4, 10, 3, 5, 9, 4, 6, 8)
    return "".join(map(str, digits)) + str(sum(w * d for w, d in zip(weights, digits)) % 11 % 10)


ORG_INN = inn10(770000001)  # the customer of every bid


def write_csv(path: Path, rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(dict.fromkeys(k for r in rows for k in r)))
        writer.writeheader()
        writer.writerows(rows)
    return path


def officer(company: str, name: str, role: str, **fields) -> dict:
    row = {"company_inn": company, "company_name": f"ООО «Компания {company[-3:]}»", "person_name": name,
           "person_inn": "", "birth_date": "", "role": role, "share_pct": "", "since": "", "until": ""}
    row.update(fields)
    return row


def bid(procedure: str, company: str, winner: bool = False, customer: str = ORG) -> dict:
    return {"procedure_id": procedure, "customer": customer, "customer_inn": ORG_INN, "date": "2024-06-01",
            "amount": "1000000", "participant_inn": company, "participant_name": f"ООО «Компания {company[-3:]}»",
            "is_winner": "да" if winner else "нет"}
