"""sccshell's own connection layer against the sandbox served over TLS on loopback:
device code, certificate and managed identity sign-in, paging and the compliance redirect."""

from __future__ import annotations

import pytest

from sccshell.connection import auth
from sccshell.connection.connect import build_http, open_connection
from sccshell.connection.environments import sandbox_environment

ORGANIZATION = "contoso.onmicrosoft.com"


@pytest.fixture
def served(serve):
    return serve("--mailboxes", "25", "--auto-approve").info


def test_device_sign_in_paging_and_redirect_over_tls(served, schema) -> None:
    env = sandbox_environment(served)
    shown: list[str] = []
    with build_http(ca_bundle=served["ca_file"]) as http:
        exchange_source = auth.sign_in_device(
            env.authority, env.resource("exchange"), http, prompt=shown.append
        )
        assert shown and "code" in shown[0].lower()
        exchange = open_connection(env, "exchange", exchange_source, http, schema, use_cache=False)
        mailboxes = list(exchange.client.invoke("Get-Mailbox", {}, result_size="Unlimited"))
        assert len(mailboxes) >= 25
        compliance_source = auth.sign_in_device(
            env.authority, env.resource("compliance"), http, prompt=shown.append
        )
        compliance = open_connection(
            env, "compliance", compliance_source, http, schema, use_cache=False
        )
        assert compliance.current_uri() == served["compliance_region"]
        labels = list(compliance.client.invoke("Get-Label", {}))
        assert labels


def test_certificate_sign_in_over_tls(served, schema) -> None:
    env = sandbox_environment(served)
    cert = served["app_certificate"]
    with build_http(ca_bundle=served["ca_file"]) as http:
        source = auth.sign_in_certificate(
            env.authority,
            env.resource("exchange"),
            http,
            served["app_id"],
            ORGANIZATION,
            pfx_path=cert["pfx"],
            pfx_password=cert["pfx_password"],
        )
        assert source.is_app
        connection = open_connection(
            env, "exchange", source, http, schema, organization=ORGANIZATION, use_cache=False
        )
        domains = list(connection.client.invoke("Get-AcceptedDomain", {}))
        assert {d["DomainName"] for d in domains} >= {ORGANIZATION}


def test_managed_identity_over_loopback(served, schema, monkeypatch) -> None:
    env = sandbox_environment(served)
    monkeypatch.setenv("IDENTITY_ENDPOINT", served["identity_endpoint"])
    monkeypatch.setenv("IDENTITY_HEADER", served["identity_header"])
    with build_http(ca_bundle=served["ca_file"]) as http:
        source = auth.sign_in_managed_identity(env.resource("exchange"), http)
        connection = open_connection(
            env, "exchange", source, http, schema, organization=ORGANIZATION, use_cache=False
        )
        assert list(connection.client.invoke("Get-Mailbox", {}, result_size=3))
