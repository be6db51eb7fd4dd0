"""A Cmdlet model for a script's own advanced function, built from its param() block.

PowerShell binds a call to such a function exactly as it binds a cmdlet, so the same
binder checks both. Simple functions (no [CmdletBinding()] and no [Parameter()]) take
unknown arguments into $args and are not modelled.
"""

from __future__ import annotations

from sccshell.language import ast as A
from sccshell.schema.build import build_cmdlet
from sccshell.schema.model import ALL_SETS, Cmdlet

# PowerShell type accelerators, written as the schema's type names.
_TYPES = {
    "string": "String",
    "int": "Int32",
    "int32": "Int32",
    "long": "Int64",
    "int64": "Int64",
    "bool": "Boolean",
    "boolean": "Boolean",
    "switch": "SwitchParameter",
    "datetime": "DateTime",
    "guid": "Guid",
    "securestring": "SecureString",
    "pscredential": "PSCredential",
    "hashtable": "PswsHashtable",
}


def _type_name(name: str | None) -> str:
    if not name:
        return "Object"
    bare = name.removeprefix("System.").removeprefix("system.")
    array = bare.endswith("[]")
    base = _TYPES.get(bare.removesuffix("[]").lower(), bare.removesuffix("[]"))
    return base + ("[]" if array else "")


def _constant(node: object) -> object:
    if isinstance(node, A.StringConstantAst):
        return node.value
    if isinstance(node, A.NumberAst):
        return node.value
    if isinstance(node, A.VariableAst):
        return {"true": True, "false": False}.get(node.name.lower())
    return None


def _truthy(node: object) -> bool:
    # A flag written without a value ([Parameter(Mandatory)]) means $true.
    return node is None or bool(_constant(node))


def _strings(attribute: A.AttributeAst) -> list[str]:
    values: list[str] = []
    for arg in attribute.positional_args:
        items = arg.items if isinstance(arg, A.ArrayLiteralAst) else [arg]
        values.extend(str(v) for v in map(_constant, items) if v is not None)
    return values


def _parameters(function: A.FunctionAst) -> tuple[list, list]:
    block = function.body.param_block
    parameters = block.parameters if block is not None else function.params
    attributes = block.attributes if block is not None else []
    return parameters, attributes


def is_advanced(function: A.FunctionAst) -> bool:
    parameters, attributes = _parameters(function)
    if any(a.type_name.lower() == "cmdletbinding" for a in attributes):
        return True
    return any(
        a.type_name.lower() == "parameter"
        for p in parameters
        for a in p.attributes
        if isinstance(a, A.AttributeAst)
    )


def function_cmdlet(function: A.FunctionAst) -> Cmdlet | None:
    """The model of an advanced function's parameters, or None for a simple function."""
    if not is_advanced(function):
        return None
    parameters, attributes = _parameters(function)
    binding = next((a for a in attributes if a.type_name.lower() == "cmdletbinding"), None)
    should_process = binding is not None and any(
        name.lower() == "supportsshouldprocess" and _truthy(value)
        for name, value in binding.named_args
    )
    default_set = None
    if binding is not None:
        default_set = next(
            (
                _constant(value)
                for name, value in binding.named_args
                if name.lower() == "defaultparametersetname"
            ),
            None,
        )
    params: list[dict] = []
    sets: dict[str, list[dict]] = {}
    shared: list[dict] = []
    explicit_positions = False
    for parameter in parameters:
        entry = {"name": parameter.name, "type": _type_name(parameter.type_name), "aliases": []}
        memberships: list[tuple[str | None, dict]] = []
        for attribute in parameter.attributes:
            if not isinstance(attribute, A.AttributeAst):
                continue
            kind = attribute.type_name.lower()
            if kind == "alias":
                entry["aliases"] = _strings(attribute)
            elif kind == "validateset":
                entry["accepted_values"] = _strings(attribute)
            elif kind == "parameter":
                member = {"name": parameter.name, "required": False, "position": None}
                set_name = None
                for name, value in attribute.named_args:
                    key = name.lower()
                    if key == "mandatory":
                        member["required"] = _truthy(value)
                    elif key == "position":
                        member["position"] = _constant(value)
                        explicit_positions = True
                    elif key == "parametersetname":
                        set_name = _constant(value)
                    elif key == "valuefrompipeline" and _truthy(value):
                        entry["pipeline_input"] = True
                        entry.setdefault("pipeline_input_by", []).append("ByValue")
                    elif key == "valuefrompipelinebypropertyname" and _truthy(value):
                        entry["pipeline_input"] = True
                        entry.setdefault("pipeline_input_by", []).append("ByPropertyName")
                memberships.append((set_name, member))
        if not memberships:
            memberships.append(
                (None, {"name": parameter.name, "required": False, "position": None})
            )
        for set_name, member in memberships:
            if set_name is None or set_name.lower() == "__allparametersets":
                shared.append(member)
            else:
                sets.setdefault(set_name, []).append(member)
        params.append(entry)
    if not explicit_positions:
        # Without any Position, PowerShell numbers the parameters in declaration order.
        order = {p["name"]: i for i, p in enumerate(params) if p["type"] != "SwitchParameter"}
        for member in shared + [m for ms in sets.values() for m in ms]:
            member["position"] = order.get(member["name"])
    if should_process:
        params += [
            {"name": "WhatIf", "type": "SwitchParameter", "aliases": ["wi"]},
            {"name": "Confirm", "type": "SwitchParameter", "aliases": ["cf"]},
        ]
        shared += [
            {"name": "WhatIf", "required": False, "position": None},
            {"name": "Confirm", "required": False, "position": None},
        ]
    if sets:
        parameter_sets = [
            {"name": name, "default": name == default_set, "parameters": members + shared}
            for name, members in sets.items()
        ]
    else:
        parameter_sets = [{"name": ALL_SETS, "default": True, "parameters": shared}]
    verb, _, noun = function.name.partition("-")
    data = {
        "name": function.name,
        "verb": verb,
        "noun": noun,
        "products": [],
        "default_parameter_set": default_set if sets else ALL_SETS,
        "common_parameters": True,
        "parameter_sets": parameter_sets,
        "parameters": params,
    }
    return build_cmdlet(data, module="function")
