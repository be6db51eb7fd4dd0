"""Clients that hang up in the middle of an answer: the served sandbox stays quiet and serves on."""

from __future__ import annotations

import json
import socket
import ssl
import struct
import uuid

import httpx
from served_helpers import device_token, stop_and_read_stderr

# Enough mailboxes that one page of 1000 (a few MB) cannot sit whole in the socket buffers.
MAILBOXES = "1500"


def _request(info: dict, token: str, body_short_by: int = 0) -> tuple[bytes, bytes]:
    """The head and body of an InvokeCommand asking for every mailbox in one page."""
    host = info["exchange"].split("://", 1)[1]
    body = json.dumps(
        {"CmdletInput": {"CmdletName": "Get-Mailbox", "Parameters": {"ResultSize": "Unlimited"}}}
    ).encode()
    head = (
        f"POST /adminapi/beta/{info['tenant_id']}/InvokeCommand HTTP/1.1\r\n"
        f"Host: {host}\r\n"
        f"Authorization: Bearer {token}\r\n"
        "Content-Type: application/json\r\n"
        "X-ResponseFormat: json\r\n"
        "Prefer: odata.maxpagesize=1000\r\n"
        f"client-request-id: {uuid.uuid4()}\r\n"
        f"connection-id: {uuid.uuid4()}\r\n"
        f"Content-Length: {len(body) + body_short_by}\r\n\r\n"
    ).encode()
    return head, body


def _tls_socket(info: dict) -> ssl.SSLSocket:
    host, port = info["exchange"].split("://", 1)[1].rsplit(":", 1)
    context = ssl.create_default_context(cafile=info["ca_file"])
    return context.wrap_socket(socket.create_connection((host, int(port))), server_hostname=host)


def _hang_up_after_the_first_bytes(info: dict, token: str) -> None:
    head, body = _request(info, token)
    with _tls_socket(info) as tls:
        tls.sendall(head + body)
        assert tls.recv(64).startswith(b"HTTP/1.1 200")
    # Closed without reading the rest: the server's next writes find nobody.


def _reset_in_the_middle_of_the_page(info: dict, token: str) -> None:
    head, body = _request(info, token)
    tls = _tls_socket(info)
    tls.sendall(head + body)
    received = 0
    while received < 200_000:
        received += len(tls.recv(65536))
    # SO_LINGER with a zero timeout: close() sends a TCP reset instead of a goodbye.
    tls.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    tls.close()


def _hang_up_before_the_body_is_sent(info: dict, token: str) -> None:
    head, body = _request(info, token, body_short_by=100)
    with _tls_socket(info) as tls:
        tls.sendall(head + body)  # 100 bytes fewer than Content-Length promised


def _hang_up_in_the_handshake(info: dict, token: str) -> None:
    host, port = info["exchange"].split("://", 1)[1].rsplit(":", 1)
    with socket.create_connection((host, int(port))) as plain:
        plain.sendall(b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03")  # a ClientHello, cut


def test_clients_that_hang_up_mid_answer_leave_no_traceback(serve) -> None:
    served = serve("--mailboxes", MAILBOXES, "--auto-approve")
    info = served.info
    verify = ssl.create_default_context(cafile=info["ca_file"])
    with httpx.Client(verify=verify, timeout=60) as http:
        token = device_token(info, http, info["exchange_resource"])
        url = f"{info['exchange']}/adminapi/beta/{info['tenant_id']}/InvokeCommand"
        hang_ups = (
            _hang_up_after_the_first_bytes,
            _reset_in_the_middle_of_the_page,
            _hang_up_before_the_body_is_sent,
            _hang_up_in_the_handshake,
        )
        for hang_up in hang_ups:
            hang_up(info, token)
            # The next client is served as if nothing had happened.
            head, body = _request(info, token)
            answer = http.post(url, content=body, headers=_headers(head))
            assert answer.status_code == 200, (hang_up.__name__, answer.text[:300])
            assert len(answer.json()["value"]) == 1000
    stderr = stop_and_read_stderr(served.process)
    assert "Traceback" not in stderr and "Exception" not in stderr, stderr
    assert stderr.strip() == ""


def _headers(head: bytes) -> dict[str, str]:
    lines = head.decode().split("\r\n")[1:]
    pairs = (line.split(": ", 1) for line in lines if ": " in line)
    return {k: v for k, v in pairs if k not in ("Host", "Content-Length")}
