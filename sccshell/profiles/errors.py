"""Positions in profile files and the error that carries one or more positioned problems."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sccshell.errors import ConfigFailed


@dataclass(frozen=True)
class Mark:
    """A place in a profile file; line and column are 1-based, 0 for the file as a whole."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}" if self.line else self.file


@dataclass(frozen=True)
class Problem:
    mark: Mark | None
    message: str

    @property
    def position(self) -> tuple[int, int]:
        """(line, column) for sorting; problems with the whole file come first."""
        return (self.mark.line, self.mark.column) if self.mark else (0, 0)

    def __str__(self) -> str:
        # The same shape as `--check` findings, so editors can jump to the place.
        return f"{self.mark}: error: {self.message}" if self.mark else self.message


class ProfileError(ConfigFailed):
    """One or more problems with profile files, each with its FILE:LINE:COL when known."""

    def __init__(self, problems: Problem | str | Iterable[Problem]) -> None:
        if isinstance(problems, str):
            problems = Problem(None, problems)
        self.problems: tuple[Problem, ...] = (
            (problems,) if isinstance(problems, Problem) else tuple(problems)
        )
        super().__init__("\n".join(str(problem) for problem in self.problems))

    @property
    def lines(self) -> list[str]:
        """One line per problem."""
        return [str(problem) for problem in self.problems]
