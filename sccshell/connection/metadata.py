"""Read the server-generated module (EXOModuleFile, protocol §4) into a ModuleInfo.

The module is the identity's cmdlet metadata: one `function script:<Verb-Noun>` per cmdlet
it may run (RBAC), each with a full param() block. It is parsed with sccshell's own parser;
merging with the bundled schema is metadata_merge.py, caching metadata_cache.py.
"""

from __future__ import annotations

import fnmatch
import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from sccshell.language import ParseError, parse
from sccshell.language import ast as A

MODULE_FILE_NAME = "ExchangeOnline.psm1"
_FUNCTION_START = re.compile(r"(?m)^(?=function\s+script:)")
_EXTERNAL_HELP = re.compile(r"(?m)^#\s*\.ExternalHelp\s+(\S+)\s*\n\s*function\s+script:([\w-]+)")


@dataclass(frozen=True)
class Membership:
    """One [Parameter()] attribute: the parameter's part in one set (None = every set)."""

    set_name: str | None
    mandatory: bool = False
    position: int | None = None
    by_value: bool = False
    by_property_name: bool = False


@dataclass(frozen=True)
class ModuleParameter:
    """A proxy function's parameter as the module declares it."""

    name: str
    type: str | None  # the cast as written ("string", "switch", "System.Object[]"); None = untyped
    aliases: tuple[str, ...] = ()
    accepted_values: tuple[str, ...] | None = None
    memberships: tuple[Membership, ...] = ()


@dataclass(frozen=True)
class ModuleFunction:
    """One proxy function: a cmdlet this identity may run."""

    name: str
    parameters: tuple[ModuleParameter, ...]
    default_parameter_set: str | None = None
    supports_should_process: bool = False
    confirm_impact: str | None = None
    help_file: str | None = None

    @property
    def set_names(self) -> tuple[str, ...]:
        """The named sets, in order of first mention (empty: one unnamed set)."""
        names: dict[str, None] = {}
        for parameter in self.parameters:
            for member in parameter.memberships:
                if member.set_name and member.set_name.lower() != "__allparametersets":
                    names.setdefault(member.set_name, None)
        return tuple(names)


@dataclass(frozen=True)
class ModuleInfo:
    """What the generated module says: functions by lowercase name, key, exports."""

    functions: Mapping[str, ModuleFunction]
    public_key: str | None = None
    exported: tuple[str, ...] = ()
    fetched_at: float = field(default_factory=time.time)

    def __len__(self) -> int:
        return len(self.functions)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self.functions

    def get(self, name: str) -> ModuleFunction | None:
        return self.functions.get(name.lower())

    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.functions.values())


def read_response(data: Mapping[str, Any]) -> ModuleInfo:
    """The ModuleInfo of an EXOModuleFile response (`{"value": [{fileName, fileContent, …}]}`)."""
    entries = [e for e in data.get("value") or () if isinstance(e, Mapping)]
    chosen = next(
        (e for e in entries if str(e.get("fileName", "")).lower() == MODULE_FILE_NAME.lower()),
        None,
    )
    if chosen is None:  # another file name: take the first entry that looks like a module
        chosen = next((e for e in entries if "function" in str(e.get("fileContent", ""))), None)
    if chosen is None:
        raise ValueError("EXOModuleFile response holds no module")
    info = read_module(str(chosen.get("fileContent") or ""))
    if not info.exported:
        listed = str(chosen.get("exportedCmdlets") or data.get("exportedCmdlets") or "")
        names = tuple(n.strip() for n in listed.split(",") if n.strip())
        if names:
            info = replace(info, exported=names)
    return info


def read_module(text: str) -> ModuleInfo:
    """Parse the generated module TEXT into a ModuleInfo."""
    try:
        statements = parse(text).statements
    except ParseError:
        # One odd function must not cost the rest: parse function by function (about as
        # fast as the whole; measured 0.43 s vs 0.44 s on the ~0.85 MB Exchange module).
        statements = _parse_pieces(text)
    functions: dict[str, ModuleFunction] = {}
    public_key = None
    exported: list[str] = []
    helps = {name.lower(): help_file for help_file, name in _EXTERNAL_HELP.findall(text)}
    for statement in statements:
        if isinstance(statement, A.FunctionAst):
            scope, _, bare = statement.name.rpartition(":")
            if scope.lower() != "script":
                continue  # the module's own helpers (Execute-Command, …) are not cmdlets
            function = _function(statement, bare, helps.get(bare.lower()))
            functions[bare.lower()] = function
        elif isinstance(statement, A.AssignmentAst):
            target = statement.target
            if isinstance(target, A.VariableAst) and target.name.lower() == "publickey":
                value = _constant(statement.value)
                public_key = value if isinstance(value, str) else public_key
        elif isinstance(statement, A.PipelineAst):
            exported += _exported_functions(statement)
    if exported:
        # Export-ModuleMember decides what the caller gets; a function it leaves out is private.
        keep = {n.lower() for n in exported}
        functions = {k: f for k, f in functions.items() if k in keep}
    return ModuleInfo(functions=functions, public_key=public_key, exported=tuple(exported))


