"""Which parameter the word at the cursor belongs to, and which parameter sets remain.

A small, forgiving version of the binder's walk over the arguments typed so far: it
never fails, it only narrows.
"""

from __future__ import annotations

from dataclasses import dataclass

from sccshell.repl.completion.context import Arg
from sccshell.schema.model import Cmdlet, Parameter, ParameterSet


@dataclass(frozen=True)
class Binding:
    given: tuple[Parameter, ...]  # parameters named so far (resolved, abbreviations too)
    sets: tuple[ParameterSet, ...]  # parameter sets still possible
    target: Parameter | None  # the parameter the current word is a value of
    position: int | None  # else: the positional index the word would bind at


def bind_partial(
    cmdlet: Cmdlet, args: tuple[Arg, ...], colon_parameter: str | None = None
) -> Binding:
    given: list[Parameter] = []
    pending: Parameter | None | bool = None  # a Parameter, or True: an unknown one's value
    last: Parameter | int | None = None  # what the previous value went to (for commas)
    positional = 0
    for arg in args:
        if arg.kind == "parameter":
            matches = cmdlet.match_parameter(arg.text)
            parameter = matches[0] if len(matches) == 1 else None
            if parameter is not None and parameter not in given:
                given.append(parameter)
            pending = None
            if arg.value is None and (parameter is None or not parameter.is_switch):
                pending = parameter if parameter is not None else True
            last = parameter
        elif arg.kind == "value":
            if pending is not None:
                last = pending if isinstance(pending, Parameter) else None
                pending = None
            else:
                last = positional
                positional += 1
        elif arg.kind == "comma":
            pending = last if last is not None else None
            if isinstance(last, int):
                pending = None
                positional = last  # `Name, Al`: the next value is the same positional
    sets = remaining_sets(cmdlet, given)
    if colon_parameter is not None:
        matches = cmdlet.match_parameter(colon_parameter)
        return Binding(tuple(given), sets, matches[0] if len(matches) == 1 else None, None)
    if isinstance(pending, Parameter):
        return Binding(tuple(given), sets, pending, None)
    if pending is True:
        return Binding(tuple(given), sets, None, None)
    target = positional_parameter(cmdlet, sets, positional, given)
    return Binding(tuple(given), sets, target, positional)


def remaining_sets(cmdlet: Cmdlet, given: list[Parameter]) -> tuple[ParameterSet, ...]:
    """The sets that hold every given parameter; all sets when none does (a typing slip)."""
    declared = [p for p in given if p.name.lower() in cmdlet.membership]
    sets = tuple(
        s for s in cmdlet.parameter_sets if all(p.name.lower() in s.by_name for p in declared)
    )
    return sets or cmdlet.parameter_sets


def positional_parameter(
    cmdlet: Cmdlet, sets: tuple[ParameterSet, ...], index: int, given: list[Parameter]
) -> Parameter | None:
    """The parameter a positional argument at INDEX binds to, default set first."""
    taken = {p.name.lower() for p in given}
    ordered = sorted(sets, key=lambda s: not s.is_default)
    for parameter_set in ordered:
        free = [name for name in parameter_set.positional if name.lower() not in taken]
        if index < len(free):
            return cmdlet.parameter(free[index])
    return None


def is_mandatory(parameter: Parameter, sets: tuple[ParameterSet, ...]) -> bool:
    """Mandatory whichever of SETS the command ends up in."""
    return bool(sets) and all(s.is_mandatory(parameter.name) for s in sets)


def in_sets(cmdlet: Cmdlet, parameter: Parameter, sets: tuple[ParameterSet, ...]) -> bool:
    key = parameter.name.lower()
    if key not in cmdlet.membership:
        return True  # common parameters, and those the docs put in every set
    return any(key in s.by_name for s in sets)
