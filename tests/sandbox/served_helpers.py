"""Helpers for tests of the served sandbox: a token by device code, the server's stderr."""

from __future__ import annotations

import signal
import subprocess

import httpx
import msal

CLIENT_ID = "fb78d390-0c51-40cd-8e17-fdbfab77341b"  # the module's public client


def device_token(info: dict, http: httpx.Client, resource: str) -> str:
    """An access token for RESOURCE from a served sandbox started with --auto-approve."""
    return device_sign_in(info, http, resource)[1]


def device_sign_in(
    info: dict, http: httpx.Client, resource: str
) -> tuple[msal.PublicClientApplication, str]:
    """The msal app and an access token for RESOURCE, by the device code flow."""
    app = msal.PublicClientApplication(
        CLIENT_ID,
        authority=f"{info['login']}/organizations",
        instance_discovery=False,
        http_client=http,
    )
    flow = app.initiate_device_flow(scopes=[f"{resource}/.default"])
    assert "user_code" in flow, flow
    result = app.acquire_token_by_device_flow(flow)
    assert "access_token" in result, result
    return app, result["access_token"]


def stop_and_read_stderr(process: subprocess.Popen) -> str:
    """Stop a served sandbox and return everything it wrote on stderr."""
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=20)
    return err