def limit(info: ModuleInfo, command_name: str | Iterable[str] | None) -> ModuleInfo:
    """INFO narrowed to the cmdlets -CommandName names (names or wildcards, case-insensitive)."""
    patterns = split_command_name(command_name)
    if patterns == ["*"]:
        return info
    functions = {k: f for k, f in info.functions.items() if matches(f.name, patterns)}
    exported = tuple(n for n in info.exported if matches(n, patterns))
    return replace(info, functions=functions, exported=exported)


def split_command_name(command_name: str | Iterable[str] | None) -> list[str]:
    """-CommandName as a list of patterns; `*` when empty."""
    if command_name is None:
        return ["*"]
    items = command_name.split(",") if isinstance(command_name, str) else list(command_name)
    patterns = [p.strip() for p in items if p and p.strip()]
    return ["*"] if not patterns or "*" in patterns else patterns


def matches(name: str, patterns: Iterable[str]) -> bool:
    lower = name.lower()
    return any(fnmatch.fnmatchcase(lower, p.lower()) for p in patterns)


def _parse_pieces(text: str) -> list:
    statements: list = []
    for piece in _FUNCTION_START.split(text):
        try:
            statements += parse(piece).statements
        except ParseError:
            # The tail after the last function holds $PublicKey and the exports: keep
            # what can still be read of a damaged piece line by line.
            for line in piece.splitlines():
                try:
                    statements += parse(line).statements
                except ParseError:
                    continue
    return statements


def _exported_functions(pipeline: A.PipelineAst) -> list[str]:
    if len(pipeline.elements) != 1 or not isinstance(pipeline.elements[0], A.CommandAst):
        return []
    command = pipeline.elements[0]
    if (command.name or "").lower() != "export-modulemember":
        return []
    names: list[str] = []
    elements = command.elements
    for index, element in enumerate(elements):
        if isinstance(element, A.CommandParameterAst) and element.name.lower() == "function":
            value = element.argument
            if value is None and index + 1 < len(elements):
                value = elements[index + 1]
            names += _strings_of(value)
    return names


def _strings_of(node: object) -> list[str]:
    """The string constants of @(…), a,b,c or a single string."""
    if isinstance(node, A.ArrayExpressionAst):
        return [s for statement in node.statements for s in _strings_of(statement)]
    if isinstance(node, A.PipelineAst):
        return [s for element in node.elements for s in _strings_of(element)]
    if isinstance(node, A.CommandExpressionAst):
        return _strings_of(node.expr)
    if isinstance(node, A.ArrayLiteralAst):
        return [s for item in node.items for s in _strings_of(item)]
    value = _constant(node)
    return [value] if isinstance(value, str) else []


def _constant(node: object) -> object:
    if isinstance(node, A.StringConstantAst):
        return node.value
    if isinstance(node, A.ExpandableStringAst) and "$" not in node.value_raw:
        return node.value_raw
    if isinstance(node, A.NumberAst):
        return node.value
    if isinstance(node, A.VariableAst):
        return {"true": True, "false": False, "null": None}.get(node.name.lower())
    return None


def _truthy(node: object) -> bool:
    # A flag written without a value ([Parameter(Mandatory)]) means $true.
    return node is None or bool(_constant(node))


def _named(attribute: A.AttributeAst) -> dict[str, object]:
    return {name.lower(): value for name, value in attribute.named_args}


def _function(node: A.FunctionAst, name: str, help_file: str | None) -> ModuleFunction:
    block = node.body.param_block
    parameters = block.parameters if block is not None else node.params
    attributes = block.attributes if block is not None else []
    binding = next((a for a in attributes if a.type_name.lower() == "cmdletbinding"), None)
    named = _named(binding) if binding is not None else {}
    default = _constant(named.get("defaultparametersetname"))
    impact = _constant(named.get("confirmimpact"))
    return ModuleFunction(
        name=name,
        parameters=tuple(_parameter(p) for p in parameters),
        default_parameter_set=default if isinstance(default, str) else None,
        supports_should_process="supportsshouldprocess" in named
        and _truthy(named["supportsshouldprocess"]),
        confirm_impact=impact if isinstance(impact, str) else None,
        help_file=help_file,
    )


def _parameter(node: A.ParameterAst) -> ModuleParameter:
    aliases: tuple[str, ...] = ()
    accepted: tuple[str, ...] | None = None
    memberships: list[Membership] = []
    for attribute in node.attributes:
        if not isinstance(attribute, A.AttributeAst):
            continue
        kind = attribute.type_name.lower()
        values = tuple(s for arg in attribute.positional_args for s in _strings_of(arg))
        if kind == "alias":
            aliases += values
        elif kind == "validateset":
            accepted = values
        elif kind == "parameter":
            memberships.append(_membership(attribute))
    return ModuleParameter(
        name=node.name,
        type=node.type_name,
        aliases=aliases,
        accepted_values=accepted,
        memberships=tuple(memberships),
    )


def _membership(attribute: A.AttributeAst) -> Membership:
    named = _named(attribute)
    set_name = _constant(named.get("parametersetname"))
    position = _constant(named.get("position"))
    return Membership(
        set_name=set_name if isinstance(set_name, str) else None,
        mandatory="mandatory" in named and _truthy(named["mandatory"]),
        position=position if isinstance(position, int) else None,
        by_value="valuefrompipeline" in named and _truthy(named["valuefrompipeline"]),
        by_property_name="valuefrompipelinebypropertyname" in named
        and _truthy(named["valuefrompipelinebypropertyname"]),
    )
