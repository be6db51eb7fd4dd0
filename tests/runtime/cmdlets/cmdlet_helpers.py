"""A fake host, a fake script block and a context builder for the local cmdlet tests."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from typing import Any

from sccshell.runtime.api import CmdletContext


class FakeHost:
    """Collects every write in lists; read_line answers from a queue."""

    def __init__(self, answers: Iterable[str] = (), tty: bool = False) -> None:
        self.stdout = _Out(tty)
        self.stderr = io.StringIO()
        self.warnings: list[str] = []
        self.errors: list[str] = []
        self.host: list[tuple[str, bool]] = []
        self.prompts: list[tuple[str, bool]] = []
        self._answers = list(answers)

    def write_warning(self, text: str) -> None:
        self.warnings.append(text)

    def write_error(self, text: str) -> None:
        self.errors.append(text)

    def write_host(self, text: str, newline: bool = True) -> None:
        self.host.append((text, newline))

    def read_line(self, prompt: str, secret: bool = False) -> str:
        self.prompts.append((prompt, secret))
        return self._answers.pop(0)


class _Out(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


class FakeBlock:
    """A script block whose body is a Python function of $_."""

    def __init__(self, fn: Callable[[Any], Any], text: str = "{ ... }") -> None:
        self.fn = fn
        self.text = text

    def invoke(
        self, *args: Any, dollar_under: Any = None, variables: Any = None, dot: bool = False
    ) -> list[Any]:
        result = self.fn(dollar_under)
        if result is None:
            return []
        return list(result) if isinstance(result, list) else [result]


def ctx(
    name: str, bound: dict[str, Any] | None = None, input: Iterable[Any] | None = None, **kw: Any
) -> CmdletContext:
    """A context as the evaluator builds it; input given means something is piped."""
    return CmdletContext(
        name=name,
        bound=dict(bound or {}),
        input=input if input is not None else [],
        host=kw.pop("host", None) or FakeHost(),
        expecting_input=input is not None,
        **kw,
    )


def run(
    name: str, bound: dict[str, Any] | None = None, input: Iterable[Any] | None = None, **kw: Any
) -> list[Any]:
    """Run a local cmdlet by name and collect its output."""
    from sccshell.runtime.cmdlets import LOCAL_CMDLETS

    return list(LOCAL_CMDLETS[name](ctx(name, bound, input, **kw)))


class Counting:
    """An input generator that counts how many items were pulled."""

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = list(items)
        self.pulled = 0

    def __iter__(self):
        for item in self.items:
            self.pulled += 1
            yield item
