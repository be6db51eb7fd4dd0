"""The cloud environment table, overrides, and where each service's token may go."""

from __future__ import annotations

import pytest

from sccshell.connection.environments import (
    ENVIRONMENTS,
    EnvironmentError_,
    environment,
    sandbox_environment,
    with_overrides,
)
from sccshell.sandbox import hosts


def test_five_environments_with_the_protocol_values():
    assert list(ENVIRONMENTS) == [
        "O365Default",
        "O365USGovGCCHigh",
        "O365USGovDoD",
        "O365GermanyCloud",
        "O365China",
    ]
    default = environment("O365Default")
    assert default.exchange_uri == "https://outlook.office365.com"
    assert default.compliance_uri == "https://ps.compliance.protection.outlook.com"
    assert default.authority == "https://login.microsoftonline.com/organizations"
    assert default.exchange_resource == "https://outlook.office365.com"
    assert default.compliance_resource == "https://ps.compliance.protection.outlook.com"
    high = environment("O365USGovGCCHigh")
    assert high.authority == "https://login.microsoftonline.us/organizations"
    assert high.exchange_resource == "https://outlook.office365.us"
    assert high.compliance_resource == "https://ps.compliance.protection.office365.us"
    dod = environment("O365USGovDoD")
    assert dod.exchange_resource == "https://outlook-dod.office365.us"
    assert dod.compliance_uri == "https://l5.ps.compliance.protection.office365.us"
    assert dod.compliance_resource == "https://ps.compliance.protection.office365.us"
    china = environment("O365China")
    assert china.exchange_uri == "https://partner.outlook.cn"
    assert china.authority == "https://login.chinacloudapi.cn/organizations"
    assert environment("O365GermanyCloud").authority == (
        "https://login.microsoftonline.de/organizations"
    )


def test_names_are_case_insensitive_and_unknown_names_listed():
    assert environment("o365default") is environment("O365DEFAULT")
    with pytest.raises(EnvironmentError_) as caught:
        environment("AzureCloud")
    assert "AzureCloud" in str(caught.value)
    for name in ENVIRONMENTS:
        assert name in str(caught.value)


@pytest.mark.parametrize("name", list(ENVIRONMENTS))
def test_each_token_goes_only_to_its_own_service(name):
    env = environment(name)
    exchange, compliance = env.exchange_uri, env.compliance_uri
    assert env.allows(exchange + "/adminapi/beta/t/InvokeCommand", "exchange")
    assert env.allows(compliance + "/adminapi/beta/t/InvokeCommand", "compliance")
    assert not env.allows(compliance + "/adminapi/beta", "exchange")
    assert not env.allows(exchange + "/adminapi/beta", "compliance")
    assert not env.allows("https://evil.example/adminapi/beta", "exchange")
    assert not env.allows("https://evil.example/adminapi/beta", "compliance")
    assert not env.allows(exchange.replace("https", "http"), "exchange")
    assert not env.allows(exchange + ":444/", "exchange")
    # A look-alike that only ends with the host's text is not a subdomain.
    assert not env.allows("https://evil" + exchange.split("//")[1], "exchange")
    assert not env.allows(exchange + ".evil.example/", "exchange")


def test_commercial_subdomains():
    env = environment("O365Default")
    assert env.allows("https://nam12b.ps.compliance.protection.outlook.com/x", "compliance")
    assert env.allows("https://NAM12B.outlook.office365.com/x", "exchange")
    # The redirect names admin.protection.outlook.com; a token is never sent there.
    assert not env.allows("https://nam12b.admin.protection.outlook.com/x", "compliance")
    assert not env.allows("https://protection.outlook.com/x", "compliance")
    assert not env.allows("https://outlook.office365.com.evil.example/", "exchange")
    assert not env.allows("not a url", "exchange")
    with pytest.raises(ValueError):
        env.allows("https://outlook.office365.com", "graph")


def test_overrides_need_absolute_https():
    env = environment("O365Default")
    changed = with_overrides(
        env,
        connection_uri="https://outlook.contoso-proxy.example/PowerShell-LiveID/",
        authority="https://login.microsoftonline.com/contoso.onmicrosoft.com/",
    )
    assert changed.exchange_uri == "https://outlook.contoso-proxy.example"
    assert changed.authority == "https://login.microsoftonline.com/contoso.onmicrosoft.com"
    assert changed.allows("https://outlook.contoso-proxy.example/x", "exchange")
    assert not changed.allows("https://outlook.contoso-proxy.example/x", "compliance")
    assert changed.exchange_resource == env.exchange_resource
    compliance = with_overrides(
        env, connection_uri="https://other.example:8443", service="compliance"
    )
    assert compliance.compliance_uri == "https://other.example:8443"
    assert compliance.allows("https://other.example:8443/a", "compliance")
    assert not compliance.allows("https://other.example/a", "compliance")
    assert with_overrides(env) is env
    for bad in ("http://outlook.office365.com", "outlook.office365.com", "/powershell", ""):
        with pytest.raises(EnvironmentError_) as caught:
            with_overrides(env, connection_uri=bad)
        assert str(caught.value) == f"Invalid ConnectionUri parameter '{bad}'"
    with pytest.raises(EnvironmentError_) as caught:
        with_overrides(env, authority="http://login.example/organizations")
    assert str(caught.value) == (
        "Invalid AzureADAuthorizationEndpointUri parameter 'http://login.example/organizations'"
    )


def test_sandbox_in_process():
    env = sandbox_environment()
    assert env.authority == "https://login.sandbox.test/organizations"
    assert env.exchange_uri == "https://outlook.sandbox.test"
    assert env.compliance_uri == "https://ps.compliance.sandbox.test"
    assert env.exchange_resource == hosts.EXCHANGE_RESOURCE
    assert env.compliance_resource == hosts.COMPLIANCE_RESOURCE
    assert env.allows(f"https://{hosts.COMPLIANCE_REGION}/adminapi/beta", "compliance")
    assert not env.allows(f"https://{hosts.COMPLIANCE_REGION}/adminapi/beta", "exchange")
    assert not env.allows("https://evil.example/", "exchange")


def test_sandbox_on_loopback_compares_ports():
    env = sandbox_environment(
        {
            "login": "https://localhost:5001",
            "exchange": "https://localhost:5002",
            "compliance": "https://localhost:5003",
            "compliance_region": "https://localhost:5004",
            "exchange_resource": hosts.EXCHANGE_RESOURCE,
            "compliance_resource": hosts.COMPLIANCE_RESOURCE,
        }
    )
    assert env.authority == "https://localhost:5001/organizations"
    assert env.allows("https://localhost:5002/adminapi/beta", "exchange")
    assert not env.allows("https://localhost:5003/adminapi/beta", "exchange")
    assert env.allows("https://localhost:5004/adminapi/beta", "compliance")
    assert not env.allows("https://localhost:5001/organizations", "compliance")
    assert not env.allows("https://localhost/adminapi/beta", "exchange")
    assert env.exchange_resource == hosts.EXCHANGE_RESOURCE


def test_search_only_audience() -> None:
    from sccshell.connection.environments import EnvironmentError_, environment

    commercial = environment("O365Default")
    assert commercial.resource("compliance", search_only=True) == (
        "https://dataservice.o365filtering.com"
    )
    assert commercial.resource("exchange", search_only=True) == commercial.exchange_resource
    with pytest.raises(EnvironmentError_, match="not known in O365USGovGCCHigh"):
        environment("O365USGovGCCHigh").resource("compliance", search_only=True)
