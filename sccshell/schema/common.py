"""PowerShell's common parameters, in the shape of a parameter object of the JSON."""

from __future__ import annotations

ACTION_PREFERENCES = [
    "Continue",
    "Ignore",
    "Inquire",
    "SilentlyContinue",
    "Stop",
    "Suspend",
    "Break",
]


def _param(name: str, type_: str, alias: str, values: list[str] | None = None) -> dict:
    entry: dict = {"name": name, "type": type_, "aliases": [alias], "pipeline_input": False}
    if values:
        entry["accepted_values"] = values
    return entry


COMMON_PARAMETERS: tuple[dict, ...] = (
    _param("Verbose", "SwitchParameter", "vb"),
    _param("Debug", "SwitchParameter", "db"),
    _param("ErrorAction", "ActionPreference", "ea", ACTION_PREFERENCES),
    _param("WarningAction", "ActionPreference", "wa", ACTION_PREFERENCES),
    _param("InformationAction", "ActionPreference", "infa", ACTION_PREFERENCES),
    _param("ProgressAction", "ActionPreference", "proga", ACTION_PREFERENCES),
    _param("ErrorVariable", "String", "ev"),
    _param("WarningVariable", "String", "wv"),
    _param("InformationVariable", "String", "iv"),
    _param("OutVariable", "String", "ov"),
    _param("OutBuffer", "Int32", "ob"),
    _param("PipelineVariable", "String", "pv"),
)

COMMON_NAMES = frozenset(p["name"].lower() for p in COMMON_PARAMETERS)

# PowerShell binds these through its ShouldProcess machinery, not as declared
# parameters, so an abbreviation that also matches a declared parameter prefers the
# declared one. The JSON lists them like ordinary parameters.
SHOULD_PROCESS_NAMES = frozenset({"whatif", "confirm"})

# When two parameters of one cmdlet claim the same alias (the docs give
# Invoke-HoldRemovalAction's SharePointLocation the alias "wi"), the conventional
# owner keeps it.
CONVENTIONAL_ALIASES = {"wi": "whatif", "cf": "confirm"}
