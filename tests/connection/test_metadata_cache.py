"""The ModuleInfo disk cache: round trip, file modes, atomic writes, damaged files ignored."""

from __future__ import annotations

import json
import os
import stat

import pytest

from sccshell.connection import metadata_cache
from sccshell.connection.metadata import read_module
from sccshell.connection.metadata_cache import CacheKey, cache_file, load_cached, store

MODULE = """\
$PublicKey = '<RSAKeyValue><Modulus>AQAB</Modulus><Exponent>AQAB</Exponent></RSAKeyValue>'
function Execute-Command { param($CmdletName) }
# .ExternalHelp Microsoft.Exchange.Test-Help.xml
function script:Set-Thing
{
    [CmdletBinding(DefaultParameterSetName='Identity', SupportsShouldProcess=$true, ConfirmImpact='Medium')]
    param(
    [Parameter(ParameterSetName='Identity', Mandatory=$true, Position=0, ValueFromPipelineByPropertyName=$true)]
    ${Identity},

    [Parameter(ParameterSetName='Other', Mandatory)]
    [Alias('N')]
    [ValidateSet('a','b')]
    [string]
    ${Name},

    [System.Object[]]
    ${Members}
    )
    Process { Execute-Command -CmdletName 'Set-Thing' -Parameters $PSBoundParameters }
}
function script:Get-Hidden { param() }
Export-ModuleMember -Function @("Set-Thing")
"""

KEY = CacheKey("O365Default", "6F3C8A52-1D4B-4E8F-9A7C-2B5D0E9F1A34", "exchange", "Admin@Contoso")


@pytest.fixture
def info():
    return read_module(MODULE)


def test_read_small_module(info):
    assert info.names() == ("Set-Thing",)  # not exported: Get-Hidden; helpers: not cmdlets
    assert info.public_key.startswith("<RSAKeyValue>")
    thing = info.get("set-thing")
    assert thing.default_parameter_set == "Identity"
    assert thing.supports_should_process and thing.confirm_impact == "Medium"
    assert thing.help_file == "Microsoft.Exchange.Test-Help.xml"
    identity, name, members = thing.parameters
    assert identity.memberships[0].mandatory and identity.memberships[0].by_property_name
    assert not identity.memberships[0].by_value
    assert name.aliases == ("N",) and name.accepted_values == ("a", "b")
    assert name.memberships[0].mandatory and name.type == "string"
    assert members.type == "System.Object[]" and members.memberships == ()


def test_round_trip(info, tmp_path):
    path = store(KEY, info, tmp_path)
    assert path == cache_file(KEY, tmp_path)
    loaded = load_cached(KEY, tmp_path)
    assert loaded == info
    # Case of tenant id and identity does not make another entry.
    same = CacheKey(KEY.environment, KEY.tenant_id.lower(), KEY.service, KEY.identity.lower())
    assert load_cached(same, tmp_path) == info
    assert load_cached(KEY._replace(service="compliance"), tmp_path) is None


def test_file_modes(info, tmp_path):
    old = os.umask(0o022)
    try:
        path = store(KEY, info, tmp_path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode) == 0o700
    assert os.path.basename(os.path.dirname(path)) == "metadata"
    # No temporary file is left behind.
    assert os.listdir(os.path.dirname(path)) == [os.path.basename(path)]


def test_default_dir_is_the_cache_dir(info, tmp_path, monkeypatch):
    monkeypatch.setenv("SCCSHELL_CACHE_DIR", str(tmp_path / "env"))
    path = store(KEY, info)
    assert path.startswith(str(tmp_path / "env" / "metadata"))
    assert load_cached(KEY) == info


def test_rewrite_replaces(info, tmp_path):
    store(KEY, info, tmp_path)
    newer = type(info)(functions={}, public_key=None, exported=(), fetched_at=info.fetched_at + 1)
    store(KEY, newer, tmp_path)
    assert load_cached(KEY, tmp_path) == newer


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{not json",
        b"[]",
        b'{"format": 1}',
        b'{"format": 99, "key": [], "functions": []}',
    ],
)
def test_damaged_cache_is_ignored(info, tmp_path, damage):
    path = store(KEY, info, tmp_path)
    with open(path, "wb") as handle:
        handle.write(damage)
    assert load_cached(KEY, tmp_path) is None


def test_truncated_and_foreign_files_are_ignored(info, tmp_path):
    path = store(KEY, info, tmp_path)
    with open(path, "rb") as handle:
        blob = handle.read()
    with open(path, "wb") as handle:
        handle.write(blob[: len(blob) // 2])
    assert load_cached(KEY, tmp_path) is None
    # A file holding another key's data (a hash collision, a copied file) is a miss.
    document = json.loads(blob)
    document["key"] = ["other"]
    with open(path, "w") as handle:
        json.dump(document, handle)
    assert load_cached(KEY, tmp_path) is None
    # A damaged function row is a miss too.
    document = json.loads(blob)
    document["functions"][0][5][0] = ["Identity"]
    document["functions"][0][5][1] = 7
    with open(path, "w") as handle:
        json.dump(document, handle)
    assert load_cached(KEY, tmp_path) is None


def test_unwritable_dir_is_not_an_error(info, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert store(KEY, info, blocker) is None


def test_compact_form(info):
    document = metadata_cache.encode(info)
    assert metadata_cache.decode(json.loads(json.dumps(document))) == info
    members = document["functions"][0][5][2]
    assert members == ["Members", "System.Object[]"]  # defaults are left out
