"""What makes two rows of two справки one asset: one declarative spec per asset kind.

A spec names the source table and the rows compared (owned real estate only), the identifier, the
normalised keys (each computed once per distinct source value, in SQL or by a normaliser of
`declarations.normalise`), and the identity stages in the order they are tried. A stage says which
keys must be equal (`block`), what else must hold (`condition`, with the tolerances as settings),
how candidates rank (`wild`: unknown attributes, `cost`: the difference), the score it gives and a
Russian label for the evidence. The matcher (`checks.identity.matching`) runs the stages over every
pair of справки of one subject, as a one-to-one assignment (no row used twice).

The stages follow checks.md ("previous declaration"):

1. `identifier` — both rows carry the identifier (cadastral number, plate, account number) and it is
   equal. Two rows whose identifiers are both given and differ are never the same object.
2. `attributes` — the normalised attributes agree within the tolerances (type, area within 1 %, share,
   country; make, model, year made; bank, type, currency, opening date).
3. kind-specific: `attributes_except_share` (real estate: the same object with another share, so
   that PROPERTY_SHARE_CHANGED sees it without a cadastral number).
4. `only_of_kind` — among the rows still open, the only one of its kind for that subject in both
   справки (the only flat at that address, the only vehicle of that make, the only current rouble
   account at that bank) is the same object even when its area or opening date changed. Never an
   object acquired (an account opened) after the end of the previous справка's year: that one is new.

SQL conditions use `p` (the previous row) and `c` (the current row) of the working table; `{tol}` is
the area tolerance as a fraction (the bound parameter `$area_tolerance`, see checks.rules.Context),
`{prev_end}` the end of the previous справка's year.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from checks.identity import keys as K
from declarations.text import CYRILLIC_LOOK_ALIKES, LATIN_LOOK_ALIKES


@dataclass(frozen=True)
class KeyColumns:
    """Normalised keys computed once per distinct value of `sources` (SQL over alias `a`, or Python)."""

    sources: tuple[str, ...]
    sql: dict[str, str] = field(default_factory=dict)
    python: Callable[..., tuple] | None = None      # (*source values) -> tuple of outputs, in `outputs` order
    outputs: tuple[str, ...] = ()
    lazy: bool = False                              # computed for the rows still open at the stage that needs it

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.sql) if self.sql else self.outputs

    def normalise(self, *values: Any) -> tuple:
        """The outputs of a Python key for one distinct source value; an SQL key has none to call."""
        if self.python is None:
            raise TypeError(f"the key of {self.sources} is computed in SQL, not in Python")
        return self.python(*values)


@dataclass(frozen=True)
class Stage:
    name: str
    label: str                      # Russian, for the evidence: how the two rows were found to be one object
    block: tuple[str, ...] = ()     # keys equal on both rows (hash join)
    condition: str = "TRUE"
    wild: str = "0"
    cost: str = "0"
    score: str = "1.0"
    exact: tuple[str, ...] = ()     # fast path: rows with all of these equal and known pair in source order
    only_of_kind: bool = False      # the block is "the kind": one open row of it on both sides
    needs: tuple[str, ...] = ()     # lazy keys this stage reads


@dataclass(frozen=True)
class IdentitySpec:
    kind: str
    table: str
    where: str
    fields: tuple[str, ...]         # evidence fields of a source row
    ident: str                      # SQL of the identifier over alias `a` (NULL when not given)
    keys: tuple[KeyColumns, ...]
    keep: tuple[str, ...]           # source columns kept in the working table
    compare: tuple[str, ...]        # columns of both rows carried into the match table for the rules
    stages: tuple[Stage, ...]
    object_key: str                 # SQL naming the object in a flag's identity (alias `{a}`)
    object_key_noshare: str = ""
    acquired: str | None = None     # the working column of the acquisition (opening) date
    # the same object declared by another member of the family (aliases `u`, the row; `f`, the family's row;
    # `{tol}`): an object moved to the spouse is neither gone nor new
    same_object: str = "FALSE"
    joint: str = "FALSE"            # SQL over `u`: held jointly, so the co-owning spouse's sale explains it too
    # SQL over a match `m`: the object stayed with its holder but part of it went elsewhere (a share given away)
    part_moved: str = "FALSE"
    sources: str | None = None      # only pairs of two справки from this source

    def stage_number(self, name: str) -> int:
        for number, stage in enumerate(self.stages, start=1):
            if stage.name == name:
                return number
        raise KeyError(f"{self.kind}: no stage {name!r}")

    def stage_names(self) -> dict[int, str]:
        return {number: stage.name for number, stage in enumerate(self.stages, start=1)}


IDENTIFIER = Stage("identifier", "по номеру (кадастровому, регистрационному знаку, номеру счета)")

_SHARE_KEY = """CASE
    WHEN regexp_full_match(coalesce(a.share, ''), '\\s*[0-9]+\\s*/\\s*[0-9]+\\s*')
         AND trim(split_part(a.share, '/', 2))::BIGINT > 0 AND trim(split_part(a.share, '/', 1))::BIGINT > 0 THEN
        (trim(split_part(a.share, '/', 1))::BIGINT
            // gcd(trim(split_part(a.share, '/', 1))::BIGINT, trim(split_part(a.share, '/', 2))::BIGINT))::TEXT
        || '/' ||
        (trim(split_part(a.share, '/', 2))::BIGINT
            // gcd(trim(split_part(a.share, '/', 1))::BIGINT, trim(split_part(a.share, '/', 2))::BIGINT))::TEXT
    WHEN a.ownership = 'individual' THEN '1/1'
    WHEN a.ownership = 'joint' THEN 'joint'
    ELSE NULL END"""
_COUNTRY_KEY = r"""CASE WHEN a.country IS NULL OR trim(a.country) = '' OR lower(a.country) LIKE '%росси%'
        OR regexp_full_match(lower(trim(a.country)), '\(?\s*(рф|russia|russian federation)\s*\)?')
    THEN 'россия' ELSE trim(regexp_replace(lower(a.country), '[^a-zа-яё0-9]+', ' ', 'g')) END"""
_AREA_OK = "(p.area IS NULL OR c.area IS NULL OR abs(p.area - c.area) <= {tol} * greatest(p.area, c.area))"
_SHARE_FITS = "(p.share_key IS NULL OR c.share_key IS NULL OR p.share_key = c.share_key)"
_NOT_NEW = "NOT coalesce(c.{col} > {prev_end}, false)"   # acquired after the previous year: a new object

REAL_ESTATE = IdentitySpec(
    kind="real_estate", table="real_estate", where="a.holding = 'owned'",
    fields=("object_type", "object_type_raw", "ownership", "share", "area", "country", "address",
            "cadastral_number", "acquired_on", "basis", "source_row"),
    ident="nullif(upper(replace(trim(a.cadastral_number), ' ', '')), '')",
    keys=(
        KeyColumns(("ownership", "share"), sql={"share_key": _SHARE_KEY}),
        KeyColumns(("country",), sql={"country_key": _COUNTRY_KEY}),
        KeyColumns(("object_type", "object_type_raw"),
                   sql={"type_key": "CASE WHEN a.object_type = 'other' AND a.object_type_raw IS NOT NULL "
                                    "THEN lower(trim(a.object_type_raw)) ELSE a.object_type END"}),
        KeyColumns(("address",), python=K.address, outputs=("address_key",), lazy=True),
    ),
    keep=("area", "acquired_on", "basis", "source_row"),
    compare=("area", "share_key", "acquired_on"),
    stages=(
        IDENTIFIER,
        Stage("attributes", "по признакам: вид, площадь (в пределах допуска), доля, страна",
              block=("type_key", "country_key"), exact=("type_key", "country_key", "area", "share_key"),
              condition=f"{_AREA_OK} AND {_SHARE_FITS} AND {_NOT_NEW.format(col='acquired_on', prev_end='{prev_end}')}",
              wild="(p.share_key IS NULL OR c.share_key IS NULL)::INT + (p.area IS NULL OR c.area IS NULL)::INT",
              cost="coalesce(abs(p.area - c.area) / greatest(p.area, c.area), 0)",
              score="round(0.95 - coalesce(abs(p.area - c.area) / greatest(p.area, c.area), 0)"
                    " - 0.05 * ((p.share_key IS NULL OR c.share_key IS NULL)::INT"
                    " + (p.area IS NULL OR c.area IS NULL)::INT), 3)"),
        Stage("attributes_except_share", "по виду, площади и стране (доля другая)",
              block=("type_key", "country_key"),
              condition=f"{_AREA_OK} AND p.share_key <> c.share_key "
                        f"AND {_NOT_NEW.format(col='acquired_on', prev_end='{prev_end}')}",
              wild="(p.area IS NULL OR c.area IS NULL)::INT",
              cost="coalesce(abs(p.area - c.area) / greatest(p.area, c.area), 0)",
              score="round(0.85 - coalesce(abs(p.area - c.area) / greatest(p.area, c.area), 0), 3)"),
        Stage("only_of_kind", "единственный объект этого вида по этому адресу в обеих справках",
              block=("type_key", "address_key"), only_of_kind=True, needs=("address_key",),
              condition=f"p.address_key IS NOT NULL AND {_NOT_NEW.format(col='acquired_on', prev_end='{prev_end}')}",
              cost="coalesce(abs(p.area - c.area) / greatest(p.area, c.area), 0)", score="0.8"),
        Stage("only_of_type", "единственный объект этого вида в обеих справках (адрес в одной из них не указан)",
              block=("type_key", "country_key"), only_of_kind=True, needs=("address_key",),
              condition=("(p.address_key IS NULL OR c.address_key IS NULL) "
                         f"AND {_NOT_NEW.format(col='acquired_on', prev_end='{prev_end}')}"),
              score="0.7"),
    ),
    object_key="""CASE WHEN {a}.ident IS NOT NULL THEN 'cad:' || {a}.ident
                  ELSE 'attr:' || {a}.type_key || '|' || coalesce(round({a}.area, 1)::TEXT, '?') || '|'
                       || coalesce({a}.share_key, '?') || '|' || {a}.country_key END""",
    object_key_noshare="""CASE WHEN {a}.ident IS NOT NULL THEN 'cad:' || {a}.ident
                  ELSE 'attr:' || {a}.type_key || '|' || coalesce(round({a}.area, 1)::TEXT, '?') || '|'
                       || {a}.country_key END""",
    acquired="acquired_on",
    same_object=("f.type_key = u.type_key AND f.country_key = u.country_key AND f.area IS NOT NULL "
                 "AND u.area IS NOT NULL AND abs(f.area - u.area) <= {tol} * greatest(f.area, u.area)"),
    joint="coalesce(u.share_key = 'joint', false)",
    part_moved="m.p_share_key IS DISTINCT FROM m.c_share_key",
)

_YEAR_FITS = "(p.year_made IS NULL OR c.year_made IS NULL OR p.year_made = c.year_made)"
VEHICLE = IdentitySpec(
    kind="vehicle", table="vehicles", where="TRUE",
    fields=("vehicle_type", "make", "model", "year_made", "registration", "acquired_on", "source_row"),
    ident=("CASE WHEN a.registration IS NULL THEN NULL ELSE "
           f"nullif(regexp_replace(translate(upper(a.registration), '{LATIN_LOOK_ALIKES.upper()}', "
           f"'{CYRILLIC_LOOK_ALIKES.upper()}'), "
           "'[^0-9А-ЯЁ]', '', 'g'), '') END"),
    keys=(KeyColumns(("make", "model"), python=K.vehicle, outputs=("make_key", "model_key", "full_key")),),
    keep=("year_made", "acquired_on", "source_row"),
    compare=("year_made", "acquired_on"),
    stages=(
        IDENTIFIER,
        Stage("attributes", "по марке, модели и году выпуска (написание сведено к одному)",
              block=("full_key",), exact=("full_key", "year_made"),
              condition=f"{_YEAR_FITS} AND {_NOT_NEW.format(col='acquired_on', prev_end='{prev_end}')}",
              wild="(p.year_made IS NULL OR c.year_made IS NULL)::INT",
              score="CASE WHEN p.year_made IS NULL OR c.year_made IS NULL THEN 0.9 ELSE 0.95 END"),
        Stage("make_and_year", "по марке, году выпуска и дате приобретения (модель в одной из справок не указана)",
              block=("make_key",),
              condition=("p.make_key <> '?' AND (p.model_key = '' OR c.model_key = '') "
                         "AND p.year_made = c.year_made "
                         "AND (p.acquired_on IS NULL OR c.acquired_on IS NULL OR p.acquired_on = c.acquired_on) "
                         f"AND {_NOT_NEW.format(col='acquired_on', prev_end='{prev_end}')}"),
              wild="(p.acquired_on IS NULL OR c.acquired_on IS NULL)::INT", score="0.8"),
        Stage("only_of_kind", "единственное транспортное средство этой марки в обеих справках",
              block=("make_key",), only_of_kind=True,
              condition=f"p.make_key <> '?' AND {_YEAR_FITS} "
                        f"AND {_NOT_NEW.format(col='acquired_on', prev_end='{prev_end}')}",
              score="0.75"),
    ),
    object_key="""CASE WHEN {a}.ident IS NOT NULL THEN 'reg:' || {a}.ident
                  ELSE 'attr:' || coalesce({a}.full_key, '') || '|' || coalesce({a}.year_made::TEXT, '?') END""",
    acquired="acquired_on",
    same_object=("f.full_key = u.full_key AND u.make_key <> '?' "
                 "AND (f.year_made IS NULL OR u.year_made IS NULL OR f.year_made = u.year_made)"),
)

_TYPE_FITS = "(p.type_key IS NULL OR c.type_key IS NULL OR p.type_key = c.type_key)"
ACCOUNT = IdentitySpec(
    kind="account", table="accounts", where="TRUE",
    fields=("bank", "account_number", "account_type", "currency", "opened_on", "balance", "source_row"),
    ident=("CASE WHEN a.account_number IS NULL THEN NULL "
           "WHEN regexp_full_match(a.account_number, '[0-9]+') THEN a.account_number "
           "ELSE nullif(regexp_replace(a.account_number, '[^0-9]', '', 'g'), '') END"),
    keys=(
        KeyColumns(("bank",), python=K.bank, outputs=("bank_key",)),
        KeyColumns(("account_type",), python=K.account_type, outputs=("type_key", "type_kind")),
        KeyColumns(("currency",), sql={"currency_key": "CASE WHEN upper(coalesce(a.currency, 'RUB')) IN ('RUB', 'RUR') "
                                                       "THEN 'RUB' ELSE upper(trim(a.currency)) END"}),
    ),
    keep=("opened_on", "balance", "source_row"),
    compare=("opened_on",),
    stages=(
        IDENTIFIER,
        Stage("attributes", "по банку (с учетом переименований и слияний), виду счета, валюте и дате открытия",
              block=("bank_key", "currency_key"), exact=("bank_key", "currency_key", "type_key", "opened_on"),
              condition=f"{_TYPE_FITS} AND (p.opened_on IS NULL OR c.opened_on IS NULL OR p.opened_on = c.opened_on)",
              wild="(p.type_key IS NULL OR c.type_key IS NULL)::INT",
              score="CASE WHEN p.type_key IS NULL OR c.type_key IS NULL THEN 0.9 ELSE 0.95 END"),
        Stage("only_of_kind", "единственный счет этого вида и валюты в этом банке в обеих справках",
              block=("bank_key", "currency_key", "type_kind"), only_of_kind=True,
              condition=f"{_NOT_NEW.format(col='opened_on', prev_end='{prev_end}')}",
              cost="coalesce(abs(date_diff('day', p.opened_on, c.opened_on)), 100000)", score="0.8"),
        Stage("only_of_bank", "единственный счет в этой валюте в этом банке в обеих справках (вид счета в одной "
                              "из них не указан)",
              block=("bank_key", "currency_key"), only_of_kind=True,
              condition=f"(p.type_key IS NULL OR c.type_key IS NULL) "
                        f"AND {_NOT_NEW.format(col='opened_on', prev_end='{prev_end}')}",
              score="0.7"),
    ),
    object_key="""CASE WHEN {a}.ident IS NOT NULL THEN 'acc:' || {a}.ident
                  ELSE 'attr:' || {a}.bank_key || '|' || coalesce({a}.type_key, '?') || '|' || {a}.currency_key || '|'
                       || coalesce({a}.opened_on::TEXT, '?') END""",
    acquired="opened_on",
    sources="workbook",  # Declarator data carries no accounts: pairs of two workbook справки only
)

SECURITY = IdentitySpec(
    kind="security", table="securities", where="TRUE",
    fields=("issuer_name", "issuer_inn", "kind", "share_pct", "amount", "source_row"),
    ident="nullif(regexp_replace(coalesce(a.issuer_inn, ''), '[^0-9]', '', 'g'), '')",
    keys=(KeyColumns(("issuer_name",), python=K.organisation, outputs=("issuer_key",)),
          KeyColumns(("kind",), sql={"kind_key": "coalesce(a.kind, 'other')"})),
    keep=("share_pct", "amount", "source_row"),
    compare=("share_pct", "amount"),
    stages=(
        Stage("identifier", "по ИНН организации"),
        Stage("attributes", "по названию организации (без организационно-правовой формы) и виду",
              block=("issuer_key", "kind_key"), score="0.9"),
        Stage("only_of_kind", "единственная бумага этого вида в обеих справках",
              block=("kind_key",), only_of_kind=True, score="0.6"),
    ),
    object_key="""CASE WHEN {a}.ident IS NOT NULL THEN 'inn:' || {a}.ident ELSE 'attr:' || {a}.issuer_key END""",
)

LIABILITY = IdentitySpec(
    kind="liability", table="liabilities", where="TRUE",
    fields=("kind", "creditor", "amount", "incurred_on", "source_row"),
    ident="NULL::TEXT",   # the form has no contract number
    keys=(KeyColumns(("creditor",), python=K.bank, outputs=("creditor_key",)),
          KeyColumns(("kind",), python=K.liability_kind, outputs=("kind_key",))),
    keep=("amount", "incurred_on", "source_row"),
    compare=("amount", "incurred_on"),
    stages=(
        Stage("attributes", "по кредитору (с учетом переименований), виду и дате возникновения",
              block=("creditor_key", "kind_key"),
              condition="(p.incurred_on IS NULL OR c.incurred_on IS NULL OR p.incurred_on = c.incurred_on)",
              wild="(p.incurred_on IS NULL OR c.incurred_on IS NULL)::INT", score="0.9"),
        Stage("only_of_kind", "единственное обязательство этого вида перед этим кредитором в обеих справках",
              block=("creditor_key", "kind_key"), only_of_kind=True,
              condition=_NOT_NEW.format(col="incurred_on", prev_end="{prev_end}"), score="0.75"),
    ),
    object_key="""'attr:' || coalesce({a}.creditor_key, '?') || '|' || coalesce({a}.kind_key, '?')
                  || '|' || coalesce({a}.incurred_on::TEXT, '?')""",
    acquired="incurred_on",
)

SPECS: dict[str, IdentitySpec] = {s.kind: s for s in (REAL_ESTATE, VEHICLE, ACCOUNT, SECURITY, LIABILITY)}

# Russian labels of the stages for the evidence (report, workbook); "none": no row of the other справка
STAGE_LABELS: dict[str, str] = {
    **{stage.name: stage.label for spec in SPECS.values() for stage in spec.stages if stage.name != "attributes"},
    "identifier": "по номеру (кадастровому, регистрационному знаку, номеру счета)",
    "attributes": "по признакам (написание сведено к одному)",
    "none": "не сопоставлено: в другой справке нет объекта с тем же номером или теми же признаками",
}
