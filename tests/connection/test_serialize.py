"""Parameter serialization (protocol §2.5) and secrets the sandbox can decrypt."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from test_client_helpers import invoke_entries, make_client

from sccshell.connection.serialize import (
    Credential,
    MissingKeyError,
    SecureValue,
    format_timespan,
    public_key_from_module,
    serialize_parameters,
)
from sccshell.sandbox.core import Sandbox, SandboxConfig


@pytest.fixture(scope="module")
def sandbox():
    return Sandbox(SandboxConfig(mailboxes=50))


def test_plain_values():
    out = serialize_parameters(
        {
            "None": None,
            "Switch": True,
            "Off": False,
            "Count": 5,
            "Ratio": 1.5,
            "Name": "a",
            "Names": ["a", "b"],
            "When": datetime(2024, 5, 1, 12, 30, 15, 999, tzinfo=timezone(timedelta(hours=2))),
            "Span": timedelta(days=1, hours=2, minutes=3, seconds=4),
            "Empty": "",
        },
        None,
    )
    assert out == {
        "None": None,
        "Switch": True,
        "Off": False,
        "Count": 5,
        "Ratio": 1.5,
        "Name": "a",
        "Names": ["a", "b"],
        "When": "2024-05-01T10:30:15",
        "Span": "1.02:03:04",
        "Empty": "",
    }


def test_timespans():
    assert format_timespan(timedelta(days=14)) == "14.00:00:00"
    assert format_timespan(timedelta(minutes=5)) == "00:05:00"
    assert format_timespan(timedelta(seconds=1, microseconds=500)) == "00:00:01.0005000"
    assert format_timespan(-timedelta(hours=1)) == "-01:00:00"


def test_hashtables_and_bytes():
    out = serialize_parameters(
        {
            "EmailAddresses": {"Add": ["a", "b"], "Remove": "c", "Nested": {"x": 1}},
            "Rules": [{"a": 1}, {"b": 2}],
            "Photo": b"\x00\x01\xff",
            "Files": [b"ab", b"c"],
        },
        None,
    )
    assert out["EmailAddresses"] == {
        "Add": ["a", "b"],
        "Remove": "c",
        "Nested": {"x": 1, "@odata.type": "#Exchange.GenericHashTable"},
        "@odata.type": "#Exchange.GenericHashTable",
    }
    assert out["Rules"] == [
        {"a": 1, "@odata.type": "#Exchange.GenericHashTable"},
        {"b": 2, "@odata.type": "#Exchange.GenericHashTable"},
    ]
    assert out["Rules@odata.type"] == "#Collection(Exchange.GenericHashTable)"
    assert out["Photo"] == {"@odata.type": "#Exchange.ByteArrayType", "Data": [0, 1, 255]}
    assert out["Files"] == [{"Data": [97, 98]}, {"Data": [99]}]
    assert out["Files@odata.type"] == "#Collection(Exchange.ByteArrayType)"


def test_filters_substitute_booleans():
    out = serialize_parameters(
        {
            "Filter": "HiddenFromAddressListsEnabled -eq $true -and X -ne $False",
            "RecipientFilter": "A -eq $TRUE",
            "Identity": "$true",
        },
        None,
    )
    assert out["Filter"] == "HiddenFromAddressListsEnabled -eq 'True' -and X -ne 'False'"
    assert out["RecipientFilter"] == "A -eq 'True'"
    assert out["Identity"] == "$true"


def test_secret_never_prints():
    secret = SecureValue("P@ssw0rd!")
    assert str(secret) == repr(secret) == f"{secret}" == "System.Security.SecureString"
    assert "P@ss" not in repr(Credential("u", secret))


def test_secrets_need_a_key():
    with pytest.raises(MissingKeyError, match="Required resource is not available"):
        serialize_parameters({"Password": SecureValue("x")}, None)
    assert serialize_parameters({"Password": SecureValue("")}, None) == {"Password": ""}


def test_secrets_decrypt_with_the_sandbox_key(sandbox):
    key = sandbox.rest.key
    out = serialize_parameters(
        {"Password": SecureValue("P@ssw0rd!"), "Credential": Credential("u@x", SecureValue("pw"))},
        key.public_xml(),
    )
    assert key.decrypt(out["Password"]) == "P@ssw0rd!"
    assert key.decrypt_credential(out["Credential"]) == {"UserName": "u@x", "Password": "pw"}


def test_public_key_from_module_file_and_new_mailbox(sandbox):
    client, _, _ = make_client(sandbox)
    data = client.module_file()
    assert client.public_key == sandbox.rest.key.public_xml()
    assert public_key_from_module(data["value"][0]["fileContent"]) == client.public_key
    created = list(
        client.invoke(
            "New-Mailbox",
            {
                "Name": "Serialized User",
                "MicrosoftOnlineServicesID": "serialized@contoso.onmicrosoft.com",
                "Password": SecureValue("Secret-123"),
            },
        )
    )
    assert created and created[0]["Name"] == "Serialized User"
    sent = json.loads(invoke_entries(sandbox)[-1].body)["CmdletInput"]["Parameters"]["Password"]
    assert "Secret-123" not in sent
    assert sandbox.rest.key.decrypt(sent) == "Secret-123"
