"""The matchers: for each kind of word, the entries that could complete it, ranked.

Each matcher takes the Context and the CompletionModel and returns ranked Entries whose
texts replace the word (from Context.start to the cursor).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sccshell.connection.environments import ENVIRONMENTS
from sccshell.language.tokens import DASH_OPERATORS
from sccshell.output.views import view_for
from sccshell.repl.completion.binding import (
    Binding,
    bind_partial,
    in_sets,
    is_mandatory,
)
from sccshell.repl.completion.context import EXPRESSION, Context, Element
from sccshell.repl.completion.enums import enum_members
from sccshell.repl.completion.live import LiveObject
from sccshell.repl.completion.model import CompletionModel, parameter_key, property_names
from sccshell.repl.completion.paths import looks_like_path, path_entries
from sccshell.repl.completion.rank import Entry, NameIndex
from sccshell.schema.model import Cmdlet, Parameter

BOOLEAN_TYPES = frozenset({"boolean", "bool", "system.boolean", "switchparameter"})
# Cmdlets whose -Property (and first positional) names properties of their input.
PROPERTY_CMDLETS = frozenset(
    "select-object sort-object where-object group-object format-table format-list "
    "measure-object".split()
)
PROPERTY_PARAMETERS = frozenset({"property", "expandproperty", "excludeproperty", "groupby"})
# Cmdlets that pass their input's objects on unchanged: look further up the pipeline.
PASS_THROUGH = frozenset(
    "where-object sort-object select-object tee-object format-table format-list".split()
)
# Cmdlets whose -Path / -LiteralPath names a file (the path rule covers these by name too).
FILE_CMDLETS = frozenset("export-csv import-csv out-file get-content set-content".split())
AUTOMATIC_VARIABLES = (
    "_ args Error ErrorActionPreference false HOME Host input LASTEXITCODE Matches null "
    "PSItem PSVersionTable PWD true"
).split()
_TYPE_LISTERS = {
    # Identity types whose listing cmdlet is not simply Get-<type without IdParameter>.
    "mailboxormailuseridparameter": "Get-Recipient",
    "generalmailboxormailuseridparameter": "Get-Recipient",
    "generalmailboxidparameter": "Get-Mailbox",
    "mailboxuseridparameter": "Get-Mailbox",
    "securityprincipalidparameter": "Get-Recipient",
    "distributiongroupmemberidparameter": "Get-Recipient",
}


# --- commands ------------------------------------------------------------------------


def commands(ctx: Context, model: CompletionModel) -> list[Entry]:
    """Command names: cmdlets (prefixed too), aliases, functions; or a script's path."""
    word = ctx.word
    if ctx.invocation or looks_like_path(word):
        scripts = path_entries(word, suffix=".scc")
        ranked = NameIndex(scripts).ranked(_name_part(word), fuzzy=False)
        if looks_like_path(word):
            return ranked
    else:
        ranked = []
    functions = _function_entries(ctx, model)
    hits = model.commands.scored(word, _command_usage(model))
    if functions:
        hits += NameIndex(functions).scored(word, _command_usage(model))
        hits.sort(key=lambda hit: hit[0])
    return ranked + [entry for _, entry in hits]


def _function_entries(ctx: Context, model: CompletionModel) -> list[Entry]:
    names = dict.fromkeys([*_safe(model.functions, ()), *ctx.functions])
    return [Entry(name, meta="function", kind="function") for name in names]


def _command_usage(model: CompletionModel) -> Callable[[Entry], int] | None:
    usage = model.usage
    if not len(usage):
        return None  # nothing counted yet: skip a lookup per candidate
    return lambda entry: usage.count(entry.text)


# --- arguments -----------------------------------------------------------------------


def arguments(ctx: Context, model: CompletionModel) -> list[Entry]:
    """A parameter name (`-Na`), or a value of the parameter the word belongs to."""
    element = ctx.element
    if element is None:
        return []
    resolved = model.resolve(element.command) if element.invocation != EXPRESSION else None
    cmdlet = resolved.cmdlet if resolved is not None else None
    word = ctx.word
    if cmdlet is None:
        if not ctx.quote and word.startswith("-"):
            return []
        typed = word[len(ctx.quote) :]
        return _rank(path_entries(typed, ctx.quote), _name_part(typed)) if typed else []
    binding = bind_partial(cmdlet, element.args, ctx.colon_parameter)
    if ctx.colon_parameter is None and word.startswith("-") and not ctx.quote:
        return parameters(cmdlet, binding, word[1:], model)
    if binding.target is None:
        return []
    connection = resolved.connection if resolved is not None else None
    return values(ctx, model, cmdlet, binding.target, connection)


def parameters(cmdlet: Cmdlet, binding: Binding, typed: str, model: CompletionModel) -> list[Entry]:
    """The parameters still possible, given those typed: narrowed to the remaining sets."""
    key = (cmdlet.name.lower(), tuple(sorted(p.name.lower() for p in binding.given)))
    index = model.parameter_cache.get(key)
    if index is None:
        index = NameIndex(_parameter_entries(cmdlet, binding))
        if len(model.parameter_cache) > 256:
            model.parameter_cache.clear()
        model.parameter_cache[key] = index
    usage = model.usage
    name = cmdlet.name
    if not len(usage):
        return index.ranked(typed)
    return index.ranked(typed, lambda e: usage.count(parameter_key(name, e.key)))


