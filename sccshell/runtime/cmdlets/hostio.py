"""Write-Host/Output/Warning/Error/Verbose/Debug/Information, Read-Host, Out-Null, Clear-Host."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..api import CmdletContext
from ..values import SecureString, enumerate_items, is_collection, to_string
from ._common import as_list, input_items, preference_on, report

_ANSI_COLORS = {
    "black": 30, "darkred": 31, "darkgreen": 32, "darkyellow": 33, "darkblue": 34,
    "darkmagenta": 35, "darkcyan": 36, "gray": 37, "darkgray": 90, "red": 91, "green": 92,
    "yellow": 93, "blue": 94, "magenta": 95, "cyan": 96, "white": 97,
}  # fmt: skip


def _is_tty(ctx: CmdletContext) -> bool:
    isatty = getattr(ctx.host.stdout, "isatty", None)
    return bool(isatty and isatty())


def _flatten(values: list[Any]) -> Iterator[Any]:
    for v in values:
        if is_collection(v):
            yield from _flatten(list(v))
        else:
            yield v


def write_host(ctx: CmdletContext) -> Iterator[Any]:
    """Write-Host: the objects joined by -Separator, straight to the console."""
    if "Object" in ctx.bound:
        objects = as_list(ctx.bound["Object"])
    else:
        objects = list(input_items(ctx))
    sep = to_string(ctx.bound.get("Separator", " "))
    text = sep.join(to_string(v) for v in _flatten(objects))
    color = ctx.bound.get("ForegroundColor")
    code = _ANSI_COLORS.get(str(color).lower()) if color else None
    if code is not None and _is_tty(ctx):
        # Colors only on a terminal, so redirected output stays plain.
        text = f"\x1b[{code}m{text}\x1b[0m"
    ctx.host.write_host(text, newline=not ctx.bound.get("NoNewline", False))
    return iter(())


def write_output(ctx: CmdletContext) -> Iterator[Any]:
    """Write-Output: the objects to the pipeline, unrolled unless -NoEnumerate."""
    if ctx.expecting_input or "InputObject" not in ctx.bound:
        yield from ctx.input
        return
    value = ctx.bound["InputObject"]
    if ctx.bound.get("NoEnumerate"):
        yield value
    else:
        yield from enumerate_items(value)


def _message(ctx: CmdletContext, key: str = "Message") -> str:
    return to_string(ctx.bound.get(key, ""))


def _messages(ctx: CmdletContext, key: str = "Message") -> Iterator[str]:
    """The message parameter, or each piped object when the message comes from the pipeline."""
    if key in ctx.bound:
        yield _message(ctx, key)
    else:
        for item in ctx.input:
            yield to_string(item)


def _stream(ctx: CmdletContext, kind: str, text: str) -> None:
    # The Host protocol has no verbose/debug/information channel: use one if the host
    # offers it, else show it as PowerShell's console does, with its prefix.
    method = getattr(ctx.host, f"write_{kind}", None)
    if method is not None:
        method(text)
    else:
        prefix = {"verbose": "VERBOSE: ", "debug": "DEBUG: ", "information": ""}[kind]
        ctx.host.write_host(prefix + text)


def write_warning(ctx: CmdletContext) -> Iterator[Any]:
    """Write-Warning: to the host's warning stream (the host adds 'WARNING: ')."""
    warn = ctx.write_warning or ctx.host.write_warning
    for text in _messages(ctx):
        warn(text)
    return iter(())


def write_error(ctx: CmdletContext) -> Iterator[Any]:
    """Write-Error: a non-terminating error record."""
    if "Message" in ctx.bound or not ("Exception" in ctx.bound or "ErrorRecord" in ctx.bound):
        texts = list(_messages(ctx))
    else:
        texts = [to_string(ctx.bound.get("Exception", ctx.bound.get("ErrorRecord")))]
    for text in texts:
        report(ctx, text)
    return iter(())


def write_verbose(ctx: CmdletContext) -> Iterator[Any]:
    """Write-Verbose: shown only with -Verbose or $VerbosePreference = 'Continue'."""
    if preference_on(ctx, "Verbose", "VerbosePreference"):
        for text in _messages(ctx):
            _stream(ctx, "verbose", text)
    return iter(())


def write_debug(ctx: CmdletContext) -> Iterator[Any]:
    """Write-Debug: shown only with -Debug or $DebugPreference = 'Continue'."""
    if preference_on(ctx, "Debug", "DebugPreference"):
        for text in _messages(ctx):
            _stream(ctx, "debug", text)
    return iter(())


def write_information(ctx: CmdletContext) -> Iterator[Any]:
    """Write-Information: shown only when $InformationPreference (or -InformationAction) says so."""
    action = ctx.bound.get("InformationAction", ctx.variables.get("InformationPreference"))
    if str(action).lower() == "continue":
        for text in _messages(ctx, "MessageData"):
            _stream(ctx, "information", text)
    return iter(())


def read_host(ctx: CmdletContext) -> Iterator[Any]:
    """Read-Host: a line from the user; -AsSecureString gives a SecureString."""
    prompt = to_string(ctx.bound.get("Prompt", ""))
    if prompt:
        prompt += ": "
    secure = bool(ctx.bound.get("AsSecureString"))
    text = ctx.host.read_line(prompt, secret=secure or bool(ctx.bound.get("MaskInput")))
    yield SecureString(text) if secure else text


def out_null(ctx: CmdletContext) -> Iterator[Any]:
    """Out-Null: drain the input."""
    for _ in input_items(ctx):
        pass
    return iter(())


def clear_host(ctx: CmdletContext) -> Iterator[Any]:
    """Clear-Host: the ANSI clear sequence, only on a terminal."""
    if _is_tty(ctx):
        ctx.host.stdout.write("\x1b[2J\x1b[3J\x1b[H")
        ctx.host.stdout.flush()
    return iter(())


CMDLETS = {
    "Write-Host": write_host,
    "Write-Output": write_output,
    "Write-Warning": write_warning,
    "Write-Error": write_error,
    "Write-Verbose": write_verbose,
    "Write-Debug": write_debug,
    "Write-Information": write_information,
    "Read-Host": read_host,
    "Out-Null": out_null,
    "Clear-Host": clear_host,
}
