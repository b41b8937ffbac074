"""Settings: every threshold and deadline, with documented defaults in TOML.

Defaults live in `default_settings.toml` (shipped with the package, and the
reference for users). A user file (`--config FILE`, or `declarations.toml` in
the working directory) overrides any subset of keys.
"""

from __future__ import annotations

import tomllib
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from declarations.errors import InputError, Issue

USER_FILE = "declarations.toml"


def defaults_text() -> str:
    return resources.files("declarations").joinpath("default_settings.toml").read_text(encoding="utf-8")


def _merge(base: dict[str, Any], override: dict[str, Any], file: str, prefix: str = "") -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if key not in base:
            raise InputError([Issue(file, "", None, prefix + key, "одна из известных настроек", "неизвестный ключ")])
        if isinstance(base[key], dict) and key != "categories":
            merged[key] = _merge(base[key], value, file, f"{prefix}{key}.")
        else:
            merged[key] = value
    return merged


def load_settings(config: Path | None = None) -> dict[str, Any]:
    settings = tomllib.loads(defaults_text())
    path = config if config is not None else (Path(USER_FILE) if Path(USER_FILE).exists() else None)
    if path is None:
        return settings
    try:
        user = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise InputError([Issue(str(path), expected="файл настроек TOML", found=str(error))]) from error
    return _merge(settings, user, str(path))


def deadline_options(settings: dict[str, Any]) -> dict[str, Any]:
    """Keyword arguments for declarations.calendar functions from the [deadlines] settings."""
    section = settings["deadlines"]
    return {
        "categories": {name: tuple(md) for name, md in section["categories"].items()},
        "publication_working_days": section["publication_working_days"],
        "extra_days_off": frozenset(date.fromisoformat(d) for d in section["extra_days_off"]),
        "extra_working_days": frozenset(date.fromisoformat(d) for d in section["extra_working_days"]),
        "move_filing_to_working_day": section["move_filing_to_working_day"],
    }
