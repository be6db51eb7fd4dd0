"""`--check` on hostile files (encodings, BOMs, NULs, broken UTF-8): exit 0 or 2, no traceback."""

from __future__ import annotations

import codecs
import io
import re
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from sccshell.cli import run
from sccshell.environment import Environment

from .fuzzing import fuzz

PROBLEM = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): error: \S")

SNIPPETS = [
    "Get-Mailbox -ResultSize Unlimited | Where-Object { $_.Name -like 'a*' }\n",
    "Set-Mailbox -Identity john@contoso.com -ProhibitSendQuota 10GB -Confirm:$false\n",
    "Get-Mailbox -Identit x\n",
    "New-ComplianceSearch -Name s -ExchangeLocation All; Start-ComplianceSearch s\n",
    "$p = @{ Identity = 'x'; Bogus = 1 }; Get-Mailbox @p\n",
    "Get-Mailbx\n",
    'foreach ($m in Get-Mailbox) { "$($m.Name) \u2013 ok" }\n',
    "@'\nhere\n'@\n",
    "if ($x -eq \u201cy\u201d) { Write-Host 1 }\n",
]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1"]
BOMS = [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE]


@st.composite
def script_bytes(draw) -> bytes:
    text = "".join(draw(st.lists(st.sampled_from(SNIPPETS), max_size=5)))
    text += draw(st.text(max_size=30))
    data = text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    data = draw(st.sampled_from(BOMS)) + data
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(data)))
        junk = draw(st.sampled_from([b"\x00", b"\xff", b"\xc3", b"\xed\xa0\x80", b"\r", b"\x1a"]))
        data = data[:at] + junk + data[at:]
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]  # cut anywhere, even inside a character
    return data


def check_file(path: Path) -> tuple[int, list[str]]:
    out = io.StringIO()
    env = Environment(stdin=io.StringIO(), stdout=out, stderr=io.StringIO(), environ={})
    code = run(["--check", str(path)], env)
    return code, out.getvalue().splitlines()


@fuzz(300)
@given(script_bytes())
def test_check_reports_positions_or_nothing(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("check") / "s.scc"
    path.write_bytes(data)
    code, lines = check_file(path)
    assert code in (0, 2)
    assert (code == 2) == bool(lines)
    for line in lines:
        m = PROBLEM.match(line)
        assert m and m["file"] == str(path), line
        assert int(m["line"]) >= 1 and int(m["col"]) >= 1, line
        assert "internal" not in line and "Traceback" not in line, line


def test_check_command_line_never_shows_a_traceback(tmp_path):
    files = []
    for i, data in enumerate(
        [
            b"\xff\xfe\x00\x00" + "Get-Mailbox".encode("utf-32-le"),
            codecs.BOM_UTF16_LE + b"G\x00e\x00t",  # odd byte count after the BOM
            b"Get-Mailbox\x00 -Identity \xc3\x28",
            b"(" * 100_000,
            b"Get-Mailbox " + b"-Identity x " * 20_000,
            b"\xef\xbb\xbf" + "Get-Mailbox \u2013Identity \u201cx\u201d".encode(),
        ]
    ):
        path = tmp_path / f"f{i}.scc"
        path.write_bytes(data)
        files.append(str(path))
    result = subprocess.run(
        [sys.executable, "-m", "sccshell", "--check", *files],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    reported = {PROBLEM.match(line)["file"] for line in result.stdout.splitlines()}
    assert reported <= set(files)
    assert {files[2], files[3]} <= reported  # a NUL; nesting too deep
