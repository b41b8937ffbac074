"""The same public declaration in two files is stored once.

Publishers post one table twice (a «one table» and a «two tables» version, a sheet repeated in a
workbook), and one person can appear twice in a table (two roles, one справка). A declaration
whose content — name key, year and every income, property and vehicle row (`fingerprint`) — is
already stored, or came earlier in the same load, keeps only a pointer: its справка about self
with `duplicate_of` set, so the file still shows whom it names, but no rows, no declarant row
and no place in `effective_declarations`. The user is told which ones, in Russian.
"""

from __future__ import annotations

import polars as pl

from declarations.store import LoadBatch, Store


class Fingerprints:
    """Fingerprints of the stored declarations and of those loaded since, with where they are."""

    def __init__(self, store: Store):
        rows = store.con.execute(
            """SELECT d.fingerprint, d.declaration_id, d.person_id, l.source, d.source_row, l.source_sha256
               FROM declarations d JOIN loads l USING (load_id)
               WHERE d.fingerprint IS NOT NULL AND d.duplicate_of IS NULL""").fetchall()
        self.known: dict[str, tuple[str, str, str, int, str]] = {r[0]: tuple(r[1:]) for r in rows}

    def find(self, fingerprint: str, source: str) -> tuple[str, str, str, int, str] | None:
        """The stored declaration with this content, unless it is of the same file (reloaded, replaced)."""
        found = self.known.get(fingerprint)
        return found if found and found[2] != source else None


def mark(batch: LoadBatch, fingerprints: Fingerprints) -> None:
    """Reduce the batch's repeated declarations to pointers; note each for the user."""
    declarations = batch.tables.get("declarations")
    if declarations is None or declarations.is_empty() or "fingerprint" not in declarations.columns:
        return
    servants = batch.tables["servants"]
    names = dict(zip(servants.get_column("section_id"), servants.get_column("full_name")))
    own = declarations.filter(pl.col("subject") == "self")
    repeated: dict[str, tuple[str, str]] = {}   # section_id → (original declaration_id, original person_id)
    seen_here: dict[str, tuple[str, str, str, int, str]] = {}
    for section_id, declaration_id, person_id, year, row, fingerprint in own.select(
            "section_id", "declaration_id", "person_id", "year", "source_row", "fingerprint").iter_rows():
        original = fingerprints.find(fingerprint, batch.source) or seen_here.get(fingerprint)
        if original is None:
            seen_here[fingerprint] = (declaration_id, person_id, batch.source, row, batch.sha256)
            continue
        repeated[section_id] = (original[0], original[1])
        where = "этого же файла" if original[2] == batch.source else f"файла {original[2]}"
        batch.notes.append(
            f"«{names.get(section_id, '')}», {year} год (лицо {row}): те же сведения уже загружены из {where} "
            f"(лицо {original[3]}) — сохранены один раз, повтор не учитывается")
    fingerprints.known.update(seen_here)
    if not repeated:
        return
    sections = list(repeated)
    dropped = declarations.filter(pl.col("section_id").is_in(sections)).get_column("declaration_id")
    pointers = own.filter(pl.col("section_id").is_in(sections)).with_columns(
        pl.col("section_id").replace_strict({k: v[0] for k, v in repeated.items()}).alias("duplicate_of"),
        pl.col("section_id").replace_strict({k: v[1] for k, v in repeated.items()}).alias("person_id"),
    )
    batch.tables["declarations"] = pl.concat(
        [declarations.filter(~pl.col("section_id").is_in(sections)), pointers.select(declarations.columns)],
        how="vertical_relaxed")
    batch.tables["servants"] = servants.filter(~pl.col("section_id").is_in(sections))
    for table in ("incomes", "real_estate", "vehicles"):
        frame = batch.tables.get(table)
        if frame is not None and not frame.is_empty():
            batch.tables[table] = frame.filter(~pl.col("declaration_id").is_in(dropped.to_list()))
