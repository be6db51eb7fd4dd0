"""Loading: the bundled data, the cache (build, reuse, damage, staleness) and the builtins."""

from __future__ import annotations

import gzip
import json
import os
import shutil
from pathlib import Path

import pytest

from sccshell.schema import cache, loader
from sccshell.schema.bundle import compress
from sccshell.schema.loader import DATA_FILE, load_schema

SHARED = Path("/work/shared/schema/exchange-cmdlets.json")


@pytest.fixture(scope="module")
def document() -> dict:
    with gzip.open(DATA_FILE, "rb") as handle:
        return json.loads(handle.read())


def cache_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("schema-*.bin"))


def summary(cmdlet) -> tuple:
    """Everything a cmdlet's objects hold, as plain data, for comparing two loads."""
    parameters = tuple(
        (
            k,
            p.name,
            p.type,
            p.aliases,
            p.accepted_values,
            p.pipeline_input,
            p.pipeline_input_by,
            p.exchange_server_only,
            p.type_by_set,
            p.documented,
            p.common,
        )
        for k, p in cmdlet.parameters.items()
    )
    sets = tuple(
        (s.name, s.is_default, s.members, s.positional, s.mandatory) for s in cmdlet.parameter_sets
    )
    return (
        cmdlet.name,
        cmdlet.module,
        cmdlet.products,
        cmdlet.default_parameter_set,
        parameters,
        sets,
    )


def test_bundle_counts(document):
    cmdlets = document["cmdlets"]
    assert len(cmdlets) == document["counts"]["cmdlets"] == 941
    assert sum(len(c["parameters"]) for c in cmdlets) == 10_372
    assert len({p["type"] for c in cmdlets for p in c["parameters"]}) == 539


@pytest.mark.skipif(not SHARED.exists(), reason="shared schema not present")
def test_bundle_is_the_shared_file():
    with gzip.open(DATA_FILE, "rb") as handle:
        assert handle.read() == SHARED.read_bytes()


def test_schema_has_every_bundled_cmdlet(schema, document):
    for data in document["cmdlets"]:
        cmdlet = schema.get(data["name"])
        assert cmdlet is not None
        if cmdlet.module in ("exchange", "compliance"):
            documented = {p["name"].lower() for p in data["parameters"]}
            assert documented <= set(cmdlet.parameters)


def test_cold_then_warm(tmp_path):
    cold = load_schema(cache_dir=tmp_path)
    assert cold.origin == "bundle"
    [written] = cache_files(tmp_path)
    warm = load_schema(cache_dir=tmp_path)
    assert warm.origin == "cache"
    assert cache_files(tmp_path) == [written]
    assert warm.names() == cold.names()
    assert cold.source["repo"] == warm.source["repo"] == "MicrosoftDocs/office-docs-powershell"
    for name in cold.names():
        assert summary(warm.get(name)) == summary(cold.get(name)), name


def test_environment_variable_names_the_cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV_DIR, str(tmp_path / "env"))
    load_schema()
    assert len(cache_files(tmp_path / "env")) == 1
    assert load_schema().origin == "cache"


def test_default_cache_dir_is_the_platform_one(monkeypatch):
    monkeypatch.delenv(cache.ENV_DIR, raising=False)
    assert "sccshell" in cache.cache_dir()


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob: blob[: len(blob) // 2],  # truncated
        lambda blob: b"",  # empty
        lambda blob: b"garbage" * 10,  # not ours
        lambda blob: blob[:100] + bytes([blob[100] ^ 0xFF]) + blob[101:],  # one flipped byte
        lambda blob: blob[:8] + b"\0\0\0\0" + blob[12:],  # checksum wrong
    ],
)
def test_damaged_cache_falls_back_and_is_rewritten(tmp_path, damage):
    load_schema(cache_dir=tmp_path)
    [path] = cache_files(tmp_path)
    path.write_bytes(damage(path.read_bytes()))
    schema = load_schema(cache_dir=tmp_path)
    assert schema.origin == "bundle"
    assert schema.get("Get-Mailbox").parameter("Identity") is not None
    assert load_schema(cache_dir=tmp_path).origin == "cache"


def test_valid_marshal_with_another_key_is_ignored(tmp_path):
    load_schema(cache_dir=tmp_path)
    [path] = cache_files(tmp_path)
    import marshal
    import zlib

    body = marshal.dumps(("another key", {}, ()))
    path.write_bytes(cache.MAGIC + zlib.crc32(body).to_bytes(4, "little") + body)
    assert load_schema(cache_dir=tmp_path).origin == "bundle"


def test_unwritable_cache_dir(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    schema = load_schema(cache_dir=blocker / "cache")
    assert schema.origin == "bundle"
    assert schema.get("Get-Mailbox") is not None


def test_no_cache(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV_DIR, str(tmp_path))
    assert load_schema(use_cache=False).origin == "bundle"
    assert cache_files(tmp_path) == []


def test_new_data_makes_a_new_cache_and_drops_the_old(tmp_path):
    cache_dir = tmp_path / "cache"
    load_schema(cache_dir=cache_dir)
    [old] = cache_files(cache_dir)
    with gzip.open(DATA_FILE, "rb") as handle:
        document = json.loads(handle.read())
    document["cmdlets"] = document["cmdlets"][:10]
    data = tmp_path / "small.json.gz"
    data.write_bytes(compress(json.dumps(document).encode()))
    small = load_schema(data_path=data, cache_dir=cache_dir, builtins=[])
    assert len(small) == 10
    assert small.origin == "bundle"
    assert cache_files(cache_dir) != [old]
    assert load_schema(data_path=data, cache_dir=cache_dir, builtins=[]).origin == "cache"


def test_changed_builtins_source_invalidates(tmp_path, monkeypatch):
    load_schema(cache_dir=tmp_path)
    assert load_schema(cache_dir=tmp_path).origin == "cache"
    copy = tmp_path / "builtin_cmdlets.py"
    shutil.copy(loader.BUILTIN_SOURCE, copy)
    with open(copy, "a") as handle:
        handle.write("\n# edited\n")
    monkeypatch.setattr(loader, "BUILTIN_SOURCE", str(copy))
    assert load_schema(cache_dir=tmp_path).origin == "bundle"
    assert load_schema(cache_dir=tmp_path).origin == "cache"


def test_warm_load_does_not_import_the_builtins(tmp_path):
    import subprocess
    import sys

    load_schema(cache_dir=tmp_path)
    code = (
        "import sys; from sccshell.schema.loader import load_schema; "
        f"s = load_schema(cache_dir={str(tmp_path)!r}); "
        "print(s.origin, 'sccshell.schema.builtin_cmdlets' in sys.modules, s.get('Where-Object') is not None)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == [
        "cache",
        "False",
        str(bool(load_schema(use_cache=False).get("Where-Object"))),
    ]


def test_explicit_builtins_are_not_cached_with_the_bundle(tmp_path):
    fake = {"name": "Get-Fake", "module": "local", "parameters": []}
    assert load_schema(cache_dir=tmp_path, builtins=[fake]).get("Get-Fake") is not None
    again = load_schema(cache_dir=tmp_path, builtins=[])
    assert again.origin == "cache"
    assert again.get("Get-Fake") is None


def test_get_schema_is_loaded_once():
    assert loader.get_schema() is loader.get_schema()


def test_written_atomically_without_leftovers(tmp_path):
    load_schema(cache_dir=tmp_path)
    assert [p.name for p in tmp_path.iterdir() if not p.name.endswith(".bin")] == []
    assert os.path.getsize(cache_files(tmp_path)[0]) > 100_000