def _parameter_entries(cmdlet: Cmdlet, binding: Binding) -> list[Entry]:
    given = set(map(id, binding.given))
    only = binding.sets[0].name if len(binding.sets) == 1 else None
    entries = []
    for order, parameter in enumerate(cmdlet.visible_parameters()):
        if id(parameter) in given or not in_sets(cmdlet, parameter, binding.sets):
            continue
        mandatory = is_mandatory(parameter, binding.sets)
        type_ = parameter.type_in(only) or "?"
        entries.append(
            Entry(
                "-" + parameter.name,
                key=parameter.name,
                meta=f"{type_}, mandatory" if mandatory else type_,
                kind="parameter",
                group=0 if parameter.declared else 1,
                tie=order - (100_000 if mandatory else 0),
            )
        )
    return entries


def values(
    ctx: Context, model: CompletionModel, cmdlet: Cmdlet, parameter: Parameter, connection: Any
) -> list[Entry]:
    """Values of PARAMETER: its ValidateSet, booleans, paths, properties, live objects..."""
    typed = ctx.word[len(ctx.quote) :]
    name = parameter.name.lower()
    type_ = (parameter.type or "").lower()
    quote = ctx.quote
    if cmdlet.name.lower() in PROPERTY_CMDLETS and name in PROPERTY_PARAMETERS:
        return _rank(_words(pipeline_properties(ctx, model), quote, "property"), typed)
    if parameter.accepted_values:
        return _rank(_words(parameter.accepted_values, quote, "value"), typed, ordered=True)
    members = enum_members(parameter.type)
    if members:
        return _rank(_words(members, quote, "value"), typed, ordered=True)
    if type_ in BOOLEAN_TYPES and (ctx.colon_parameter is not None or type_ != "switchparameter"):
        return _rank([Entry("$true", kind="value"), Entry("$false", kind="value")], typed)
    if name == "resultsize":
        return _rank([Entry("Unlimited", meta="every object", kind="value")], typed)
    if name == "exchangeenvironmentname":
        return _rank(_words(ENVIRONMENTS, quote, "value"), typed, ordered=True)
    if "profile" in name:
        return (
            _rank(_words(model.profiles, quote, "profile"), typed)
            if name
            in (
                "profile",
                "profilename",
            )
            else []
        )
    if _is_path_parameter(cmdlet, name):
        return _rank(path_entries(typed, quote), _name_part(typed), fuzzy=False)
    return _rank(live_entries(model, cmdlet, parameter, connection, quote), typed)


def _is_path_parameter(cmdlet: Cmdlet, name: str) -> bool:
    if "path" in name or "file" in name:
        return True
    return cmdlet.name.lower() in FILE_CMDLETS and name in ("path", "literalpath", "filepath")


def live_entries(
    model: CompletionModel, cmdlet: Cmdlet, parameter: Parameter, connection: Any, quote: str
) -> list[Entry]:
    """Tenant objects for an identity parameter, within the live fetcher's deadline."""
    if model.live is None or connection is None:
        return []
    lister = _lister(model, cmdlet, parameter, connection)
    if lister is None:
        return []
    source = model.connection_with(lister, prefer=connection)
    found: tuple[LiveObject, ...] | None = model.live.lookup(source, lister)
    return [
        Entry(_quote(o.name, quote), key=o.name, meta=o.meta, kind="object") for o in found or ()
    ]


def _lister(
    model: CompletionModel, cmdlet: Cmdlet, parameter: Parameter, connection: Any
) -> str | None:
    """The Get- cmdlet that lists the objects PARAMETER names."""
    type_ = (parameter.type or "").strip()
    candidates = []
    if type_.lower() in _TYPE_LISTERS:
        candidates.append(_TYPE_LISTERS[type_.lower()])
    if type_.endswith("IdParameter") and len(type_) > len("IdParameter"):
        candidates.append("Get-" + type_[: -len("IdParameter")])
    if parameter.name.lower() == "identity":
        candidates.append("Get-" + cmdlet.noun)
    for candidate in candidates:
        if model.connection_with(candidate, prefer=connection) is not None:
            return candidate
    return None


# --- properties --------------------------------------------------------------------


def pipeline_properties(ctx: Context, model: CompletionModel) -> list[str]:
    """Properties of what reaches the current element: recent results, else default views."""
    return _properties_of(list(ctx.pipeline), ctx.pipe_input, model)


