"""A hostile Exchange host for tests: TLS with a CA of its own (trustme), everything but
InvokeCommand passed on to the real served sandbox, InvokeCommand answered as told."""

from __future__ import annotations

import json
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import trustme

# (status, headers, body) for one InvokeCommand request.
Answer = tuple[int, dict[str, str], bytes]


@dataclass
class Seen:
    """What a server received: (method, path, headers) per request."""

    requests: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)


class TlsServer:
    """A threaded HTTPS server on 127.0.0.1 whose handler is HANDLE(request handler)."""

    def __init__(self, context: ssl.SSLContext, handle: Callable[[BaseHTTPRequestHandler], None]):
        self.seen = Seen()
        seen = self.seen

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _any(self) -> None:
                seen.requests.append((self.command, self.path, dict(self.headers.items())))
                handle(self)

            do_GET = do_POST = _any

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> TlsServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def reply(handler: BaseHTTPRequestHandler, status: int, headers: dict[str, str], body: bytes):
    handler.send_response(status)
    for name, value in headers.items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def server_context(ca: trustme.CA, *names: str, **issue: object) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert(*(names or ("localhost",)), **issue).configure_cert(context)  # type: ignore[arg-type]
    return context


def hostile_exchange(
    info: dict, ca: trustme.CA, answer: Callable[[], Answer]
) -> tuple[TlsServer, Callable[[], None]]:
    """A TLS server that stands in for the sandbox's Exchange host."""
    upstream = httpx.Client(verify=ssl.create_default_context(cafile=info["ca_file"]))
    base = info["exchange"]

    def handle(handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        if handler.command == "POST" and "InvokeCommand" in handler.path:
            reply(handler, *answer())
            return
        headers = {k: v for k, v in handler.headers.items() if k.lower() not in ("host",)}
        passed = upstream.request(
            handler.command, base + handler.path, headers=headers, content=body
        )
        keep = {
            k: v
            for k, v in passed.headers.items()
            if k.lower()
            not in ("content-length", "transfer-encoding", "content-encoding", "connection")
        }
        reply(handler, passed.status_code, keep, passed.content)

    return TlsServer(server_context(ca), handle), upstream.close


def description_with(folder: Path, info: dict, ca: trustme.CA, **urls: str) -> Path:
    """A sandbox description with some hosts replaced and both CAs trusted."""
    bundle = folder / "bundle.pem"
    bundle.write_text(Path(info["ca_file"]).read_text() + ca.cert_pem.bytes().decode())
    path = folder / "hostile.json"
    path.write_text(json.dumps({**info, **urls, "ca_file": str(bundle)}))
    return path
