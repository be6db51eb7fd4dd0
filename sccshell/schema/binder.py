"""Offline parameter binding: what PowerShell's parameter binder does, against the schema.

bind() takes a command's arguments as Args (built from the AST), resolves names
(case, abbreviations, aliases), binds positional arguments, picks the parameter
set, reports missing mandatory parameters and checks values against the types.

Where the docs contradict themselves (flags in the JSON) the binder forgives: a
command line the docs show as valid always binds.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sccshell.schema.arguments import (
    AMBIGUOUS_PARAMETER,
    DUPLICATE_PARAMETER,
    INVALID_VALUE,
    MISSING_MANDATORY,
    MISSING_VALUE,
    NO_PIPELINE_INPUT,
    ON_PREMISES_ONLY,
    PARAMETER_SET,
    POSITIONAL,
    SWITCH_VALUE,
    UNKNOWN,
    UNKNOWN_PARAMETER,
    Arg,
    BindError,
    BindResult,
    BoundParameter,
    ScriptBlockValue,
    is_script_block,
)
from sccshell.schema.convert import convert, display
from sccshell.schema.model import Cmdlet, Parameter, ParameterSet
from sccshell.schema.suggest import did_you_mean, suggest
from sccshell.schema.valuetypes import ANY, BOOL, SWITCH, TypeInfo, classify

__all__ = [
    "UNKNOWN",
    "Arg",
    "BindError",
    "BindResult",
    "BoundParameter",
    "ScriptBlockValue",
    "bind",
    "suggest",
]

_SWITCH_INFO = TypeInfo("SwitchParameter", SWITCH)


def bind(
    cmdlet: Cmdlet,
    args: Sequence[Arg],
    *,
    pipeline_input: bool = False,
    at: tuple[int, int] | None = None,
) -> BindResult:
    """Bind ARGS (the elements after the command name) to CMDLET's parameters.

    pipeline_input: the command receives pipeline input, so a parameter that takes
    it is not missing. at: (line, col) of the command name, where errors about the
    command as a whole (missing mandatory parameters) point.
    """
    return _Binder(cmdlet, args, pipeline_input, at).run()


class _Named:
    """A parameter given by name, with the element that holds its value."""

    __slots__ = ("parameter", "parameter_arg", "value_arg", "value")

    def __init__(self, parameter: Parameter, parameter_arg: Arg, value_arg: Arg, value: Any):
        self.parameter = parameter
        self.parameter_arg = parameter_arg
        self.value_arg = value_arg
        self.value = value


class _Binder:
    def __init__(
        self,
        cmdlet: Cmdlet,
        args: Sequence[Arg],
        pipeline_input: bool,
        at: tuple[int, int] | None,
    ) -> None:
        self.cmdlet = cmdlet
        self.args = list(args)
        self.pipeline_input = pipeline_input
        if at is None:
            at = (self.args[0].line, self.args[0].col) if self.args else (1, 1)
        self.at = at
        self.result = BindResult(cmdlet=cmdlet.name)
        self.named: dict[str, _Named] = {}  # lowercase name -> binding, in argument order
        self.positionals: list[tuple[int, Arg]] = []  # (index in args, element)
        self.splat_unknown = False  # @params of unknown content: anything may be in it
        self.conflict = False
        # $true/$false elements right after a switch (by id), with that switch
        self.after_switch: dict[int, Parameter] = {}

    # --- errors -------------------------------------------------------------

    def error(self, kind: str, message: str, arg: Arg | None, suggestions=()) -> None:
        line, col = (arg.line, arg.col) if arg is not None else self.at
        self.result.errors.append(BindError(message, line, col, list(suggestions), kind))

    def warn(self, kind: str, message: str, arg: Arg | None) -> None:
        line, col = (arg.line, arg.col) if arg is not None else self.at
        self.result.warnings.append(BindError(message, line, col, [], kind))

    # --- the steps ----------------------------------------------------------

    def run(self) -> BindResult:
        self.scan()
        candidates = self.sets_for_named()
        candidates = self.sets_for_positionals(candidates)
        candidates = self.sets_for_pipeline(candidates)
        chosen = self.choose(candidates)
        self.check_values(chosen, self.bind_positionals(chosen))
        self.result.errors.sort(key=lambda e: (e.line, e.col))
        return self.result

    def scan(self) -> None:
        """Split the elements into named parameters (with their values) and positionals."""
        args = self.args
        i = 0
        while i < len(args):
            arg = args[i]
            if arg.splat:
                self.splat(i, arg)
            elif arg.kind != "parameter":
                self.positionals.append((i, arg))
            else:
                following = args[i + 1] if i + 1 < len(args) else None
                if following is not None and (following.kind != "value" or following.splat):
                    following = None
                i += self.named_parameter(arg, None if arg.colon else following)
            i += 1

    def resolve(self, name: str, arg: Arg) -> Parameter | None:
        matches = self.cmdlet.match_parameter(name)
        if len(matches) == 1:
            return matches[0]
        if not matches:
            names = [p.name for p in self.cmdlet.parameters.values()]
            suggestions = suggest(name, names)
            self.error(
                UNKNOWN_PARAMETER,
                f"{self.cmdlet.name} has no parameter -{name}{did_you_mean(suggestions, '-')}",
                arg,
                suggestions,
            )
            return None
        names = [p.name for p in matches]
        listed = ", ".join("-" + n for n in names[:-1]) + " or -" + names[-1]
        self.error(
            AMBIGUOUS_PARAMETER,
            f"parameter -{name} is ambiguous for {self.cmdlet.name}: it could be {listed}",
            arg,
            names,
        )
        return None

    def named_parameter(self, arg: Arg, following: Arg | None) -> int:
        """Bind one -Name element; return how many following elements it consumed."""
        name = arg.name if arg.name is not None else arg.text.lstrip("-").rstrip(":")
        parameter = self.resolve(name, arg)
        if parameter is None:
            # Its value most likely follows: don't report it as a stray positional too.
            return 1 if following is not None else 0
        if parameter.is_switch:
            value = arg.value if arg.colon else True
            self.record(_Named(parameter, arg, arg, value))
            if following is not None and isinstance(following.value, bool) and not following.quoted:
                # "-Confirm $false": the $false is a positional argument. That is right
                # for "Where-Object Enabled -EQ $true"; checked once positionals bind.
                self.after_switch[id(following)] = parameter
            return 0
        if arg.colon:
            self.record(_Named(parameter, arg, arg, arg.value))
            return 0
        if following is not None:
            self.record(_Named(parameter, arg, following, following.value))
            return 1
        if parameter.type is not None:
            self.error(
                MISSING_VALUE,
                f"parameter -{parameter.name} needs a value of type {parameter.type}",
                arg,
            )
        # Bound anyway (as unknown), so that it is not reported missing as well.
        self.record(_Named(parameter, arg, arg, UNKNOWN))
        return 0

    def record(self, named: _Named) -> None:
        key = named.parameter.name.lower()
        if key in self.named:
            self.error(
                DUPLICATE_PARAMETER,
                f"parameter -{named.parameter.name} was given twice",
                named.parameter_arg,
            )
            return
        self.named[key] = named

    def splat(self, index: int, arg: Arg) -> None:
        value = arg.value
        if isinstance(value, dict):
            for key, item in value.items():
                parameter = self.resolve(str(key), arg)
                if parameter is not None:
                    self.record(_Named(parameter, arg, arg, item))
        elif isinstance(value, (list, tuple)):
            for item in value:
                element = Arg("value", arg.line, arg.col, display(item), value=item)
                self.positionals.append((index, element))
        else:
            self.splat_unknown = True

    # --- parameter sets -----------------------------------------------------

    def sets_for_named(self) -> list[ParameterSet]:
        """The sets that hold every named parameter (forgiving the docs' doubtful memberships)."""
        cmdlet = self.cmdlet
        constrained = [
            (key, cmdlet.membership[key]) for key in self.named if key in cmdlet.membership
        ]
        sets = list(cmdlet.parameter_sets)
        strict = [s for s in sets if all(s.name in m for _, m in constrained)]
        if strict or not sets:
            return strict
        firm = [(k, m) for k, m in constrained if k not in cmdlet.loose]
        relaxed = [s for s in sets if all(s.name in m for _, m in firm)]
        if relaxed and len(firm) < len(constrained):
            doubtful = [self.named[k].parameter.name for k, _ in constrained if k in cmdlet.loose]
            self.result.lenient.append(
                "the docs disagree about the parameter sets of "
                + ", ".join("-" + n for n in doubtful)
                + "; not treated as a conflict"
            )
            # Best first: the sets that hold the most of the parameters given.
            relaxed.sort(key=lambda s: -sum(s.name in m for _, m in constrained))
            return relaxed
        self.conflict = True
        if not self.splat_unknown:
            self.report_conflict(constrained)
        return []

    def report_conflict(self, constrained: list[tuple[str, frozenset[str]]]) -> None:
        for j, (key_b, sets_b) in enumerate(constrained):
            for key_a, sets_a in constrained[:j]:
                if not sets_a & sets_b:
                    a, b = self.named[key_a], self.named[key_b]
                    order = self.cmdlet.set_names
                    self.error(
                        PARAMETER_SET,
                        f"-{a.parameter.name} and -{b.parameter.name} cannot be used together: "
                        f"{a.parameter.name} is in {_sets_text(sets_a, order)}, "
                        f"{b.parameter.name} in {_sets_text(sets_b, order, word=False)}",
                        b.parameter_arg,
                    )
                    return
        names = [self.named[k].parameter.name for k, _ in constrained]
        listed = ", ".join("-" + n for n in names[:-1]) + " and -" + names[-1]
        self.error(
            PARAMETER_SET,
            f"{listed} cannot be used together: no parameter set of {self.cmdlet.name} has all of them",
            self.named[constrained[-1][0]].parameter_arg,
        )

    def remaining_of(self, parameter_set: ParameterSet) -> Parameter | None:
        """The set's ValueFromRemainingArguments parameter, when not already bound by name."""
        for member in parameter_set.members:
            parameter = self.cmdlet.parameter(member.name)
            if (
                parameter is not None
                and parameter.remaining
                and member.name.lower() not in self.named
            ):
                return parameter
        return None

    def slots(self, parameter_set: ParameterSet) -> list[str]:
        """The set's positional parameters not already bound by name, in binding order."""
        return [n for n in parameter_set.positional if n.lower() not in self.named]

    def drop_stray_switch_values(self, candidates: list[ParameterSet]) -> None:
        """Report "-Confirm $false" unless a positional parameter could mean to take the $false."""
        kept: list[tuple[int, Arg]] = []
        for index, arg in self.positionals:
            if id(arg) in self.after_switch and not any(
                self.takes_boolean_at(s, len(kept)) for s in candidates
            ):
                self.switch_value_error(arg)
                continue
            kept.append((index, arg))
        self.positionals = kept

    def takes_boolean_at(self, parameter_set: ParameterSet, position: int) -> bool:
        slots = self.slots(parameter_set)
        if position >= len(slots):
            return False
        parameter = self.cmdlet.parameters[slots[position].lower()]
        return classify(parameter.type_in(parameter_set.name)).kind in (BOOL, ANY)

    def sets_for_positionals(self, candidates: list[ParameterSet]) -> list[ParameterSet]:
        if self.after_switch:
            self.drop_stray_switch_values(candidates)
        count = len(self.positionals)
        if not count or not candidates:
            return candidates
        # Sets with a positional slot for every argument first; a ValueFromRemainingArguments
        # parameter takes the leftovers only where no set has room for them.
        fitting = [s for s in candidates if len(self.slots(s)) >= count] or [
            s for s in candidates if self.remaining_of(s)
        ]
        if len(fitting) > 1:
            # Like PowerShell, try the sets whose positional parameters take these values,
            # and among those the ones where a script block lands on a ScriptBlock parameter.
            converting = [s for s in fitting if self.positionals_convert(s)] or fitting
            exact = [s for s in converting if self.script_blocks_fit(s)]
            return exact or converting
        if fitting:
            return fitting
        best = max(candidates, key=lambda s: len(self.slots(s)))
        if not self.splat_unknown:
            taken = len(self.slots(best))
            extra = [arg for _, arg in self.positionals[taken:]]
            texts = ", ".join(f"'{a.text}'" for a in extra)
            self.error(
                POSITIONAL,
                f"too many positional arguments: {texts} ({self.accepts_text(best)})",
                extra[0],
            )
        return [best]

    def switch_value_error(self, arg: Arg) -> None:
        switch = self.after_switch[id(arg)]
        fix = f"-{switch.name}:{display(arg.value)}"
        self.error(
            SWITCH_VALUE,
            f"-{switch.name} is a switch and takes no separate value: write {fix}",
            arg,
            [fix],
        )

    def script_blocks_fit(self, parameter_set: ParameterSet) -> bool:
        """Script blocks land on ScriptBlock parameters, and only script blocks do
        (`ForEach-Object { ... }` is -Process, `ForEach-Object Name` is -MemberName)."""
        for (_, arg), name in zip(self.positionals, self.slots(parameter_set), strict=False):
            if arg.value is UNKNOWN:
                continue
            parameter = self.cmdlet.parameters[name.lower()]
            takes_block = "scriptblock" in (parameter.type_in(parameter_set.name) or "").lower()
            if takes_block != is_script_block(arg.value):
                return False
        return True

    def positionals_convert(self, parameter_set: ParameterSet) -> bool:
        for (_, arg), name in zip(self.positionals, self.slots(parameter_set), strict=False):
            parameter = self.cmdlet.parameters[name.lower()]
            info = classify(parameter.type_in(parameter_set.name))
            _, failure = convert(
                info, arg.value, quoted=arg.quoted, accepted=parameter.accepted_values
            )
            if failure is not None:
                return False
        return True

    def accepts_text(self, parameter_set: ParameterSet) -> str:
        slots = self.slots(parameter_set)
        name = self.cmdlet.name
        if slots:
            noun = "argument" if len(slots) == 1 else "arguments"
            listed = ", ".join("-" + s for s in slots)
            return f"{name} accepts {len(slots)} positional {noun}: {listed}"
        if parameter_set.positional:
            taken = ", ".join("-" + s for s in parameter_set.positional)
            return f"{name}'s positional {taken} already given by name"
        if any(s.positional for s in self.cmdlet.parameter_sets):
            return f"{name} accepts no positional arguments in parameter set {parameter_set.name}"
        return f"{name} accepts no positional arguments"

    def bound_in(self, parameter_set: ParameterSet) -> set[str]:
        """Lowercase names bound in PARAMETER_SET, by name or by position."""
        bound = set(self.named)
        bound.update(n.lower() for n in self.slots(parameter_set)[: len(self.positionals)])
        return bound

    def pipeline_parameters(self, parameter_set: ParameterSet) -> list[Parameter]:
        bound = self.bound_in(parameter_set)
        found = []
        for key, parameter in self.cmdlet.parameters.items():
            if not parameter.pipeline_input or key in bound:
                continue
            sets = self.cmdlet.membership.get(key)
            if sets is None or parameter_set.name in sets:
                found.append(parameter)
        return found

    def sets_for_pipeline(self, candidates: list[ParameterSet]) -> list[ParameterSet]:
        if not self.pipeline_input or not candidates:
            return candidates
        # PowerShell prefers the sets in which the pipeline object can bind.
        taking = [s for s in candidates if self.pipeline_parameters(s)]
        if taking:
            return taking
        if not any(p.pipeline_input for p in self.cmdlet.parameters.values()):
            self.warn(
                NO_PIPELINE_INPUT,
                f"{self.cmdlet.name} takes no pipeline input (per its docs)",
                None,
            )
        return candidates

    def missing_in(self, parameter_set: ParameterSet) -> list[str]:
        bound = self.bound_in(parameter_set)
        missing = []
        for name in parameter_set.mandatory:
            if name.lower() in bound:
                continue
            parameter = self.cmdlet.parameter(name)
            if self.pipeline_input and parameter is not None and parameter.pipeline_input:
                continue
            missing.append(parameter.name if parameter is not None else name)
        return missing

    def choose(self, candidates: list[ParameterSet]) -> ParameterSet | None:
        result = self.result
        result.candidate_sets = tuple(s.name for s in candidates)
        if not candidates:
            return None
        if len(candidates) == 1:
            chosen = candidates[0]
        else:
            satisfied = [s for s in candidates if not self.missing_in(s)]
            default = next((s for s in candidates if s.is_default), None)
            if satisfied:
                chosen = default if default in satisfied else _likely_default(satisfied)
                if default is None and len(satisfied) > 1:
                    result.lenient.append(
                        f"sets {', '.join(s.name for s in satisfied)} all fit and the docs mark "
                        f"no default; took {chosen.name}"
                    )
            else:
                chosen = default or min(candidates, key=self.missing_rank)
        result.parameter_set = chosen.name
        self.note_optional_by_conflict(chosen)
        result.pipeline_parameters = (
            tuple(p.name for p in self.pipeline_parameters(chosen)) if self.pipeline_input else ()
        )
        missing = self.missing_in(chosen)
        if missing and not self.splat_unknown:
            result.missing = missing
            message = f"{self.cmdlet.name} is missing mandatory parameter(s) " + ", ".join(
                "-" + n for n in missing
            )
            message += self.alternatives(chosen, candidates, missing)
            self.error(MISSING_MANDATORY, message, None, ["-" + n for n in missing])
        return chosen

    def note_optional_by_conflict(self, chosen: ParameterSet) -> None:
        bound = self.bound_in(chosen)
        forgiven = [
            m.name
            for m in chosen.members
            if "required" in m.docs_conflict and m.name.lower() not in bound
        ]
        if forgiven:
            self.result.lenient.append(
                "the docs disagree whether "
                + ", ".join("-" + n for n in forgiven)
                + f" is mandatory in set {chosen.name}; treated as optional"
            )

    def alternatives(
        self, chosen: ParameterSet, candidates: list[ParameterSet], missing: list[str]
    ) -> str:
        """' (set A; or -X for set B)' when the docs mark no default and other sets need other
        parameters (skipping sets only on-premises Exchange has)."""
        if chosen.is_default:
            return ""
        seen = [set(missing)]
        options = []
        for other in candidates:
            needs = self.missing_in(other)
            if other is chosen or set(needs) in seen or self.missing_rank(other)[0]:
                continue
            seen.append(set(needs))
            options.append(f"{', '.join('-' + n for n in needs)} for set {other.name}")
        if not options:
            return ""
        return f" (set {chosen.name}; or " + "; or ".join(options[:2]) + ")"

    def missing_rank(self, parameter_set: ParameterSet) -> tuple[int, int]:
        """Order for sets that all lack something: online-only needs first, then docs order."""
        missing = self.missing_in(parameter_set)
        on_premises = any(
            (p := self.cmdlet.parameter(n)) is not None and p.exchange_server_only for n in missing
        )
        return (int(on_premises), self.cmdlet.parameter_sets.index(parameter_set))

    # --- values -------------------------------------------------------------

    def bind_positionals(self, chosen: ParameterSet | None) -> list[BoundParameter]:
        if not self.positionals or not self.cmdlet.parameter_sets:
            return []
        if chosen is None:
            chosen = max(self.cmdlet.parameter_sets, key=lambda s: len(self.slots(s)))
        bound = []
        slots = self.slots(chosen)
        remaining = self.remaining_of(chosen)
        for number, (index, arg) in enumerate(self.positionals):
            parameter = self.cmdlet.parameter(slots[number]) if number < len(slots) else None
            if remaining is not None and (parameter is None or parameter is remaining):
                # Every positional from here on goes to the ValueFromRemainingArguments one.
                rest = self.positionals[number:]
                for i, _ in rest:
                    self.result.positional_map[i] = remaining.name
                value = [a.value for _, a in rest] if len(rest) > 1 else arg.value
                bound.append(BoundParameter(remaining.name, value, arg, None, positional=True))
                break
            if parameter is not None:
                self.result.positional_map[index] = parameter.name
                bound.append(BoundParameter(parameter.name, arg.value, arg, None, positional=True))
        return bound

    def check_values(self, chosen: ParameterSet | None, positional: list[BoundParameter]) -> None:
        set_name = chosen.name if chosen is not None else None
        bound = self.result.bound
        for named in self.named.values():
            parameter = named.parameter
            bound[parameter.name] = BoundParameter(
                parameter.name, named.value, named.value_arg, named.parameter_arg
            )
            if parameter.exchange_server_only:
                self.warn(
                    ON_PREMISES_ONLY,
                    f"-{parameter.name} is only available in on-premises Exchange Server",
                    named.parameter_arg,
                )
        for item in positional:
            bound[item.name] = item
        for item in bound.values():
            parameter = self.cmdlet.parameters[item.name.lower()]
            info = _SWITCH_INFO if parameter.is_switch else classify(parameter.type_in(set_name))
            item.converted = self.convert(parameter, info, item)

    def convert(self, parameter: Parameter, info: TypeInfo, item: BoundParameter) -> Any:
        arg = item.arg
        if parameter.is_switch and item.value is True:
            return True  # -Switch, or -Switch:$true
        converted, failure = convert(
            info, item.value, quoted=arg.quoted, accepted=parameter.accepted_values
        )
        if failure is None:
            return converted
        if failure.message is not None:
            message = failure.message.replace("{name}", parameter.name)
        else:
            message = (
                f"cannot bind '{display(failure.bad)}' to -{parameter.name}: {failure.reason}"
                + did_you_mean(list(failure.suggestions))
            )
        self.error(INVALID_VALUE, message, arg, failure.suggestions)
        return UNKNOWN


def _likely_default(sets: list[ParameterSet]) -> ParameterSet:
    """A set to settle on when the docs mark no default: Exchange's usual default names first."""
    for preferred in ("identity", "default"):
        for parameter_set in sets:
            if parameter_set.name.lower() == preferred:
                return parameter_set
    return sets[0]


def _sets_text(sets: frozenset[str], order: tuple[str, ...], *, word: bool = True) -> str:
    names = [n for n in order if n in sets]
    prefix = ("set " if len(names) == 1 else "sets ") if word else ""
    return prefix + ", ".join(names)
