"""`sccshell --check FILE...`: parse and bind scripts offline, one line per problem."""

from __future__ import annotations

import codecs
from collections.abc import Sequence

from sccshell.environment import Environment
from sccshell.status import ExitStatus


def decode_script(data: bytes) -> str:
    """Decode a script file as PowerShell would: by its byte-order mark, else UTF-8."""
    # UTF-32 first: its little-endian mark begins with UTF-16's.
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            # Bytes the encoding cannot read become U+FFFD, as .NET's decoders do.
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _read(path: str, env: Environment) -> str:
    if path == "-":
        buffer = getattr(env.stdin, "buffer", None)
        return decode_script(buffer.read()) if buffer is not None else env.stdin.read()
    with open(path, "rb") as handle:
        return decode_script(handle.read())


def run_check(paths: Sequence[str], env: Environment) -> int:
    from sccshell.analysis import Analyzer
    from sccshell.schema.loader import load_schema

    analyzer = Analyzer(load_schema())
    found = 0
    for path in paths:
        label = "<stdin>" if path == "-" else path
        try:
            text = _read(path, env)
        except OSError as exc:
            print(f"{label}:1:1: error: cannot read the file: {exc.strerror}", file=env.stdout)
            found += 1
            continue
        for problem in analyzer.check(text, label):
            print(problem.format(label), file=env.stdout)
            found += 1
    return ExitStatus.USAGE if found else ExitStatus.SUCCESS
