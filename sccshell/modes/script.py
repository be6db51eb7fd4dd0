"""`sccshell SCRIPT.scc ARG...`: run a saved script (or `-` for standard input)."""

from __future__ import annotations

import argparse
from typing import Any

from sccshell.environment import Environment
from sccshell.status import ExitStatus


def script_arguments(words: list[str]) -> tuple[list[Any], dict[str, Any]]:
    """Command-line words as a script's positional and named arguments (-Name value, -Switch)."""
    positional: list[Any] = []
    named: dict[str, Any] = {}
    index = 0
    while index < len(words):
        word = words[index]
        if word.startswith("-") and len(word) > 1 and not word[1].isdigit():
            name, colon, value = word[1:].partition(":")
            if colon:
                named[name] = value
            elif index + 1 < len(words) and not words[index + 1].startswith("-"):
                named[name] = words[index + 1]
                index += 1
            else:
                named[name] = True
        else:
            positional.append(word)
        index += 1
    return positional, named


def run_script(args: argparse.Namespace, env: Environment) -> int:
    from sccshell.language import ParseError, parse
    from sccshell.modes.check import decode_script
    from sccshell.modes.command import run_in_session

    label = "<stdin>" if args.script == "-" else args.script
    try:
        if args.script == "-":
            buffer = getattr(env.stdin, "buffer", None)
            text = decode_script(buffer.read()) if buffer is not None else env.stdin.read()
        else:
            with open(args.script, "rb") as handle:
                text = decode_script(handle.read())
    except OSError as exc:
        env.error(f"cannot read {label}: {exc.strerror}")
        return ExitStatus.USAGE
    try:
        script = parse(text, label)
    except ParseError as err:
        env.error(f"{label}:{err.line}:{err.col}: {err.message}")
        return ExitStatus.USAGE
    positional, named = script_arguments(list(args.script_args or []))
    # A script runs in the script scope with its param() block bound to the arguments;
    # it stops at the first terminating error.
    return run_in_session(
        args,
        env,
        lambda session: session.evaluator.call_block(
            script, positional, named, ..., None, new_scope=False
        ),
        label=label,
    )
