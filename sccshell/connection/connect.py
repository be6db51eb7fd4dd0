"""Open a connection: a signed-in token source, a REST client and the cmdlets it may run."""

from __future__ import annotations

import ssl
import uuid
from collections.abc import Callable, Mapping
from datetime import datetime, timezone
from typing import Any

import httpx

from sccshell.connection.client import RestClient
from sccshell.connection.environments import CloudEnvironment
from sccshell.connection.errors import ServiceError
from sccshell.connection.metadata_cache import CacheKey
from sccshell.connection.metadata_refresh import MetadataRefresher
from sccshell.connection.registry import Connection, validate_prefix
from sccshell.connection.tokensource import TokenSource
from sccshell.connection.wire import WireClient, timeout_cap
from sccshell.connection.wire import retry_base as default_retry_base
from sccshell.schema.model import Schema

# protocol §3.6: the module's client timeout; longer per cmdlet is set per request.
DEFAULT_TIMEOUT = 960.0
# protocol §2.3: the system mailbox third-party app-only clients anchor to.
APP_ANCHOR_MAILBOX = "SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}"
# The module version sccshell speaks for (protocol "Baseline").
MODULE_VERSION = "3.10.1"


# Seconds after which a cached cmdlet list is refreshed in the background on connect.
REFRESH_AFTER = 600.0


def build_http(
    *,
    proxy: str | None = None,
    ca_bundle: str | None = None,
    mounts: Mapping[str, httpx.BaseTransport] | None = None,
) -> httpx.Client:
    """One client per profile: proxy (or the standard environment variables), CA bundle,
    timeouts. msal signs in through the same client. Certificates are always verified:
    there is no way to turn that off, only to name the CA bundle to trust."""
    verify = ssl.create_default_context(cafile=ca_bundle) if ca_bundle else True
    return WireClient(
        proxy=proxy,
        verify=verify,
        trust_env=proxy is None,  # HTTPS_PROXY / NO_PROXY when the profile names none
        timeout=httpx.Timeout(DEFAULT_TIMEOUT, connect=30.0),
        follow_redirects=False,  # redirects are followed by hand (protocol §1.2)
        mounts=dict(mounts or {}),
        max_timeout=timeout_cap(),
    )


def anchor_for(source: TokenSource, organization: str) -> str:
    """The X-AnchorMailbox routing hint (protocol §2.3)."""
    if source.is_app:
        return f"UPN:{APP_ANCHOR_MAILBOX}@{organization}"
    return f"UPN:{source.account}"


def open_connection(
    env: CloudEnvironment,
    service: str,
    source: TokenSource,
    http: httpx.Client,
    bundled: Schema,
    *,
    prefix: str = "",
    organization: str = "",
    delegated_organization: str = "",
    command_names: list[str] | None = None,
    page_size: int = 1000,
    retry_base: float | None = None,
    on_progress: Callable[[str], None] | None = None,
    use_cache: bool = True,
) -> Connection:
    """Connect SERVICE ('exchange' or 'compliance'): fetch the cmdlets this identity may run."""
    validate_prefix(prefix)
    say = on_progress or (lambda _text: None)
    # protocol §2.4: with a delegated organization every call is for the customer tenant.
    tenant = delegated_organization or source.tenant_id
    client = RestClient(
        http,
        base_url=env.uri(service).rstrip("/"),
        tenant=tenant,
        token=lambda force, claims: source.token(force, claims),
        allow=lambda url: env.allows(url, service),
        anchor=anchor_for(source, delegated_organization or organization or tenant),
        connection_id=str(uuid.uuid4()),
        module_version=MODULE_VERSION,
        page_size=page_size,
        retry_base=default_retry_base() if retry_base is None else retry_base,
    )
    names = ",".join(command_names) if command_names else "*"
    holder: dict[str, Schema] = {}

    def swap(schema: Schema) -> None:
        holder["schema"] = schema
        connection = holder.get("connection")
        if connection is not None:
            connection.schema = schema  # a background refresh hands in the fresh cmdlets

    # protocol §4: the cmdlets this identity may run, cached per environment, tenant,
    # service and identity; a cached list is used at once and refreshed in the background.
    refresher = MetadataRefresher(
        client.module_file,
        bundled,
        module_name=service,
        on_schema=swap,
        key=CacheKey(env.name, source.tenant_id, service, source.account),
        command_name=names,
    )
    schema = refresher.cached_schema() if use_cache else None
    if schema is None:
        say(f"Fetching the cmdlets this account may run on {service}...")
        schema = refresher.refresh()
        background = None
    else:
        if refresher.info is not None and refresher.info.public_key:
            client.public_key = refresher.info.public_key  # for SecureString values (§2.5)
        # A module fetched minutes ago is fetched again only after a while: a refresh costs
        # seconds of parsing, and connecting again and again must not pile them up.
        age = refresher.cache_age()
        stale = age is None or age > REFRESH_AFTER
        background = refresher if stale else None
        if service == "compliance" and not stale:
            _find_region(client)
    connection = Connection(
        service=service,
        schema=schema,
        prefix=prefix,
        user="" if source.is_app else source.account,
        app_id=source.account if source.is_app else "",
        tenant_id=source.tenant_id,
        organization=organization,
        delegated_organization=delegated_organization,
        authority=env.authority,
        page_size=page_size,
        token_expiry=lambda: _expiry(source),
        client=client,
        connection_id=client.connection_id,
    )
    holder["connection"] = connection
    if background is not None:
        background.start()
    return connection


def _find_region(client: RestClient) -> None:
    """Move a compliance session to its regional host now (§1.2), with the banner call, so
    Get-ConnectionInformation shows it at once; the module fetch does the same when it runs.
    If the call fails, the first command's call is redirected instead."""
    try:
        client.banner()
    except (ServiceError, httpx.HTTPError, ValueError):
        pass


def _expiry(source: TokenSource) -> datetime | None:
    expires: Any = getattr(source, "expires_on", None)
    if not expires:
        return None
    return datetime.fromtimestamp(float(expires), tz=timezone.utc)
