"""Settings: every threshold and deadline, typed, with documented defaults in TOML.

Defaults live in `default_settings.toml` (shipped with the package, and the
reference for users). A user file (`--config FILE`, or `declarations.toml` in
the working directory) overrides any subset of keys. The merged settings are
checked once, here, and turned into frozen dataclasses (one per TOML section):
a rule reads `ctx.settings.checks.income_jump_ratio`, so a misspelt name fails
when the code is written, not in the middle of a check run, and a user's typo or
out-of-range value is reported with its file, section, key and line, all at once,
before anything runs.

The DuckDB memory ceiling is not a TOML setting (it is about the machine, not the
analysis, and a run's recorded settings must not depend on it): see
:func:`duckdb_memory_limit`.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from declarations.errors import InputError, Issue, os_error_reason
from declarations.model import RELATIONS

USER_FILE = "declarations.toml"
DEFAULTS_FILE = "default_settings.toml"

# One memory ceiling for DuckDB's heavy work (the check run, the candidate joins of `match`):
# beyond it DuckDB spills to a temporary file instead of taking the machine's RAM.
MEMORY_LIMIT_DEFAULT = "3GB"
MEMORY_LIMIT_ENV = "DECLARATIONS_MEMORY_LIMIT"
MEMORY_LIMIT_ENV_OLD = "DECLARATIONS_CHECK_MEMORY"  # the earlier name, still honoured
_MEMORY_RE = re.compile(r"^\s*\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*$", re.IGNORECASE)


def duckdb_memory_limit() -> str:
    """DuckDB's memory limit: `DECLARATIONS_MEMORY_LIMIT` (e.g. `4GB`), else 3GB.

    The value is pasted into a `SET` statement (DuckDB cannot bind one), so it is checked first.
    """
    for name in (MEMORY_LIMIT_ENV, MEMORY_LIMIT_ENV_OLD):
        value = os.environ.get(name)
        if value:
            if not _MEMORY_RE.match(value):
                raise InputError([Issue(f"переменная окружения {name}", expected="объем памяти, например 4GB или 512MB",
                                        found=value)])
            return value.strip().replace(" ", "")
    return MEMORY_LIMIT_DEFAULT


# --------------------------------------------------------------------------- what a key may hold


@dataclass(frozen=True)
class Spec:
    """What one key may hold: its kind and bounds (turned into the Russian 'expected' of an error)."""

    kind: str  # int, number, bool, choice, words, dates, relations, range, categories
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()


def setting(kind: str, low: float | None = None, high: float | None = None, choices: tuple[str, ...] = ()) -> Any:
    return field(metadata={"spec": Spec(kind, low, high, choices)})


def _bounds(spec: Spec) -> str:
    if spec.low is not None and spec.high is not None:
        return f" от {_number(spec.low)} до {_number(spec.high)}"
    if spec.low is not None:
        return f" не меньше {_number(spec.low)}"
    if spec.high is not None:
        return f" не больше {_number(spec.high)}"
    return ""


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


def expected_text(spec: Spec) -> str:
    """The Russian 'expected' of an error about a key of this spec."""
    if spec.kind == "int":
        return "целое число" + _bounds(spec)
    if spec.kind == "number":
        return "число" + _bounds(spec)
    if spec.kind == "bool":
        return "true или false"
    if spec.kind == "choice":
        return "одно из значений: " + ", ".join(f'"{c}"' for c in spec.choices)
    if spec.kind == "words":
        return 'список слов в кавычках, например ["продаж", "отчужден"]'
    if spec.kind == "dates":
        return 'список дат в кавычках, например ["2025-05-02"]'
    if spec.kind == "relations":
        return "список родственных связей из: " + ", ".join(RELATIONS)
    if spec.kind == "range":
        return "два целых числа [от, до] не меньше 0, от не больше до"
    if spec.kind == "categories":
        return 'таблица «категория = [месяц, день]» с категорией "default", например { default = [4, 30] }'
    raise ValueError(spec.kind)


def toml_text(value: Any) -> str:
    """A found value as the user wrote it in TOML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_text(v) for v in value) + "]"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {toml_text(v)}" for k, v in value.items()) + " }"
    return str(value)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _in_bounds(value: float, spec: Spec) -> bool:
    return (spec.low is None or value >= spec.low) and (spec.high is None or value <= spec.high)


