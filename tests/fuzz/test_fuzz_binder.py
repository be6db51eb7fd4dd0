"""Random argument lists against random cmdlets of the whole schema: a BindResult, never a crash."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sccshell.analysis import Analyzer
from sccshell.language import parse
from sccshell.schema.arguments import UNKNOWN, Arg, BindResult, ScriptBlockValue
from sccshell.schema.binder import bind
from sccshell.schema.loader import load_schema

from .fuzzing import fuzz

_SCHEMA = load_schema()  # the session fixture's schema is this one (load_schema caches)
NAMES = _SCHEMA.names()

KINDS = {
    "unknown-parameter",
    "ambiguous-parameter",
    "missing-value",
    "duplicate-parameter",
    "positional",
    "parameter-set",
    "missing-mandatory",
    "invalid-value",
    "switch-value",
}

scalars = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["Unlimited", "$true", "1GB", "2024-13-45", "-1", "0x", "*", "", "a,b"]),
    st.integers(-(2**80), 2**80),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.just(UNKNOWN),
    st.builds(ScriptBlockValue, st.text(max_size=8)),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=8,
)


@st.composite
def parameter_names(draw, cmdlet) -> str:
    """A real name, an alias, an abbreviation, a case variant, or a made-up one."""
    params = list(cmdlet.parameters.values())
    choice = draw(st.integers(0, 5))
    if choice == 5 or not params:
        return draw(st.text(st.characters(categories=["L", "N", "Pd"]), min_size=1, max_size=12))
    param = draw(st.sampled_from(params))
    name = param.name
    if choice == 1 and param.aliases:
        return draw(st.sampled_from(list(param.aliases)))
    if choice == 2:
        return name[: draw(st.integers(1, len(name)))]
    if choice == 3:
        return "".join(c.upper() if draw(st.booleans()) else c.lower() for c in name)
    if choice == 4:
        return name + draw(st.sampled_from(["x", ":", "-", "\u2013"]))
    return name


@st.composite
def cases(draw):
    cmdlet = _SCHEMA.get(draw(st.sampled_from(NAMES)))
    args: list[Arg] = []
    line = 1
    for col in range(1, draw(st.integers(0, 10)) + 1):
        kind = draw(st.sampled_from(["parameter", "parameter", "value", "value", "colon", "splat"]))
        line += draw(st.sampled_from([0, 0, 0, 1]))  # continuation lines
        if kind in ("parameter", "colon"):
            name = draw(parameter_names(cmdlet))
            if kind == "colon":
                args.append(
                    Arg(
                        "parameter",
                        line,
                        col * 7,
                        f"-{name}:",
                        name=name,
                        value=draw(values),
                        colon=True,
                    )
                )
            else:
                args.append(Arg("parameter", line, col * 7, "-" + name, name=name))
        elif kind == "splat":
            args.append(Arg("value", line, col * 7, "@p", value=draw(values), splat=True))
        else:
            args.append(
                Arg("value", line, col * 7, "v", value=draw(values), quoted=draw(st.booleans()))
            )
    return cmdlet, args, draw(st.booleans())


@fuzz(600)
@given(cases())
def test_bind_returns_a_result_with_positioned_errors(case):
    cmdlet, args, piped = case
    result = bind(cmdlet, args, pipeline_input=piped, at=(1, 1))
    assert isinstance(result, BindResult)
    places = {(a.line, a.col) for a in args} | {(1, 1)}
    for error in result.errors + result.warnings:
        assert error.message and isinstance(error.message, str)
        assert (error.line, error.col) in places, (error, places)
    assert {e.kind for e in result.errors} <= KINDS
    for bound in result.bound.values():
        assert cmdlet.parameter(bound.name) is not None
    if not result.errors:
        # Binding succeeded: every mandatory parameter of the chosen set is there.
        chosen = cmdlet.parameter_set(result.parameter_set) if result.parameter_set else None
        if chosen is not None and not piped:
            for name in chosen.mandatory:
                assert name in result.bound or any(a.splat for a in args), name


@st.composite
def command_lines(draw):
    """Source text for a command with arguments, bound through the parser as --check does."""
    cmdlet = _SCHEMA.get(draw(st.sampled_from(NAMES)))
    parts = [draw(st.sampled_from([cmdlet.name, cmdlet.name.lower(), cmdlet.name.upper()]))]
    for _ in range(draw(st.integers(0, 6))):
        choice = draw(st.integers(0, 6))
        if choice <= 2:
            name = draw(parameter_names(cmdlet))
            name = "".join(c for c in name if c.isalnum()) or "x"
            dash = draw(st.sampled_from(["-", "-", "\u2013"]))
            suffix = draw(st.sampled_from(["", "", ":$false", ":1", ":'x'", ": 'y'"]))
            parts.append(dash + name + suffix)
        elif choice == 3:
            parts.append(draw(st.sampled_from(["@params", "@{ Identity = 'a' }", "$x", "$null"])))
        else:
            parts.append(
                draw(
                    st.sampled_from(
                        [
                            "'john@contoso.com'",
                            "Unlimited",
                            "10",
                            "1GB",
                            "$true",
                            "a,b,c",
                            "{ $_.Name }",
                            "(Get-Date)",
                            "@(1, 2)",
                            "@{ Add = 'x' }",
                            "'2024-01-01'",
                            "-5",
                            "'\u201csmart\u201d'",
                            '"$(1 + 1)"',
                            "x" * 300,
                        ]
                    )
                )
            )
    pipe = draw(st.sampled_from(["", "Get-Mailbox | ", "1, 2 | "]))
    return pipe + " ".join(parts)


@fuzz(300)
@given(st.lists(command_lines(), min_size=1, max_size=3).map("\n".join))
def test_check_of_command_lines_reports_positioned_problems(text):
    problems = Analyzer(_SCHEMA).check(text, "t.scc")
    lines = text.split("\n")
    parse(text)  # the generator writes parsable lines: every problem is a binding one
    for problem in problems:
        assert 1 <= problem.line <= len(lines), problem
        assert 1 <= problem.col <= len(lines[problem.line - 1]) + 1, problem
        assert problem.format("t.scc").startswith(f"t.scc:{problem.line}:{problem.col}: error: ")
