"""Merge a ModuleInfo with the bundled schema into the Schema this identity can use (protocol §4).

The module decides which cmdlets exist (RBAC) and their parameters, sets, mandatory flags
and positions; the bundled docs fill in what the module leaves vague: Exchange's own types
(the module leaves them untyped or System.Object[]), accepted values, aliases, pipeline flags.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

from sccshell.connection.metadata import ModuleFunction, ModuleInfo, ModuleParameter
from sccshell.schema.build import COMPLIANCE_PRODUCT
from sccshell.schema.model import ALL_SETS, Cmdlet, IndexEntry, Schema

SERVICES = ("exchange", "compliance")
_PRODUCTS = {"exchange": ("Exchange Online",), "compliance": (COMPLIANCE_PRODUCT,)}
_SHOULD_PROCESS = (("WhatIf", "wi"), ("Confirm", "cf"))

# PowerShell type accelerators, written as the schema's type names.
_TYPES = {
    "string": "String",
    "int": "Int32",
    "int32": "Int32",
    "uint": "UInt32",
    "uint32": "UInt32",
    "long": "Int64",
    "int64": "Int64",
    "bool": "Boolean",
    "boolean": "Boolean",
    "switch": "SwitchParameter",
    "switchparameter": "SwitchParameter",
    "datetime": "DateTime",
    "guid": "Guid",
    "securestring": "SecureString",
    "pscredential": "PSCredential",
    "hashtable": "PswsHashtable",
    "byte": "Byte",
}
_VAGUE = frozenset({"object", "object[]", "psobject", "psobject[]"})


def schema_type(cast: str | None) -> str | None:
    """The schema's name for a module cast ([string] -> String); None when it says nothing."""
    if not cast:
        return None
    bare = cast.strip().removeprefix("System.").removeprefix("system.")
    if bare.lower() in _VAGUE:
        return None
    array = bare.endswith("[]")
    base = bare.removesuffix("[]")
    return _TYPES.get(base.lower(), base) + ("[]" if array else "")


def merge(module: ModuleInfo, bundled: Schema, *, module_name: str) -> Schema:
    """BUNDLED with MODULE_NAME's cmdlets replaced by exactly those MODULE declares.

    Cmdlets of other modules (sccshell's own, the other service's) are kept as they are,
    so merging the other service's module into the result gives a schema for both.
    """
    if module_name not in SERVICES:
        raise ValueError(f"module_name must be one of {SERVICES}, not {module_name!r}")
    # Bundled entries are carried over unbuilt, with the bundle's decoder. The module's
    # cmdlets are put together only when looked up: a connect merges some 900 of them, and
    # a command uses a few.
    kept = bundled.entries()
    entries = {
        key: entry
        for key, entry in kept.items()
        if entry.module != module_name and key not in module.functions
    }
    for key, function in module.functions.items():
        entries[key] = IndexEntry(
            function.name, module_name, partial(_merged, function, bundled, module_name)
        )
    return bundled.derive(entries, origin="module")


def _merged(function: ModuleFunction, bundled: Schema, module_name: str) -> dict:
    return cmdlet_data(function, bundled.get(function.name), module_name)


def schema_from_cmdlets(data: Mapping[str, Mapping], *, origin: str = "memory") -> Schema:
    """A Schema of {name: (cmdlet dict with a "module")} — the constructor model.py leaves out."""
    return Schema(
        {
            name.lower(): IndexEntry(d["name"], d.get("module") or "exchange", dict(d))
            for name, d in data.items()
        },
        origin=origin,
    )


