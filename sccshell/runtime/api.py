"""What a local cmdlet sees: its bound parameters, its input, and the runtime around it.

The evaluator builds a CmdletContext for each local cmdlet in a pipeline and iterates
the generator the cmdlet returns; the local cmdlets (runtime/cmdlets/) know nothing
else about the evaluator.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol, TextIO


class ScriptBlock(Protocol):
    """A script block value: `{ $_.Name -like 'a*' }`."""

    text: str  # its source, for messages and ToString()

    def invoke(
        self,
        *args: Any,
        dollar_under: Any = ...,
        variables: dict[str, Any] | None = None,
        dot: bool = False,
    ) -> list[Any]:
        """Run it and return what it wrote to the pipeline (with $_ set when given).

        DOT runs it in the caller's scope, as ForEach-Object and Where-Object do.
        """
        ...


class Host(Protocol):
    """The streams a cmdlet may write to besides the pipeline."""

    stdout: TextIO
    stderr: TextIO

    def write_warning(self, text: str) -> None: ...
    def write_error(self, text: str) -> None: ...
    def write_host(self, text: str, newline: bool = True) -> None: ...
    def read_line(self, prompt: str, secret: bool = False) -> str: ...


class CmdletError(Exception):
    """A terminating error of a local cmdlet, with a message for a person."""


@dataclass
class CmdletContext:
    name: str  # the cmdlet's canonical name
    bound: dict[str, Any]  # canonical parameter name -> value (switches as True/False)
    input: Iterable[Any]  # the pipeline input; empty when the cmdlet starts a pipeline
    host: Host
    expecting_input: bool = False  # True when something is piped in
    variables: dict[str, Any] = field(default_factory=dict)  # set-variable style access
    write_error: Callable[[str], None] | None = None  # non-terminating errors
    write_warning: Callable[[str], None] | None = None  # honours -WarningAction

    def has(self, name: str) -> bool:
        return name in self.bound

    def get(self, name: str, default: Any = None) -> Any:
        return self.bound.get(name, default)


LocalCmdlet = Callable[[CmdletContext], Iterator[Any]]
