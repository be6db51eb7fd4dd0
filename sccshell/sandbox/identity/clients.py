"""The client applications the sign-in service knows: the module's public client and the apps."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from sccshell.sandbox import hosts
from sccshell.sandbox.directory import Account


@dataclass(frozen=True)
class Client:
    client_id: str
    display_name: str
    public: bool  # a public client has no credential; a confidential one proves itself
    service_principal: Account | None = None  # the app's own account (confidential apps)


# protocol §1.3: the module's public client id and display name.
MODULE_CLIENT = Client(hosts.MODULE_CLIENT_ID, "Microsoft Exchange REST API Based Powershell", True)


def find_client(directory: Any, client_id: str) -> Client | None:
    """The registered client with this id (case-insensitive), or None (AADSTS700016)."""
    wanted = client_id.strip().lower()
    if wanted == MODULE_CLIENT.client_id:
        return MODULE_CLIENT
    app = directory.app(wanted)
    if app is not None and app.app_id is not None:
        return Client(app.app_id, app.display_name, False, app)
    return None


def redirect_uri_allowed(client: Client, redirect_uri: str, login_base: str) -> bool:
    """Whether REDIRECT_URI is registered on CLIENT (protocol §1.3 lists the module's)."""
    if not client.public:
        return False  # the sandbox's apps are daemon apps with no redirect URIs
    parts = urlsplit(redirect_uri)
    if parts.scheme == "http" and parts.hostname in ("localhost", "127.0.0.1", "[::1]", "::1"):
        # Loopback: any port and path, as Entra allows for native clients (RFC 8252 §7.3).
        return not parts.query and not parts.fragment
    native = {
        f"{login_base}/common/oauth2/nativeclient",
        f"{login_base}/organizations/oauth2/nativeclient",
        f"ms-appx-web://microsoft.aad.brokerplugin/{client.client_id}",
    }
    return redirect_uri.lower() in {uri.lower() for uri in native}
