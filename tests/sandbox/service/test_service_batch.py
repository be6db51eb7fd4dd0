"""$batch of pipelined InvokeCommand calls: protocol §2.7."""

from __future__ import annotations

import base64
import uuid

from service_helpers import READER_OID, body, invoke_url, module_headers, user_token

from sccshell.sandbox import hosts
from sccshell.sandbox.service.errors import NUL_BODY

BATCH = f"https://{hosts.EXCHANGE}/adminapi/beta/{hosts.TENANT_ID}/$batch"


def _member(
    i,
    token,
    cmdlet="Get-Mailbox",
    request_id=None,
    prefer="odata.maxpagesize=1000;odata.continue-on-error",
    **parameters,
):
    headers = module_headers(token, cmdlet, Prefer=prefer)
    if request_id:
        headers["client-request-id"] = request_id
    return {
        "id": str(i),
        "method": "POST",
        "url": invoke_url(),
        "headers": headers,
        "body": body(cmdlet, **parameters),
    }


def _post(client, token, members):
    headers = module_headers(token, "Get-Mailbox", Prefer="odata.continue-on-error")
    return client.post(BATCH, json={"requests": members}, headers=headers)


def test_each_member_is_answered_like_a_single_call(client, token):
    request_id = str(uuid.uuid4())  # the module reuses one client-request-id for the batch
    members = [_member(i, token, request_id=request_id, Identity=f"user{i:04d}") for i in range(3)]
    response = _post(client, token, members)
    assert response.status_code == 200
    assert response.headers["Preference-Applied"] == "odata.continue-on-error"
    answers = response.json()["responses"]
    assert [a["id"] for a in answers] == ["0", "1", "2"]
    for i, answer in enumerate(answers):
        assert answer["status"] == 200
        assert answer["body"]["value"][0]["Identity"] == f"user{i:04d}"
        assert answer["headers"]["Cmdlet-Name"] == "Get-Mailbox"
        uuid.UUID(answer["headers"]["request-id"])


def test_failures_stay_with_their_member(client, token):
    members = [
        _member(0, token, Identity="user0001"),
        _member(1, token, Identity="nobody"),
        _member(2, token, Frobnicate=1),
        _member(3, token, "Get-Nothing"),
    ]
    answers = _post(client, token, members).json()["responses"]
    assert [a["status"] for a in answers] == [200, 404, 400, 403]
    assert answers[1]["headers"]["x-ExceptionType"].endswith("ManagementObjectNotFoundException")
    assert answers[1]["body"]["error"]["code"] == "NotFound"
    # a body that is not JSON travels base64url, as OData JSON batch writes it
    nul = answers[3]["body"]
    assert base64.urlsafe_b64decode(nul + "=" * (-len(nul) % 4)) == NUL_BODY


def test_member_page_size_is_honoured_and_its_next_link_works_alone(client, token):
    request_id = str(uuid.uuid4())
    member = _member(
        0,
        token,
        request_id=request_id,
        prefer="odata.maxpagesize=7;odata.continue-on-error",
        ResultSize="Unlimited",
    )
    answer = _post(client, token, [member]).json()["responses"][0]
    assert len(answer["body"]["value"]) == 7
    next_link = answer["body"]["@odata.nextLink"]
    assert next_link.startswith(invoke_url() + "?$skiptoken=")
    page = client.post(next_link, json=member["body"], headers=member["headers"]).json()
    assert [o["Identity"] for o in page["value"]] == [f"user{i:04d}" for i in range(7, 14)]


def test_at_most_ten_requests(client, token):
    members = [_member(i, token, Identity="user0001") for i in range(11)]
    response = _post(client, token, members)
    assert response.status_code == 400
    assert _post(client, token, members[:10]).status_code == 200


def test_members_use_the_outer_authorization(client, sandbox, token):
    reader = user_token(sandbox, oid=READER_OID)
    member = _member(0, token, "Set-Mailbox", Identity="user0001")  # member says admin
    answer = _post(client, reader, [member]).json()["responses"][0]  # outer is the reader
    assert answer["status"] == 403


def test_batch_needs_a_token(client, token):
    response = client.post(BATCH, json={"requests": [_member(0, token)]})
    assert response.status_code == 401


def test_duplicate_ids_and_bad_shapes_are_400(client, token):
    twice = [_member(0, token), _member(0, token)]
    assert _post(client, token, twice).status_code == 400
    headers = module_headers(token)
    assert client.post(BATCH, json={"requests": "x"}, headers=headers).status_code == 400


def test_member_must_be_a_post_to_invoke_command(client, token):
    get = {**_member(0, token), "method": "GET"}
    elsewhere = {
        **_member(1, token),
        "url": f"https://{hosts.EXCHANGE}/adminapi/beta/{hosts.TENANT_ID}/Mailbox",
    }
    answers = _post(client, token, [get, elsewhere]).json()["responses"]
    assert [a["status"] for a in answers] == [405, 404]
