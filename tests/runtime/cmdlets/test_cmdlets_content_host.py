"""Get/Set/Add-Content, Out-File, Tee-Object, and the host-writing cmdlets."""

from __future__ import annotations

import os

from cmdlet_helpers import Counting, FakeHost, ctx, run

from sccshell.runtime.cmdlets import LOCAL_CMDLETS
from sccshell.runtime.values import SecureString

NL = os.linesep


def test_set_add_get_content(tmp_path):
    path = tmp_path / "c.txt"
    run("Set-Content", {"Path": str(path), "Value": ["one", "two"]})
    run("Add-Content", {"Path": str(path), "Value": "three"})
    assert path.read_bytes() == f"one{NL}two{NL}three{NL}".encode()
    assert run("Get-Content", {"Path": str(path)}) == ["one", "two", "three"]
    assert run("Get-Content", {"Path": str(path), "TotalCount": 2}) == ["one", "two"]
    assert run("Get-Content", {"Path": str(path), "Tail": 1}) == ["three"]
    assert run("Get-Content", {"Path": str(path), "Raw": True}) == [f"one{NL}two{NL}three{NL}"]


def test_get_content_encodings_and_missing(tmp_path):
    path = tmp_path / "u.txt"
    path.write_bytes("\ufeffé\r\nx".encode("utf-16-le"))
    assert run("Get-Content", {"Path": str(path)}) == ["é", "x"]
    errors = []
    assert run("Get-Content", {"Path": str(tmp_path / "nope")}, write_error=errors.append) == []
    assert "does not exist" in errors[0]


def test_set_content_encoding_bom(tmp_path):
    path = tmp_path / "b.txt"
    run("Set-Content", {"Path": str(path), "Value": "a", "Encoding": "utf8BOM", "NoNewline": True})
    assert path.read_bytes() == b"\xef\xbb\xbfa"


def test_out_file_and_tee(tmp_path):
    path = tmp_path / "o.txt"
    run("Out-File", {"FilePath": str(path)}, ["x", "y"])
    assert path.read_text() == f"x{NL}y{NL}"
    run("Out-File", {"FilePath": str(path), "Append": True}, ["z"])
    assert path.read_text().endswith(f"y{NL}z{NL}")
    c = ctx("Tee-Object", {"Variable": "v"}, [1, 2])
    assert list(LOCAL_CMDLETS["Tee-Object"](c)) == [1, 2] and c.variables["v"] == [1, 2]
    tee = tmp_path / "t.txt"
    assert run("Tee-Object", {"FilePath": str(tee)}, ["a"]) == ["a"]
    assert tee.read_text() == f"a{NL}"


def test_write_host_and_streams():
    host = FakeHost()
    run(
        "Write-Host",
        {"Object": ["a", [1, 2]], "Separator": "-", "NoNewline": True, "ForegroundColor": "Red"},
        host=host,
    )
    assert host.host == [("a-1-2", False)]
    tty = FakeHost(tty=True)
    run("Write-Host", {"Object": ["x"], "ForegroundColor": "Red"}, host=tty)
    assert tty.host[0][0].startswith("\x1b[")
    host = FakeHost()
    run("Write-Warning", {"Message": "careful"}, host=host)
    run("Write-Verbose", {"Message": "hidden"}, host=host)
    run("Write-Verbose", {"Message": "shown", "Verbose": True}, host=host)
    run("Write-Error", {"Message": "bad"}, host=host)
    assert host.warnings == ["careful"] and host.errors == ["bad"]
    assert host.host == [("VERBOSE: shown", True)]


def test_write_output_and_out_null():
    assert run("Write-Output", {"InputObject": [1, 2]}) == [1, 2]
    assert run("Write-Output", {"InputObject": [1, 2], "NoEnumerate": True}) == [[1, 2]]
    src = Counting([1, 2, 3])
    assert run("Out-Null", {}, src) == [] and src.pulled == 3


def test_read_host():
    host = FakeHost(answers=["bob", "s3cret"])
    assert run("Read-Host", {"Prompt": "Name"}, host=host) == ["bob"]
    secret = run("Read-Host", {"AsSecureString": True}, host=host)[0]
    assert isinstance(secret, SecureString) and secret.reveal() == "s3cret"
    assert host.prompts == [("Name: ", False), ("", True)]


def test_clear_host_only_on_terminal():
    plain = FakeHost()
    run("Clear-Host", host=plain)
    assert plain.stdout.getvalue() == ""
    tty = FakeHost(tty=True)
    run("Clear-Host", host=tty)
    assert tty.stdout.getvalue().startswith("\x1b[2J")
