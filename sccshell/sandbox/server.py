"""The sandbox over real sockets: one HTTP/1.1 listener per virtual host, TLS on loopback."""

from __future__ import annotations

import socket
import ssl
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from typing import Any
from urllib.parse import unquote

from sccshell.sandbox import hosts
from sccshell.sandbox.core import IDENTITY_HOST, PageCut, Sandbox
from sccshell.sandbox.tls import TlsFiles

# How a client that goes away shows up on the server's side of the socket: normal for a
# shell that exits (or is interrupted) while a page is still on its way, so never reported.
CLIENT_GONE: tuple[type[BaseException], ...] = (
    ConnectionError,  # reset, broken pipe, aborted
    ssl.SSLEOFError,
    ssl.SSLZeroReturnError,
    TimeoutError,
)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: clients reuse one TLS connection for many pages
    server: _VhostServer

    def do_GET(self) -> None:  # noqa: N802 (the http.server naming)
        self._serve()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_GET

    def handle(self) -> None:
        try:
            super().handle()
        except CLIENT_GONE:
            self.close_connection = True

    def finish(self) -> None:
        try:
            super().finish()  # flushes what is left of the answer
        except CLIENT_GONE:
            pass

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path, _, query = self.path.partition("?")
        environ: dict[str, Any] = {
            "REQUEST_METHOD": self.command,
            "SCRIPT_NAME": "",
            "PATH_INFO": unquote(path, encoding="latin-1"),
            "QUERY_STRING": query,
            "SERVER_NAME": self.server.server_address[0],
            "SERVER_PORT": str(self.server.server_address[1]),
            "SERVER_PROTOCOL": self.request_version,
            "CONTENT_LENGTH": str(length),
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "https" if self.server.tls else "http",
            "wsgi.input": BytesIO(body),
            "wsgi.errors": BytesIO(),
            "wsgi.multithread": True,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
            "sandbox.vhost": self.server.vhost,
        }
        if self.headers.get("Content-Type"):
            environ["CONTENT_TYPE"] = self.headers["Content-Type"]
        for name, value in self.headers.items():
            key = "HTTP_" + name.upper().replace("-", "_")
            if key not in ("HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH"):
                environ[key] = value
        started: list[tuple[str, list[tuple[str, str]]]] = []

        def start_response(
            status: str, headers: list[tuple[str, str]], exc_info: Any = None
        ) -> None:
            started.append((status, headers))

        chunks = self.server.app(environ, start_response)
        status, headers = started[0]
        code, _, reason = status.partition(" ")
        self.send_response(int(code), reason)
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        try:
            for chunk in chunks:
                if self.command != "HEAD":
                    self.wfile.write(chunk)
        except PageCut:
            # The reset fault: drop the connection with the body half sent.
            self.close_connection = True
            try:
                self.wfile.flush()
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the sandbox keeps its own request log


class _VhostServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self, address: tuple[str, int], app: Sandbox, vhost: str, tls: ssl.SSLContext | None
    ):
        self.app = app
        self.vhost = vhost
        self.tls = tls
        family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.address_family = family
        super().__init__(address, _Handler)

    def finish_request(self, request: Any, client_address: Any) -> None:
        # The TLS handshake runs in the request's own thread, not in the accept loop.
        if self.tls is not None:
            try:
                request = self.tls.wrap_socket(request, server_side=True)
            except (ssl.SSLError, OSError):
                request.close()
                return
        super().finish_request(request, client_address)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hung up is quiet; anything else is the sandbox's own bug: report it.
        if not isinstance(sys.exc_info()[1], CLIENT_GONE):
            super().handle_error(request, client_address)


class SandboxServer:
    """Listeners for the login, Exchange, compliance and regional hosts (TLS) and the
    managed identity endpoint (plain http, as App Service serves it)."""

    def __init__(self, sandbox: Sandbox, tls: TlsFiles, host: str = "127.0.0.1", port: int = 0):
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(str(tls.cert_file), str(tls.key_file))
        self.sandbox = sandbox
        self.tls = tls
        url_host = "localhost" if host in ("127.0.0.1", "::1", "localhost") else host
        self.servers: list[_VhostServer] = []
        plan = [(v, context) for v in hosts.VHOSTS] + [(IDENTITY_HOST, None)]
        for offset, (vhost, tls_context) in enumerate(plan):
            server = _VhostServer((host, port + offset if port else 0), sandbox, vhost, tls_context)
            scheme = "https" if tls_context is not None else "http"
            bound = server.server_address[1]
            if vhost == IDENTITY_HOST:
                sandbox.urls[vhost] = f"http://{'[::1]' if host == '::1' else host}:{bound}"
            else:
                sandbox.urls[vhost] = f"{scheme}://{url_host}:{bound}"
            self.servers.append(server)
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        for server in self.servers:
            # A short poll interval: stop() waits for each listener's loop to notice.
            thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self) -> None:
        for server in self.servers:
            server.shutdown()
            server.server_close()

    def __enter__(self) -> SandboxServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