def convert(value: Any, spec: Spec) -> Any:
    """The typed value, or ValueError when the TOML value does not fit the spec."""
    kind = spec.kind
    if kind == "int" and _is_int(value) and _in_bounds(value, spec):
        return value
    if kind == "number" and (_is_int(value) or isinstance(value, float)) and _in_bounds(value, spec):
        return float(value)
    if kind == "bool" and isinstance(value, bool):
        return value
    if kind == "choice" and value in spec.choices:
        return value
    if kind == "dates" and isinstance(value, list):  # "2025-05-02" or a TOML date, 2025-05-02
        try:
            return tuple(v if type(v) is date else date.fromisoformat(v) for v in value)
        except (TypeError, ValueError):
            pass
    if kind in ("words", "relations") and isinstance(value, list) and all(isinstance(v, str) for v in value):
        if kind == "words" or all(v in RELATIONS for v in value):
            return tuple(value)
    if (kind == "range" and isinstance(value, list) and len(value) == 2 and all(_is_int(v) and v >= 0 for v in value)
            and value[0] <= value[1]):
        return (value[0], value[1])
    if kind == "categories" and isinstance(value, dict) and "default" in value and all(
            isinstance(md, list) and len(md) == 2 and all(_is_int(v) for v in md) and _valid_day(*md)
            for md in value.values()):
        return MappingProxyType({name: (md[0], md[1]) for name, md in value.items()})
    raise ValueError(value)


def _valid_day(month: int, day: int) -> bool:
    try:
        date(2024, month, day)  # a leap year: 29 February is a valid deadline
    except ValueError:
        return False
    return True


def plain(value: Any) -> Any:
    """A typed value back in its TOML form (what a check run records)."""
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


# --------------------------------------------------------------------------- the sections


@dataclass(frozen=True)
class Section:
    """A TOML section as a frozen dataclass; `as_dict` gives it back in its TOML form."""

    def as_dict(self) -> dict[str, Any]:
        return {f.name: plain(getattr(self, f.name)) for f in fields(self)}


@dataclass(frozen=True)
class DeadlineSettings(Section):
    """[deadlines]: filing and publication deadlines (declarations.calendar)."""

    categories: Mapping[str, tuple[int, int]] = setting("categories")
    publication_working_days: int = setting("int", 0, 366)
    extra_days_off: tuple[date, ...] = setting("dates")
    extra_working_days: tuple[date, ...] = setting("dates")
    move_filing_to_working_day: bool = setting("bool")

    def calendar_options(self) -> dict[str, Any]:
        """Keyword arguments for declarations.calendar functions."""
        return {
            "categories": dict(self.categories),
            "publication_working_days": self.publication_working_days,
            "extra_days_off": frozenset(self.extra_days_off),
            "extra_working_days": frozenset(self.extra_working_days),
            "move_filing_to_working_day": self.move_filing_to_working_day,
        }


@dataclass(frozen=True)
class CheckSettings(Section):
    """[checks]: thresholds of the checks of sections С, В, Д (checks.md)."""

    correction_grace_months: int = setting("int", 0, 120)
    adult_age: int = setting("int", 1, 30)
    payroll_tolerance_pct: float = setting("number", 0, 100)
    payroll_tolerance_rub: float = setting("number", 0)
    area_tolerance_pct: float = setting("number", 0, 100)
    income_jump_ratio: float = setting("number", 1)
    income_jump_rub: float = setting("number", 0)
    expense_income_years: int = setting("int", 1, 20)
    property_sale_words: tuple[str, ...] = setting("words")
    vehicle_sale_words: tuple[str, ...] = setting("words")
    property_object_words: tuple[str, ...] = setting("words")
    vehicle_object_words: tuple[str, ...] = setting("words")


@dataclass(frozen=True)
class MatchSettings(Section):
    """[match]: procurement conflicts of interest (section З, `declarations match`)."""

    match_threshold: float = setting("number", 0, 1)
    possible_threshold: float = setting("number", 0, 1)
    founder_share_pct: float = setting("number", 0, 100)
    kin_relations: tuple[str, ...] = setting("relations")
    max_block_size: int = setting("int", 1)
    parent_age_gap: tuple[int, int] = setting("range")
    sibling_age_gap: int = setting("int", 0, 100)
    relative_min_score: float = setting("number", 0, 1)
    relative_same_region_kin: float = setting("number", 0, 1)


@dataclass(frozen=True)
class PeopleSettings(Section):
    """[people]: linking the sections of public declarations into persons."""

    link_threshold: float = setting("number", 0, 1)
    record_from: float = setting("number", 0, 1)


@dataclass(frozen=True)
class PublishSettings(Section):
    """[publish]: the published tables."""

    sort_by: str = setting("choice", choices=("surname", "position"))


SECTIONS: dict[str, type[Section]] = {
    "deadlines": DeadlineSettings,
    "checks": CheckSettings,
    "match": MatchSettings,
    "people": PeopleSettings,
    "publish": PublishSettings,
}


@dataclass(frozen=True)
class Settings:
    """All settings, checked; built once per command by :func:`load_settings`."""

    deadlines: DeadlineSettings
    checks: CheckSettings
    match: MatchSettings
    people: PeopleSettings
    publish: PublishSettings

    def as_dict(self) -> dict[str, dict[str, Any]]:
        """The settings in their TOML form (the report's table of settings)."""
        return {name: getattr(self, name).as_dict() for name in SECTIONS}


# --------------------------------------------------------------------------- reading


def defaults_text() -> str:
    return resources.files("declarations").joinpath(DEFAULTS_FILE).read_text(encoding="utf-8")


