"""InvokeCommand: request checks, parameters, confirmation, success and error shapes.

Protocol §2.1–2.6, §3.1, §3.2, §3.4.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime

import pytest
from service_helpers import (
    NOT_FOUND,
    READER_OID,
    body,
    invoke_url,
    module_headers,
    post_raw,
    raw_body,
    user_token,
)

from sccshell.sandbox import hosts
from sccshell.sandbox.service.errors import NUL_BODY
from sccshell.sandbox.service.rsakey import encrypt_with_xml

ODATA_JSON = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8"


def _invoke(client, token, cmdlet, headers=None, url=None, **parameters):
    sent = module_headers(token, cmdlet)
    sent.update(headers or {})
    return client.post(url or invoke_url(), json=body(cmdlet, **parameters), headers=sent)


def _detail(response) -> str:
    return response.json()["error"]["details"][0]["message"]


# --- §3.1 success body and headers ------------------------------------------------------


def test_success_envelope(client, token):
    response = _invoke(client, token, "Get-Mailbox", Identity="user0007")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == ODATA_JSON
    assert response.headers["OData-Version"] == "4.0"
    payload = response.json()
    assert list(payload) == [
        "@odata.context",
        "adminapi.warnings@odata.type",
        "@adminapi.warnings",
        "value",
    ]
    assert payload["adminapi.warnings@odata.type"] == "#Collection(String)"
    assert payload["@adminapi.warnings"] == []
    assert payload["value"][0]["Identity"] == "user0007"
    assert payload["value"][0]["Guid@odata.type"] == "#Guid"


def test_success_headers(client, token):
    response = _invoke(client, token, "Get-Mailbox", Identity="user0007")
    headers = response.headers
    uuid.UUID(headers["request-id"])
    assert headers["X-CalculatedBETarget"].endswith(".prod.outlook.com")
    assert headers["X-FEServer"]
    assert headers["X-BackEndHttpStatus"] == "200"
    assert headers["Rate-Limit-Limit"] == "30000"
    datetime.strptime(headers["Rate-Limit-Reset"][:19], "%Y-%m-%dT%H:%M:%S")
    assert headers["X-ConcurrencyCount"] == "1"
    assert "odata.maxpagesize=1000" in headers["Preference-Applied"]
    assert headers["Date"].endswith("GMT")


def test_rate_limit_remaining_counts_down_per_caller(client, sandbox, token):
    first = int(
        _invoke(client, token, "Get-Mailbox", Identity="user0001").headers["Rate-Limit-Remaining"]
    )
    second = int(
        _invoke(client, token, "Get-Mailbox", Identity="user0001").headers["Rate-Limit-Remaining"]
    )
    other = user_token(sandbox, oid=READER_OID)
    theirs = int(
        _invoke(client, other, "Get-Mailbox", Identity="user0001").headers["Rate-Limit-Remaining"]
    )
    assert second == first - 1
    assert theirs == 29999


def test_rate_limit_window_resets(client, sandbox, token):
    _invoke(client, token, "Get-Mailbox", Identity="user0001")
    sandbox.clock.advance(3600)
    fresh = user_token(sandbox)  # the old token expired with the hour
    assert (
        _invoke(client, fresh, "Get-Mailbox", Identity="user0001").headers["Rate-Limit-Remaining"]
        == "29999"
    )


def test_no_preference_applied_without_prefer(client, token):
    headers = module_headers(token, "Get-Mailbox")
    del headers["Prefer"]
    response = client.post(
        invoke_url(), json=body("Get-Mailbox", Identity="user0001"), headers=headers
    )
    assert response.status_code == 200
    assert "Preference-Applied" not in response.headers


def test_select_trims_properties_and_keeps_their_annotations(client, token):
    # protocol §2.1: ?$select=Prop1,Prop2
    url = invoke_url() + "?$select=Name,Guid"
    response = _invoke(client, token, "Get-Mailbox", url=url, Identity="user0003")
    assert response.json()["value"] == [
        {"Name": "user0003", "Guid@odata.type": "#Guid", "Guid": str(uuid.UUID(int=3))}
    ]


# --- §2.1 / §2.2 request checks -------------------------------------------------------------


def test_cmdlet_names_are_case_insensitive(client, sandbox, token):
    # protocol §2.1: "get-mailbox" works; the tenant sees the schema's spelling
    response = _invoke(client, token, "get-MAILBOX", Identity="user0001")
    assert response.status_code == 200
    assert sandbox.tenant.calls[-1].cmdlet == "Get-Mailbox"


def test_parameter_names_reach_the_tenant_as_the_schema_spells_them(client, sandbox, token):
    _invoke(client, token, "Get-Mailbox", identity="user0001")
    assert sandbox.tenant.calls[-1].parameters == {"Identity": "user0001"}


def test_minimal_third_party_request_works(client, token):
    # protocol §2.2: the service accepts requests without X-ResponseFormat / X-CmdletName
    response = client.post(
        invoke_url(),
        json=body("Get-Mailbox", Identity="user0001"),
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200


def test_clixml_is_not_implemented(client, token):
    # protocol §2.2, §3.1: sccshell asks for json; the sandbox does not do CLIXML
    response = _invoke(client, token, "Get-Mailbox", headers={"X-ResponseFormat": "clixml"})
    assert response.status_code == 400
    assert "clixml is not implemented by the sandbox" in _detail(response)


def test_x_cmdlet_name_must_match_the_body(client, token):
    response = _invoke(client, token, "Get-Mailbox", headers={"X-CmdletName": "Set-Mailbox"})
    assert response.status_code == 400
    assert "X-CmdletName" in _detail(response)


@pytest.mark.parametrize("header", ["client-request-id", "connection-id"])
def test_ids_must_be_guids(client, token, header):
    response = _invoke(client, token, "Get-Mailbox", headers={header: "not-a-guid"})
    assert response.status_code == 400
    assert header in _detail(response)


@pytest.mark.parametrize(
    "prefer", ["odata.maxpagesize=0", "odata.maxpagesize=1001", "odata.maxpagesize=x"]
)
def test_page_size_must_be_1_to_1000(client, token, prefer):
    response = _invoke(client, token, "Get-Mailbox", headers={"Prefer": prefer})
    assert response.status_code == 400


@pytest.mark.parametrize(
    "anchor",
    [
        f"UPN:admin@{hosts.TENANT_DOMAIN}",
        f"APP:SystemMailbox{{bb558c35-97f1-4cb9-8ff7-d53741dc928c}}@{hosts.TENANT_ID}",
        f"UPN:SystemMailbox{{bb558c35-97f1-4cb9-8ff7-d53741dc928c}}@{hosts.TENANT_DOMAIN}",
        f"UPN:OAuthUser@{hosts.TENANT_DOMAIN}",
        f"TID:{hosts.TENANT_ID}",
        "SMTP:user0001@contoso.onmicrosoft.com",
        f"MBX:0d9e4a1c-5b7f-4c2e-8a3d-6f1e2b9c7a50@{hosts.TENANT_ID}",
    ],
)
def test_anchor_forms_are_accepted(client, token, anchor):
    # protocol §2.3: the routing hints seen in use
    response = _invoke(
        client, token, "Get-Mailbox", headers={"X-AnchorMailbox": anchor}, Identity="user0001"
    )
    assert response.status_code == 200


def test_malformed_anchor_is_refused(client, token):
    response = _invoke(client, token, "Get-Mailbox", headers={"X-AnchorMailbox": "admin@contoso"})
    assert response.status_code == 400


def test_json_content_type_is_required(client, token):
    headers = module_headers(token, "Get-Mailbox", **{"Content-Type": "text/plain"})
    response = client.post(invoke_url(), content=json.dumps(body("Get-Mailbox")), headers=headers)
    assert response.status_code == 415


def test_content_type_with_charset_is_fine(client, token):
    # CIPP sends application/json; charset=utf-8
    headers = module_headers(
        token, "Get-Mailbox", **{"Content-Type": "application/json; charset=utf-8"}
    )
    response = client.post(
        invoke_url(), json=body("Get-Mailbox", Identity="user0001"), headers=headers
    )
    assert response.status_code == 200


def test_accept_must_allow_json(client, token):
    response = _invoke(client, token, "Get-Mailbox", headers={"Accept": "application/xml"})
    assert response.status_code == 406


@pytest.mark.parametrize("payload", [b"not json", b"{}", b'{"CmdletInput":{"Parameters":{}}}'])
def test_malformed_body_is_400(client, token, payload):
    response = client.post(invoke_url(), content=payload, headers=module_headers(token))
    assert response.status_code == 400


# --- §3.4 unknown cmdlets, roles, parameters, cmdlet errors -------------------------------


def test_unknown_cmdlet_on_exchange_is_403_with_nul_bytes_labelled_gzip(client, token):
    response = post_raw(
        client, invoke_url(), json=body("Get-Nothing"), headers=module_headers(token, "Get-Nothing")
    )
    assert response.status_code == 403
    assert response.headers["Content-Encoding"] == "gzip"
    assert raw_body(response) == NUL_BODY


@pytest.mark.parametrize("cmdlet", ["Get-EXOMailbox", "Connect-ExchangeOnline", "Where-Object"])
def test_module_and_local_cmdlets_are_not_served(client, token, cmdlet):
    # protocol §4/§6: the module's compiled cmdlets and sccshell's own are not server cmdlets
    response = post_raw(client, invoke_url(), json=body(cmdlet), headers=module_headers(token))
    assert response.status_code == 403
    assert raw_body(response) == NUL_BODY


def test_compliance_only_cmdlet_is_unknown_on_exchange(client, token):
    response = post_raw(
        client, invoke_url(), json=body("Get-ComplianceSearch"), headers=module_headers(token)
    )
    assert response.status_code == 403
    assert raw_body(response) == NUL_BODY


def test_unknown_cmdlet_on_compliance_is_403_json_naming_it(client, sandbox):
    token = user_token(sandbox, aud=hosts.COMPLIANCE_RESOURCE)
    url = invoke_url(host=hosts.COMPLIANCE_REGION)
    response = client.post(url, json=body("Get-Mailbox"), headers=module_headers(token))
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "Forbidden"
    assert "'Get-Mailbox'" in _detail(response)


def test_cmdlet_outside_the_callers_roles_is_403_nul(client, sandbox):
    # protocol §3.4: a missing role answers like an unknown cmdlet
    token = user_token(sandbox, oid=READER_OID)
    allowed = _invoke(client, token, "Get-Mailbox", Identity="user0001")
    refused = post_raw(
        client,
        invoke_url(),
        json=body("Set-Mailbox", Identity="user0001"),
        headers=module_headers(token),
    )
    assert allowed.status_code == 200
    assert refused.status_code == 403
    assert raw_body(refused) == NUL_BODY


def test_unknown_parameter_is_400_naming_it(client, sandbox, token):
    # protocol §2.5, §3.4: checked before the tenant runs anything
    response = _invoke(client, token, "Get-Mailbox", Frobnicate=True)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "BadRequest"
    assert "'Frobnicate'" in _detail(response)
    assert (
        response.headers["x-ExceptionType"]
        == "System.Management.Automation.ParameterBindingException"
    )
    assert sandbox.tenant.calls == []


def test_on_premises_only_parameter_is_unknown(client, token):
    # Get-Mailbox -Server exists only in Exchange Server
    response = _invoke(client, token, "Get-Mailbox", Server="EX01")
    assert response.status_code == 400


def test_common_parameters_and_annotations_are_accepted(client, sandbox, token):
    # protocol §2.5: common parameters are sent as strings; "<P>@odata.type" sits beside values
    parameters = {
        "Identity": "user0001",
        "ErrorAction": "Stop",
        "WarningAction": "SilentlyContinue",
        "Verbose": "False",
    }
    response = _invoke(client, token, "Get-Mailbox", **parameters)
    assert response.status_code == 200
    assert sandbox.tenant.calls[-1].parameters == {"Identity": "user0001"}


def test_hashtable_values_lose_their_odata_type(client, sandbox, token):
    # protocol §2.5: hashtables carry "@odata.type": "#Exchange.GenericHashTable"
    value = {
        "@odata.type": "#Exchange.GenericHashTable",
        "Add": ["a@contoso.com"],
        "Remove": ["b@contoso.com"],
    }
    response = _invoke(client, token, "Set-Mailbox", Identity="user0001", EmailAddresses=value)
    assert response.status_code == 200
    assert sandbox.tenant.calls[-1].parameters["EmailAddresses"] == {
        "Add": ["a@contoso.com"],
        "Remove": ["b@contoso.com"],
    }


def test_filters_and_dates_pass_through(client, sandbox, token):
    # protocol §2.5: Filter arrives with 'True'/'False'; dates as yyyy-MM-ddTHH:mm:ss UTC
    _invoke(client, token, "Get-Mailbox", Filter="HiddenFromAddressListsEnabled -eq 'True'")
    assert (
        sandbox.tenant.calls[-1].parameters["Filter"] == "HiddenFromAddressListsEnabled -eq 'True'"
    )


def test_cmdlet_error_envelope(client, token):
    # protocol §3.4
    response = _invoke(client, token, "Get-Mailbox", Identity="nobody")
    assert response.status_code == 404
    assert response.headers["x-ExceptionType"] == NOT_FOUND
    uuid.UUID(response.headers["request-id"])
    payload = response.json()
    error = payload["error"]
    assert error["code"] == "NotFound"
    assert error["message"] == "Error executing cmdlet"
    assert error["details"][0]["code"] == "Context"
    assert error["details"][0]["target"] == "nobody"
    stamp, exception_type, message = error["details"][0]["message"].split("|")
    assert (stamp, exception_type) == ("Ex6F9304", NOT_FOUND)
    assert "'nobody'" in message
    assert (
        error["innererror"]["type"] == "Microsoft.Exchange.Admin.OData.Core.ODataServiceException"
    )
    inner = error["innererror"]["internalexception"]
    assert inner["message"] == message
    assert (
        inner["type"]
        == "Microsoft.Exchange.Management.PSDirectInvoke.DirectInvokeCmdletExecutionException"
    )
    assert payload["adminapi.warnings@odata.type"] == "#Collection(String)"
    assert payload["@adminapi.warnings"] == []


def test_schema_cmdlet_the_tenant_lacks_gives_the_tenants_error(client, token):
    response = _invoke(client, token, "Get-AcceptedDomain")
    assert response.status_code == 501
    assert response.headers["x-ExceptionType"] == "System.NotImplementedException"


def test_warnings_and_non_terminating_errors(client, token):
    # protocol §3.2: @adminapi.warnings and @adminapi.errors inside a 200
    payload = _invoke(client, token, "Get-Recipient").json()
    assert payload["@adminapi.warnings"] == ["Recipient user0002 has an invalid address."]
    assert payload["@adminapi.errors"] == ["The recipient user0003 is corrupt."]


# --- §2.5 encrypted parameters ---------------------------------------------------------------


def _public_key(sandbox) -> str:
    return sandbox.rest.key.public_xml()


def test_secure_string_is_decrypted_for_the_tenant(client, sandbox, token):
    # protocol §2.5: RSA PKCS#1 v1.5 with the module's $PublicKey, base64
    secret = encrypt_with_xml(_public_key(sandbox), "P@ssw0rd!")
    response = _invoke(
        client,
        token,
        "New-Mailbox",
        Name="Ann",
        Password=secret,
        MicrosoftOnlineServicesID="ann@contoso.com",
    )
    assert response.status_code == 200
    assert sandbox.tenant.calls[-1].parameters["Password"] == "P@ssw0rd!"


def test_credential_is_decrypted_into_user_name_and_password(client, sandbox, token):
    plain = json.dumps({"UserName": "CONTOSO\\mover", "Password": "s3cret"}, separators=(",", ":"))
    secret = encrypt_with_xml(_public_key(sandbox), plain)
    response = _invoke(
        client, token, "New-MoveRequest", Identity="user0001", RemoteCredential=secret
    )
    assert response.status_code == 200
    assert sandbox.tenant.calls[-1].parameters["RemoteCredential"] == {
        "UserName": "CONTOSO\\mover",
        "Password": "s3cret",
    }


@pytest.mark.parametrize("value", ["", None])
def test_empty_and_null_secrets_pass_through(client, sandbox, token, value):
    _invoke(client, token, "Set-Mailbox", Identity="user0001", Password=value)
    assert sandbox.tenant.calls[-1].parameters["Password"] == value


@pytest.mark.parametrize("value", ["P@ssw0rd!", "bm90IGEgY2lwaGVydGV4dA=="])
def test_plaintext_or_foreign_ciphertext_is_400(client, sandbox, token, value):
    response = _invoke(client, token, "Set-Mailbox", Identity="user0001", Password=value)
    assert response.status_code == 400
    assert "'Password' could not be decrypted" in _detail(response)
    assert sandbox.tenant.calls == []


def test_byte_arrays_become_bytes(client, sandbox, token):
    # protocol §2.5: byte[] is {"@odata.type":"#Exchange.ByteArrayType","Data":[…]}
    data = {"@odata.type": "#Exchange.ByteArrayType", "Data": [80, 75, 3, 4]}
    _invoke(client, token, "New-MigrationBatch", Name="b1", CSVData=data)
    assert sandbox.tenant.calls[-1].parameters["CSVData"] == b"PK\x03\x04"


# --- §2.6 confirmation ----------------------------------------------------------------------


def test_confirm_true_describes_and_runs_nothing(client, sandbox, token):
    response = _invoke(client, token, "Remove-Mailbox", Identity="user0001", Confirm=True)
    assert response.status_code == 200
    payload = response.json()
    assert payload["value"] == []
    assert payload["@adminapi.confirmationmessage"] == 'Remove-Mailbox on target "user0001".'
    assert sandbox.tenant.calls == []
    assert sandbox.tenant.described[-1].parameters == {"Identity": "user0001"}


def test_confirm_false_runs_the_cmdlet(client, sandbox, token):
    response = _invoke(client, token, "Remove-Mailbox", Identity="user0001", Confirm=False)
    assert response.status_code == 200
    assert "@adminapi.confirmationmessage" not in response.json()
    assert [c.cmdlet for c in sandbox.tenant.calls] == ["Remove-Mailbox"]
    assert sandbox.tenant.calls[-1].parameters == {"Identity": "user0001"}


def test_what_if_describes_and_runs_nothing(client, sandbox, token):
    response = _invoke(client, token, "Set-Mailbox", Identity="user0001", WhatIf=True)
    assert response.json()["@adminapi.confirmationmessage"]
    assert sandbox.tenant.calls == []


def test_confirm_on_a_cmdlet_without_should_process_is_unknown(client, token):
    response = _invoke(client, token, "Get-Mailbox", Confirm=True)
    assert response.status_code == 400


def test_over_budget_is_429_with_retry_after(client, sandbox, token):
    # protocol §3.5: 429 + Retry-After; the budget is Rate-Limit-Limit per window
    sandbox.rest.limiter.limit = 2
    statuses = [_invoke(client, token, "Get-Mailbox", Identity="user0001") for _ in range(3)]
    assert [r.status_code for r in statuses] == [200, 200, 429]
    assert statuses[1].headers["Rate-Limit-Remaining"] == "0"
    assert 1 <= int(statuses[2].headers["Retry-After"]) <= 3600


def test_a_failing_tenant_gives_500_not_a_crash(client, sandbox, token, caplog):
    def broken(*args):
        raise RuntimeError("boom")

    sandbox.tenant.invoke = broken
    response = _invoke(client, token, "Get-Mailbox")
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "InternalServerError"
    assert "boom" in _detail(response)
