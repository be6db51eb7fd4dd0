"""Bundle the shared cmdlet schema into the package.

    python -m sccshell.schema.bundle SRC            write sccshell/data/exchange-cmdlets.json.gz
    python -m sccshell.schema.bundle --check SRC    exit 1 unless the bundle holds exactly SRC

The gzip is reproducible (no timestamp, no file name), so bundling the same
JSON twice gives the same bytes and a clean diff.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import sys
from collections.abc import Sequence

from sccshell.schema.loader import DATA_FILE


def compress(raw: bytes) -> bytes:
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=out, mtime=0) as handle:
        handle.write(raw)
    return out.getvalue()


def validate(raw: bytes) -> tuple[int, int]:
    """(cmdlets, parameters) of a schema JSON; ValueError if it is not one."""
    document = json.loads(raw)
    cmdlets = document.get("cmdlets")
    if not isinstance(cmdlets, list) or not all(isinstance(c.get("name"), str) for c in cmdlets):
        raise ValueError("not a cmdlet schema: no list of named cmdlets under 'cmdlets'")
    return len(cmdlets), sum(len(c.get("parameters") or ()) for c in cmdlets)


def bundle(source: str, destination: str = DATA_FILE) -> str:
    with open(source, "rb") as handle:
        raw = handle.read()
    cmdlets, parameters = validate(raw)
    packed = compress(raw)
    temporary = destination + ".tmp"
    with open(temporary, "wb") as handle:
        handle.write(packed)
    os.replace(temporary, destination)
    return (
        f"wrote {destination}: {cmdlets} cmdlets, {parameters} parameters, "
        f"{len(packed):,} bytes (from {len(raw):,})"
    )


def check(source: str, destination: str = DATA_FILE) -> bool:
    with open(source, "rb") as handle:
        raw = handle.read()
    try:
        with gzip.open(destination, "rb") as handle:
            return handle.read() == raw
    except OSError:
        return False


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sccshell.schema.bundle", description=__doc__)
    parser.add_argument("source", help="exchange-cmdlets.json")
    parser.add_argument("--out", default=DATA_FILE, help="the gzip to write (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 on a difference")
    args = parser.parse_args(argv)
    if args.check:
        same = check(args.source, args.out)
        print(f"{args.out}: {'up to date' if same else 'differs from ' + args.source}")
        return 0 if same else 1
    try:
        print(bundle(args.source, args.out))
    except (OSError, ValueError) as exc:
        print(f"bundle: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