def _closest(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f"; возможно, имелся в виду «{close[0]}»" if close else f"; известные: {', '.join(known)}"


def _line_of(text: str, section: str, key: str | None) -> int | None:
    """The line of `[section]` (or of `key` in it) in a TOML text, for the error message."""
    current, header_line = "", None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        header = re.match(r"^\[\s*([^\]\s]+)\s*\]", stripped)
        if header:
            current = header.group(1).strip('"')
            if current == section:
                header_line = number
                if key is None:
                    return number
            continue
        if key is None or current != section:
            if key is not None and current == "" and re.match(rf'^"?{re.escape(section)}"?\s*\.\s*"?{re.escape(key)}"?\s*=',
                                                              stripped):
                return number
            continue
        if re.match(rf'^"?{re.escape(key)}"?\s*[=.]', stripped):
            return number
    return header_line


def build_settings(values: Mapping[str, Any], *, file: str = DEFAULTS_FILE, text: str = "",
                   issues: list[Issue] | None = None) -> Settings:
    """Typed settings from merged TOML values; every problem at once (with `issues` found before), located
    in `file` (its `text`)."""
    issues = list(issues or [])

    def issue(section: str, key: str | None, expected: str, found: str) -> None:
        issues.append(Issue(file, f"раздел [{section}]", _line_of(text, section, key), key or "", expected, found))

    built: dict[str, Section] = {}
    for name, kind in SECTIONS.items():
        section = values.get(name, {})
        args = {}
        for spec_field in fields(kind):
            spec = spec_field.metadata["spec"]
            if spec_field.name not in section:
                issue(name, spec_field.name, expected_text(spec), "ключа нет")
                continue
            try:
                args[spec_field.name] = convert(section[spec_field.name], spec)
            except ValueError:
                issue(name, spec_field.name, expected_text(spec), toml_text(section[spec_field.name]))
        if len(args) == len(fields(kind)):
            built[name] = kind(**args)
    match = built.get("match")
    if isinstance(match, MatchSettings) and match.possible_threshold > match.match_threshold:
        issue("match", "possible_threshold", f"число не больше match_threshold ({_number(match.match_threshold)})",
              _number(match.possible_threshold))
    if issues:
        raise InputError(issues)
    return Settings(**built)  # type: ignore[arg-type]


def _merge(base: dict[str, Any], user: dict[str, Any], file: str, text: str) -> tuple[dict[str, Any], list[Issue]]:
    """The user's sections over the defaults, and the unknown sections and keys (each naming the closest known)."""
    issues: list[Issue] = []
    merged = {name: dict(section) for name, section in base.items()}
    for name, section in user.items():
        if name not in base:
            issues.append(Issue(file, f"раздел [{name}]", _line_of(text, name, None), "",
                                "имя известного раздела" + _closest(name, list(base)), f"[{name}]"))
            continue
        if not isinstance(section, dict):
            issues.append(Issue(file, f"раздел [{name}]", _line_of(text, name, None), "",
                                f"описание раздела [{name}] с его ключами", toml_text(section)))
            continue
        for key, value in section.items():
            if key not in base[name]:
                issues.append(Issue(file, f"раздел [{name}]", _line_of(text, name, key), key,
                                    f"имя известного ключа раздела [{name}]" + _closest(key, list(base[name])),
                                    f"неизвестный ключ «{key}»"))
            else:
                merged[name][key] = value  # categories replace the defaults' categories whole
    return merged, issues


def default_values() -> dict[str, Any]:
    """The defaults in their TOML form."""
    return tomllib.loads(defaults_text())


def settings_from(overrides: Mapping[str, Mapping[str, Any]] | None = None, file: str = "настройки") -> Settings:
    """Settings from the defaults with some keys replaced (`{"checks": {"adult_age": 21}}`), checked like a file."""
    merged, issues = _merge(default_values(), {k: dict(v) for k, v in (overrides or {}).items()}, file, "")
    return build_settings(merged, file=file, issues=issues)


def _unreadable(error: Exception) -> str:
    """Why a settings file could not be read, in Russian (Python's own words are English)."""
    if isinstance(error, UnicodeDecodeError):
        return "текст не в кодировке UTF-8"
    if isinstance(error, tomllib.TOMLDecodeError):
        at = re.search(r"line (\d+), column (\d+)", str(error))
        return "ошибка в записи TOML" + (f" (строка {at.group(1)}, столбец {at.group(2)})" if at else "")
    return os_error_reason(error) if isinstance(error, OSError) else type(error).__name__


def load_settings(config: Path | None = None) -> Settings:
    """The settings of a command: defaults, then `--config FILE` (or ./declarations.toml if present)."""
    defaults = default_values()
    path = config if config is not None else (Path(USER_FILE) if Path(USER_FILE).exists() else None)
    if path is None:
        return build_settings(defaults)
    try:
        text = path.read_text(encoding="utf-8")
        user = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise InputError([Issue(str(path), expected="содержимое файла настроек в формате TOML",
                                found=_unreadable(error))]) from error
    merged, issues = _merge(defaults, user, str(path), text)
    return build_settings(merged, file=str(path), text=text, issues=issues)
