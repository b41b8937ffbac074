"""Score candidate pairs with OpenSanctions' `logic-v2` matcher (nomenklatura). Runs in `.venv-compare` only.

nomenklatura pins `duckdb<2`, our project needs `duckdb>=2`, so the two cannot share an
environment: `benchmarks/match_compare.py` (main environment) builds the pairs, writes them
as JSON and runs this script with `.venv-compare/bin/python`. Standard library and
nomenklatura only, nothing from our project.

Input JSON: {"people": [[id, name, birth_date|null], ...], "officers": [...], "pairs": [[person_id, officer_id], ...]}.
Output JSON: {"scores": [...] (one per pair, same order), "seconds": ..., "versions": {...}}.
Usage: python -m benchmarks.logic_v2_score IN.json OUT.json
"""

from __future__ import annotations

import json
import sys
import time
from importlib.metadata import version

from followthemoney import model
from nomenklatura.matching import LogicV2, ScoringConfig


def _person(entity_id: str, name: str, birth_date: str | None):
    # Ids must be unique per person: logic-v2 caches name analysis by entity id.
    entity = model.make_entity("Person")
    entity.id = entity_id
    entity.add("name", name)
    if birth_date:
        entity.add("birthDate", birth_date)
    return entity


def score(data: dict) -> dict:
    config = ScoringConfig.defaults()
    LogicV2.compare(_person("warm-up-a", "Иванов Иван Иванович", None),  # loads rigour's name data
                    _person("warm-up-b", "Иванов И. И.", None), config)
    start = time.perf_counter()
    people = {key: _person(f"p-{key}", name, birth) for key, name, birth in data["people"]}
    officers = {key: _person(f"o-{key}", name, birth) for key, name, birth in data["officers"]}
    # The servant (or relative) is the query, the register row the result: as in screening with yente.
    scores = [LogicV2.compare(people[p], officers[o], config).score for p, o in data["pairs"]]
    seconds = time.perf_counter() - start
    return {"scores": scores, "seconds": seconds, "algorithm": LogicV2.NAME,
            "versions": {p: version(p) for p in ("nomenklatura", "followthemoney", "rigour")}}


if __name__ == "__main__":
    source, target = sys.argv[1:3]
    with open(source, encoding="utf-8") as handle:
        result = score(json.load(handle))
    with open(target, "w", encoding="utf-8") as handle:
        json.dump(result, handle)
