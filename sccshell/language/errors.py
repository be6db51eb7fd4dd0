"""The one exception the language front end raises."""

from __future__ import annotations


class ParseError(Exception):
    """A syntax error at a place in the source.

    `incomplete` is True when the text ended while something was still open
    (a brace, a string, a trailing pipe...), so more input could complete it.
    """

    def __init__(
        self,
        message: str,
        line: int = 1,
        col: int = 1,
        offset: int = 0,
        source: str = "<input>",
        incomplete: bool = False,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col
        self.offset = offset
        self.source = source
        self.incomplete = incomplete

    def __str__(self) -> str:
        return f"{self.line}:{self.col}: {self.message}"

    def __reduce__(self):
        # Keep pickling (e.g. across worker processes) from losing the position.
        return (
            type(self),
            (self.message, self.line, self.col, self.offset, self.source, self.incomplete),
        )
