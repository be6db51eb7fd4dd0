"""The binder's input and output records: Arg in; BindResult, BoundParameter, BindError out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal


class _Unknown:
    """The type of UNKNOWN: a value that cannot be known without running the script."""

    _instance: _Unknown | None = None

    def __new__(cls) -> _Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __reduce__(self) -> str:
        # Pickling and copying keep the singleton, so `is UNKNOWN` stays true.
        return "UNKNOWN"


UNKNOWN: Any = _Unknown()


@dataclass(frozen=True, slots=True)
class ScriptBlockValue:
    """A script block literal as an argument value: its source text, not run."""

    text: str


def is_script_block(value: Any) -> bool:
    """A script block literal (offline) or a runtime script block (which can be invoked)."""
    return isinstance(value, ScriptBlockValue) or (
        callable(getattr(value, "invoke", None)) and isinstance(getattr(value, "text", None), str)
    )


@dataclass(frozen=True, slots=True)
class Arg:
    """One element of a command line after the command name."""

    kind: Literal["parameter", "value"]
    line: int  # 1-based position of this element in the source
    col: int
    text: str  # source text, for messages
    name: str | None = None  # parameter name without '-' (kind == "parameter")
    value: Any = UNKNOWN  # static value of a "value" element, or of -Name:value
    colon: bool = False  # -Name:value form; the value is in `value`
    quoted: bool = False  # the value came from a quoted string
    splat: bool = False  # @params: a dict value binds by name; UNKNOWN makes the binder lenient


# BindError.kind values; MISSING_MANDATORY is the one a REPL may turn into prompts.
UNKNOWN_PARAMETER = "unknown-parameter"
AMBIGUOUS_PARAMETER = "ambiguous-parameter"
MISSING_VALUE = "missing-value"
DUPLICATE_PARAMETER = "duplicate-parameter"
POSITIONAL = "positional"
PARAMETER_SET = "parameter-set"
MISSING_MANDATORY = "missing-mandatory"
INVALID_VALUE = "invalid-value"
SWITCH_VALUE = "switch-value"
ON_PREMISES_ONLY = "on-premises-only"  # a warning, never an error
NO_PIPELINE_INPUT = "no-pipeline-input"  # a warning, never an error


@dataclass(frozen=True, slots=True)
class BindError:
    """A problem found while binding, located at the offending element."""

    message: str
    line: int
    col: int
    suggestions: list[str] = field(default_factory=list)
    kind: str = INVALID_VALUE


@dataclass(slots=True)
class BoundParameter:
    """A parameter bound to a value: the value as given, and as PowerShell would convert it."""

    name: str  # canonical parameter name
    value: Any  # the static value as given (UNKNOWN if not known offline)
    arg: Arg  # the element that supplied the value (the parameter itself for a switch)
    parameter_arg: Arg | None = None  # the -Name element; None when bound by position
    converted: Any = UNKNOWN  # value converted to the parameter's type, when known
    positional: bool = False


@dataclass(slots=True)
class BindResult:
    """The outcome of binding one command's arguments."""

    cmdlet: str
    parameter_set: str | None = None
    bound: dict[str, BoundParameter] = field(default_factory=dict)
    positional_map: dict[int, str] = field(default_factory=dict)  # index in args -> parameter
    errors: list[BindError] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    warnings: list[BindError] = field(default_factory=list)
    pipeline_parameters: tuple[str, ...] = ()  # may take the pipeline value in the chosen set
    candidate_sets: tuple[str, ...] = ()  # sets still possible after binding
    lenient: list[str] = field(
        default_factory=list
    )  # where the docs' inconsistencies were forgiven

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def hard_errors(self) -> list[BindError]:
        """Errors other than missing mandatory parameters (which a REPL may prompt for)."""
        return [e for e in self.errors if e.kind != MISSING_MANDATORY]

    @property
    def missing_errors(self) -> list[BindError]:
        return [e for e in self.errors if e.kind == MISSING_MANDATORY]
