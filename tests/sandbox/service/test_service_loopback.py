"""The REST front end over real sockets and TLS (SandboxServer): URLs say https://localhost:PORT.

Protocol §1.2 (redirect), §1.4 (banner path with quotes), §2.7 ($batch), §3.3 (nextLink), §3.4.
"""

from __future__ import annotations

import ssl

import httpx
import pytest
from service_helpers import body, module_headers

from sccshell.sandbox import hosts
from sccshell.sandbox.core import Sandbox
from sccshell.sandbox.server import SandboxServer
from sccshell.sandbox.service.errors import NUL_BODY
from sccshell.sandbox.tls import create_tls_files


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    sandbox = Sandbox()
    tls = create_tls_files(tmp_path_factory.mktemp("tls"))
    with (
        SandboxServer(sandbox, tls) as server,
        httpx.Client(verify=ssl.create_default_context(cafile=str(tls.ca_file))) as client,
    ):
        yield sandbox, server, client


def _token(sandbox, resource=hosts.EXCHANGE_RESOURCE):
    return sandbox.tokens.mint_for(sandbox.directory.admin, resource)


def test_banner_path_with_quotes_over_tls(served):
    sandbox, _, client = served
    url = (
        sandbox.url_for(hosts.EXCHANGE)
        + f"/adminapi/beta/{hosts.TENANT_ID}/EXOBanner('AutogenSession')?Version=3.10.1"
    )
    response = client.get(url, headers={"Authorization": f"Bearer {_token(sandbox)}"})
    assert response.status_code == 200
    assert response.json()["@odata.context"].startswith(sandbox.url_for(hosts.EXCHANGE) + "/")


def test_redirect_points_at_the_served_region(served):
    sandbox, _, client = served
    url = (
        sandbox.url_for(hosts.COMPLIANCE)
        + f"/AdminApi/v1.0/{hosts.TENANT_ID}/EXOModuleFile?Version=3.2.0"
    )
    response = client.get(url)
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith("https://localhost:") and location.endswith(
        "/EXOModuleFile?Version=3.2.0"
    )
    token = _token(sandbox, hosts.COMPLIANCE_RESOURCE)
    assert client.get(location, headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_nul_403_survives_the_socket(served):
    sandbox, _, client = served
    url = sandbox.url_for(hosts.EXCHANGE) + f"/adminapi/beta/{hosts.TENANT_ID}/InvokeCommand"
    headers = module_headers(_token(sandbox), "Get-Nothing")
    with client.stream("POST", url, json=body("Get-Nothing"), headers=headers) as response:
        assert response.status_code == 403
        assert response.headers["Content-Encoding"] == "gzip"
        assert b"".join(response.iter_raw()) == NUL_BODY


def test_batch_over_tls(served):
    sandbox, _, client = served
    base = sandbox.url_for(hosts.EXCHANGE) + f"/adminapi/beta/{hosts.TENANT_ID}"
    token = _token(sandbox)
    member = {
        "id": "0",
        "method": "POST",
        "url": base + "/InvokeCommand",
        "headers": module_headers(token, "Get-Nothing"),
        "body": body("Get-Nothing"),
    }
    response = client.post(
        base + "/$batch", json={"requests": [member]}, headers=module_headers(token)
    )
    assert response.status_code == 200
    assert response.json()["responses"][0]["status"] == 403
