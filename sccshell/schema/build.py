"""Build a Cmdlet from a cmdlet object of the JSON (or of builtin_cmdlets.CMDLETS)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sccshell.schema.common import COMMON_NAMES, COMMON_PARAMETERS, CONVENTIONAL_ALIASES
from sccshell.schema.model import ALL_SETS, Cmdlet, Parameter, ParameterSet, SetMember

COMPLIANCE_PRODUCT = "Security & Compliance"


def module_for(products: Iterable[str]) -> str:
    """ "compliance" for Security & Compliance-only cmdlets, else "exchange"."""
    products = list(products)
    if products and all(p == COMPLIANCE_PRODUCT for p in products):
        return "compliance"
    return "exchange"


def _tuple(value: object) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, (list, tuple)) else ()


def build_parameter(data: Mapping, *, common: bool = False) -> Parameter:
    accepted = data.get("accepted_values")
    products = data.get("products")
    type_by_set = data.get("type_by_set") or {}
    return Parameter(
        name=data["name"],
        type=data.get("type"),
        aliases=_tuple(data.get("aliases")),
        accepted_values=tuple(accepted) if accepted else None,
        pipeline_input=bool(data.get("pipeline_input")),
        pipeline_input_by=_tuple(data.get("pipeline_input_by")),
        accepts_wildcards=bool(data.get("accepts_wildcards")),
        products=tuple(products) if products is not None else None,
        exchange_server_only=bool(data.get("exchange_server_only")),
        type_by_set=tuple(type_by_set.items()),
        common=common,
        remaining=bool(data.get("value_from_remaining_arguments")),
    )


# Shared by every cmdlet: they never differ.
_COMMON = {e["name"].lower(): build_parameter(e, common=True) for e in COMMON_PARAMETERS}


def _member(data: Mapping) -> SetMember:
    if len(data) == 3:
        # 98% of memberships carry no flags: skip the lookups below.
        position = data["position"]
        return SetMember(data["name"], bool(data["required"]), position)
    position = data.get("position")
    return SetMember(
        data["name"],
        bool(data.get("required")),
        position if isinstance(position, int) else None,
        _tuple(data.get("docs_conflict")),
        data.get("in_yaml", True) is not False,
        data.get("in_syntax", True) is not False,
        data.get("documented", True) is not False,
    )


def build_cmdlet(data: Mapping, *, module: str | None = None) -> Cmdlet:
    products = _tuple(data.get("products"))
    module = module or data.get("module") or module_for(products)
    parameters: dict[str, Parameter] = {}
    for entry in data.get("parameters") or ():
        parameters.setdefault(entry["name"].lower(), build_parameter(entry))
    if data.get("common_parameters", True):
        for key, parameter in _COMMON.items():
            parameters.setdefault(key, parameter)

    raw_sets = list(data.get("parameter_sets") or ())
    if not raw_sets:
        raw_sets = [
            {
                "name": ALL_SETS,
                "default": True,
                "parameters": [{"name": p["name"]} for p in data.get("parameters") or ()],
            }
        ]
    default_name = data.get("default_parameter_set")
    membership: dict[str, set[str]] = {}
    loose: set[str] = set()
    sets: list[ParameterSet] = []
    for raw in raw_sets:
        set_name = raw["name"]
        members: list[SetMember] = []
        for entry in raw.get("parameters") or ():
            member = _member(entry)
            key = member.name.lower()
            if key in COMMON_NAMES:
                continue  # common parameters belong to every set
            members.append(member)
            if key in membership:
                membership[key].add(set_name)
            else:
                membership[key] = {set_name}
                if key not in parameters:
                    # In a SYNTAX block without a "### -Name" section: type unknown.
                    parameters[key] = Parameter(member.name, None, documented=False)
            if member.flagged:
                loose.add(key)
        is_default = bool(raw.get("default")) or set_name == default_name
        sets.append(ParameterSet(set_name, is_default, tuple(members)))

    return Cmdlet(
        name=data["name"],
        module=module,
        products=products,
        parameters=parameters,
        parameter_sets=tuple(sets),
        default_parameter_set=default_name,
        common_parameters=bool(data.get("common_parameters", True)),
        help_file=data.get("help_file"),
        exchange_server=_tuple(data.get("exchange_server")),
        aliases=_alias_map(parameters),
        membership={k: frozenset(v) for k, v in membership.items()},
        loose=frozenset(loose),
        confirm_impact=data.get("confirm_impact"),
    )


def _alias_map(parameters: Mapping[str, Parameter]) -> dict[str, str]:
    aliases: dict[str, str] = {}
    for key, parameter in parameters.items():
        for alias in parameter.aliases:
            alias_key = alias.lower()
            if alias_key in parameters:
                continue  # a parameter's own name beats another's alias
            if alias_key not in aliases or CONVENTIONAL_ALIASES.get(alias_key) == key:
                aliases[alias_key] = key
    return aliases