def _properties_of(
    elements: list[Element], pipe_input: tuple[Element, ...], model: CompletionModel
) -> list[str]:
    while elements:
        element = elements.pop()
        if element.invocation == EXPRESSION:
            head = element.command.lower()
            if head in ("$_", "$psitem"):
                return _properties_of(list(pipe_input), (), model)
            if head.startswith("$"):
                return property_names(_first(_variable(model, head[1:])))
            return []
        resolved = model.resolve(element.command)
        canonical = resolved.cmdlet.name if resolved.cmdlet is not None else element.command
        low = canonical.lower()
        if low == "select-object":
            chosen = [
                v.strip("'\"")
                for text in element.values_of("Property") + _positionals(element)
                for v in text.split(",")
                if v.strip() and not v.strip().startswith(("@", "$", "("))
            ]
            if chosen:
                return chosen
        if low in PASS_THROUGH:
            continue
        names = model.recent.names(element.command) or model.recent.names(canonical)
        if names:
            return list(names)
        view = view_for(canonical)
        return [name for name, _ in view.columns] if view is not None else []
    return []


def _positionals(element: Element) -> list[str]:
    """Values typed before any parameter name (the positional -Property of Select-Object)."""
    out = []
    for arg in element.args:
        if arg.kind == "parameter":
            break
        if arg.kind == "value":
            out.append(arg.text)
    return out


# --- variables and members -----------------------------------------------------------


def variables(ctx: Context, model: CompletionModel) -> list[Entry]:
    """`$na` -> variable names: the session's, the automatic ones, those the text sets."""
    word = ctx.word
    if word.lower().startswith("$env:"):
        names = sorted(_safe(model.environ, {}), key=str.lower)
        entries = [Entry("$env:" + n, key=n, meta="environment", kind="variable") for n in names]
        return NameIndex(entries).ranked(word[5:])
    found: dict[str, Entry] = {}
    for name, value in list(_safe(model.variables, {}).items()):
        found.setdefault(
            name.lower(), Entry("$" + name, key=name, meta=_type_of(value), kind="variable")
        )
    for name in [*ctx.variables, *AUTOMATIC_VARIABLES]:
        found.setdefault(
            name.lower(), Entry("$" + name, key=name, meta="variable", kind="variable")
        )
    found.setdefault("env:", Entry("$env:", key="env:", meta="environment", kind="variable"))
    typed = word[1:].lstrip("{")
    return NameIndex(list(found.values())).ranked(typed)


def members(ctx: Context, model: CompletionModel) -> list[Entry]:
    """`$x.Na` / `$_.Na` -> property names of the variable's value or the pipeline input."""
    base = ctx.member_base.lower()
    if base in ("_", "psitem"):
        names = _properties_of(list(ctx.pipe_input), (), model)
        value = None
    else:
        value = _variable(model, base)
        for step in ctx.member_path:
            value = _member(value, step)
        names = property_names(_first(value))
    if isinstance(value, (list, tuple)):
        names = [*names, "Count", "Length"]
    elif isinstance(value, str):
        names = [*names, "Length"]
    entries = [Entry(n, kind="property", meta="property") for n in dict.fromkeys(names)]
    return NameIndex(entries).ranked(ctx.word)


def operators(ctx: Context) -> list[Entry]:
    entries = [Entry("-" + op, key=op, meta="operator", kind="operator") for op in DASH_OPERATORS]
    return NameIndex(entries).ranked(ctx.word[1:], fuzzy=False)


def _variable(model: CompletionModel, name: str) -> Any:
    scope = _safe(model.variables, {})
    for key, value in list(scope.items()):
        if key.lower() == name:
            return value
    return None


def _member(value: Any, name: str) -> Any:
    value = _first(value)
    get = getattr(value, "get", None)
    if callable(get):
        try:
            return get(name)
        except Exception:
            return None
    return None


def _first(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return value[0] if value else None
    return value


def _type_of(value: Any) -> str:
    names = getattr(value, "type_names", None)
    if names:
        return str(names[0]).rsplit(".", 1)[-1]
    if isinstance(value, (list, tuple)):
        return f"array[{len(value)}]"
    return type(value).__name__ if value is not None else "null"


# --- helpers -------------------------------------------------------------------------


def _safe(provider: Callable[[], Any], default: Any) -> Any:
    """A provider's answer; a failing provider only means no suggestions from it."""
    try:
        return provider()
    except Exception:
        return default


def _words(values: Any, quote: str, kind: str) -> list[Entry]:
    return [Entry(_quote(str(v), quote), key=str(v), kind=kind) for v in values]


def _quote(value: str, quote: str) -> str:
    if quote:
        return quote + value.replace(quote, quote * 2) + quote
    if any(ch in " \t'\"`$&(){}[];,|<>#@" for ch in value):
        return "'" + value.replace("'", "''") + "'"
    return value


def _rank(
    entries: list[Entry], typed: str, *, ordered: bool = False, fuzzy: bool = True
) -> list[Entry]:
    if ordered:
        entries = [
            Entry(e.text, e.key, e.display, e.meta, e.kind, e.group, i)
            for i, e in enumerate(entries)
        ]
    return NameIndex(entries).ranked(typed, fuzzy=fuzzy)


def _name_part(typed: str) -> str:
    cut = max(typed.rfind("/"), typed.rfind("\\"))
    return typed[cut + 1 :]
