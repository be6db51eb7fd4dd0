"""python -m sccshell.schema.bundle: a reproducible gzip of the shared schema."""

from __future__ import annotations

import gzip
import json

from sccshell.schema.bundle import compress, main


def write_schema(path, cmdlets):
    path.write_text(json.dumps({"source": {}, "cmdlets": cmdlets}))


def test_compress_is_reproducible():
    raw = b'{"cmdlets": []}' * 100
    assert compress(raw) == compress(raw)
    assert gzip.decompress(compress(raw)) == raw


def test_bundle_and_check(tmp_path, capsys):
    source = tmp_path / "schema.json"
    out = tmp_path / "schema.json.gz"
    write_schema(source, [{"name": "Get-A", "parameters": [{"name": "X"}]}])
    assert main([str(source), "--out", str(out)]) == 0
    assert "1 cmdlets, 1 parameters" in capsys.readouterr().out
    assert gzip.decompress(out.read_bytes()) == source.read_bytes()
    assert main(["--check", str(source), "--out", str(out)]) == 0
    write_schema(source, [])
    assert main(["--check", str(source), "--out", str(out)]) == 1
    assert "differs" in capsys.readouterr().out


def test_rejects_what_is_not_a_schema(tmp_path, capsys):
    source = tmp_path / "bad.json"
    source.write_text('{"something": 1}')
    out = tmp_path / "out.gz"
    assert main([str(source), "--out", str(out)]) == 1
    assert not out.exists()
    assert "not a cmdlet schema" in capsys.readouterr().err


def test_check_of_missing_bundle(tmp_path):
    source = tmp_path / "schema.json"
    write_schema(source, [])
    assert main(["--check", str(source), "--out", str(tmp_path / "none.gz")]) == 1