def cmdlet_data(function: ModuleFunction, known: Cmdlet | None, module_name: str) -> dict:
    """The JSON cmdlet object (schema README) for FUNCTION, typed from KNOWN where it is vague."""
    parameters = [_parameter_data(p, known) for p in function.parameters]
    set_names = function.set_names
    sets: dict[str, list[dict]] = {name: [] for name in set_names}
    shared: list[dict] = []
    for parameter in function.parameters:
        memberships = parameter.memberships or ()
        named = [m for m in memberships if m.set_name and m.set_name.lower() != ALL_SETS.lower()]
        everywhere = [m for m in memberships if m not in named]
        if not memberships:
            shared.append({"name": parameter.name, "required": False, "position": None})
        for member in everywhere:
            shared.append(
                {"name": parameter.name, "required": member.mandatory, "position": member.position}
            )
        for member in named:
            sets[member.set_name].append(  # type: ignore[index]
                {"name": parameter.name, "required": member.mandatory, "position": member.position}
            )
    if function.supports_should_process:
        declared = {p.name.lower() for p in function.parameters}
        for name, alias in _SHOULD_PROCESS:
            if name.lower() in declared:
                continue
            parameters.append(_should_process_data(name, alias, known))
            shared.append({"name": name, "required": False, "position": None})
    default = function.default_parameter_set
    if default is None and known is not None and known.default_parameter_set in sets:
        default = known.default_parameter_set  # the module may omit what the docs mark
    if sets:
        parameter_sets = [
            {"name": name, "default": name == default, "parameters": members + shared}
            for name, members in sets.items()
        ]
    else:
        default = ALL_SETS
        parameter_sets = [{"name": ALL_SETS, "default": True, "parameters": shared}]
    verb, _, noun = function.name.partition("-")
    return {
        "name": function.name,
        "verb": verb,
        "noun": noun,
        "module": module_name,
        "products": list(known.products if known and known.products else _PRODUCTS[module_name]),
        "help_file": function.help_file or (known.help_file if known else None),
        "default_parameter_set": default,
        "common_parameters": True,
        "supports_should_process": function.supports_should_process,
        "confirm_impact": function.confirm_impact,
        "parameter_sets": parameter_sets,
        "parameters": parameters,
    }


def _parameter_data(parameter: ModuleParameter, known: Cmdlet | None) -> dict:
    documented = known.parameters.get(parameter.name.lower()) if known else None
    type_ = schema_type(parameter.type)
    if (
        documented is not None
        and documented.type
        and (type_ is None or _same_kind(type_, documented.type))
    ):
        type_ = documented.type  # the docs' name is the more precise one
    by: list[str] = []
    if any(m.by_value for m in parameter.memberships):
        by.append("ByValue")
    if any(m.by_property_name for m in parameter.memberships):
        by.append("ByPropertyName")
    data: dict = {"name": parameter.name, "type": type_ or "Object"}
    aliases = list(parameter.aliases)
    if documented is not None:
        aliases += [a for a in documented.aliases if a.lower() not in {x.lower() for x in aliases}]
        if documented.type_by_set:
            data["type_by_set"] = dict(documented.type_by_set)
        if documented.accepts_wildcards:
            data["accepts_wildcards"] = True
        if documented.products is not None:
            data["products"] = list(documented.products)
    data["aliases"] = aliases
    accepted = parameter.accepted_values
    if accepted is None and documented is not None:
        accepted = documented.accepted_values
    if accepted:
        data["accepted_values"] = list(accepted)
    if by:
        data["pipeline_input"] = True
        data["pipeline_input_by"] = by
    elif documented is not None and documented.pipeline_input:
        data["pipeline_input"] = True
        data["pipeline_input_by"] = list(documented.pipeline_input_by)
    return data


def _same_kind(module_type: str, documented: str) -> bool:
    """Whether the docs' type refines the module's cast rather than contradicting it."""
    a = module_type.lower().removeprefix("system.")
    b = documented.lower().removeprefix("system.")
    if a == b:
        return True
    # An array cast is the module's way of writing any multi-valued Exchange type.
    return a.endswith("[]") and not b.endswith("switchparameter")


def _should_process_data(name: str, alias: str, known: Cmdlet | None) -> dict:
    documented = known.parameters.get(name.lower()) if known else None
    aliases = list(documented.aliases) if documented and documented.aliases else [alias]
    return {"name": name, "type": "SwitchParameter", "aliases": aliases}
