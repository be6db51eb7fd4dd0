"""Connecting a session: the built-in sandbox profile, and Connect-ExchangeOnline /
Connect-IPPSSession typed in the shell, with the module's parameters (protocol §5.1–5.2)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sccshell.connection.connect import build_http, open_connection
from sccshell.connection.environments import (
    CloudEnvironment,
    environment,
    sandbox_environment,
    with_overrides,
)
from sccshell.connection.registry import Connection
from sccshell.connection.tokensource import SignInError, TokenSource
from sccshell.environment import Environment
from sccshell.runtime.evaluator import ScriptError
from sccshell.session import Session

SANDBOX_ORGANIZATION = "contoso.onmicrosoft.com"
# Names the sandbox `sccshell-sandbox serve` runs: the file of the JSON line it printed,
# or that line itself. Unset: the sandbox runs inside the shell.
SANDBOX_VARIABLE = "SCCSHELL_SANDBOX"


def served_sandbox(environ: Mapping[str, str]) -> dict[str, Any] | None:
    """The description of the served sandbox $SCCSHELL_SANDBOX names, if it names one."""
    value = environ.get(SANDBOX_VARIABLE, "").strip()
    if not value:
        return None
    try:
        text = value if value.startswith("{") else Path(value).read_text(encoding="utf-8")
        info = json.loads(text)
        if not isinstance(info, dict) or "login" not in info:
            raise ValueError("not the JSON line `sccshell-sandbox serve` prints")
    except (OSError, ValueError) as err:
        raise SignInError(
            f"{SANDBOX_VARIABLE}: cannot use the sandbox description: {err}"
        ) from None
    return info


def configured_concurrency(env: Environment) -> int:
    """fanout.concurrency of the user's config.yaml: the $batch requests a fan-out keeps
    in flight. A mistake in the fanout section is reported with its line:col."""
    from sccshell.config import load_config

    # Not installed from here: only the interactive shell writes the commented copy.
    config = load_config(env.environ, install=False, colors=False)
    value = int(config.get("fanout.concurrency"))
    mistakes = [p for p in config.problems if "'fanout." in p.message]
    for problem in mistakes:
        print(f"sccshell: warning: {problem}", file=env.stderr)
    if mistakes:
        print(
            f"sccshell: warning: fan-out keeps the default of {value} $batch requests in flight",
            file=env.stderr,
        )
    return value


def connect_sandbox(session: Session, mailboxes: int = 500) -> None:
    """Sign in to the sandbox tenant by password and connect Exchange and Compliance side
    by side, as the built-in `--sandbox` profile: the served sandbox that
    $SCCSHELL_SANDBOX names, over TLS, or else one inside the shell."""
    from sccshell.connection.auth import sign_in_password

    info = served_sandbox(session.env.environ)
    if info is not None:
        http = build_http(ca_bundle=info.get("ca_file"))
        env = sandbox_environment(info)
        user, password = info["admin_user"], info["admin_password"]
    else:
        from sccshell.sandbox.inprocess import start

        tenant = start(mailboxes)
        http = build_http(mounts=tenant.mounts)
        env = sandbox_environment()
        user, password = tenant.user, tenant.password
    session.http = http
    session.default_environment = env
    concurrency = configured_concurrency(session.env)

    def connect(service: str) -> Connection:
        source = sign_in_password(env.authority, env.resource(service), http, user, password)
        connection = open_connection(
            env, service, source, http, session.schema, organization=SANDBOX_ORGANIZATION
        )
        connection.client.concurrency = concurrency
        return connection

    # Side by side: most of a connect is waiting for the sign-in and the service. Both are
    # added once both are open (Exchange first), so a failed side leaves no connection.
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1, thread_name_prefix="sccshell-connect") as pool:
        compliance = pool.submit(connect, "compliance")
        try:
            exchange = connect("exchange")
        finally:
            failed = compliance.exception()  # waits: nothing is left running behind us
        if failed is not None:
            raise failed
    session.registry.add(exchange)
    session.registry.add(compliance.result())


def connect_at_start(session: Session, args: Any, env: Any) -> None:
    """Connect what the command line asks for: --sandbox, or every connection of --profile."""
    if args.sandbox:
        connect_sandbox(session)
    if getattr(args, "profile", None):
        from sccshell.modes.profile_connect import connect_profile
        from sccshell.profiles import load_profiles

        profiles = load_profiles(env, getattr(args, "profile_file", None))
        connect_profile(session, env, profiles.get(args.profile))


def _text(bound: dict[str, Any], name: str) -> str | None:
    value = bound.get(name)
    return None if value is None else str(value)


def _environment(session: Session, service: str, bound: dict[str, Any]) -> CloudEnvironment:
    name = _text(bound, "ExchangeEnvironmentName")
    env = environment(name) if name else session.default_environment
    if env is None:
        env = environment("O365Default")
    uri = _text(bound, "ConnectionUri")
    authority = _text(bound, "AzureADAuthorizationEndpointUri")
    if uri or authority:
        env = with_overrides(env, connection_uri=uri, authority=authority, service=service)
    return env


def _reveal(value: Any) -> str:
    reveal = getattr(value, "reveal", None)
    return reveal() if reveal is not None else str(value)


def sign_in_for(
    session: Session, env: CloudEnvironment, service: str, bound: dict[str, Any]
) -> TokenSource:
    """The sign-in method the module would use for these parameters."""
    from sccshell.connection import auth

    http = session.http
    search_only = service == "compliance" and bool(bound.get("EnableSearchOnlySession"))
    try:
        resource = env.resource(service, search_only)
    except ValueError as err:
        raise ScriptError(str(err)) from None
    organization = _text(bound, "Organization") or ""
    if bound.get("CertificateThumbprint"):
        raise ScriptError(
            "-CertificateThumbprint reads the Windows certificate store, which sccshell cannot "
            "use; pass the certificate file with -CertificateFilePath (and -CertificatePassword)"
        )
    if bound.get("AccessToken"):
        return auth.sign_in_access_token(_reveal(bound["AccessToken"]))
    if bound.get("CertificateFilePath") or bound.get("Certificate"):
        app_id = _text(bound, "AppId")
        if not app_id or not organization:
            raise ScriptError("certificate sign-in needs -AppId and -Organization")
        password = bound.get("CertificatePassword")
        return auth.sign_in_certificate(
            env.authority,
            resource,
            http,
            app_id,
            organization,
            pfx_path=_text(bound, "CertificateFilePath"),
            pfx_password=_reveal(password) if password is not None else None,
        )
    if bound.get("ManagedIdentity"):
        if not organization:
            raise ScriptError("managed identity sign-in needs -Organization")
        return auth.sign_in_managed_identity(
            resource, http, client_id=_text(bound, "ManagedIdentityAccountId")
        )
    credential = bound.get("Credential")
    if credential is not None:
        user = str(credential["UserName"])
        return auth.sign_in_password(
            env.authority, resource, http, user, _reveal(credential["Password"])
        )
    user = _text(bound, "UserPrincipalName")
    if bound.get("Device"):
        return auth.sign_in_device(
            env.authority, resource, http, prompt=session.host.write_host, user=user
        )
    return auth.sign_in_interactive(env.authority, resource, http, user=user)


def connect(session: Session, service: str, bound: dict[str, Any]) -> None:
    """Connect-ExchangeOnline (service 'exchange') or Connect-IPPSSession ('compliance')."""
    from sccshell.connection.registry import PrefixError, validate_prefix

    prefix = _text(bound, "Prefix") or ""
    try:
        validate_prefix(prefix)
    except PrefixError as err:
        raise ScriptError(str(err)) from None
    if session.http is None:
        session.http = build_http()
    env = _environment(session, service, bound)
    try:
        source = sign_in_for(session, env, service, bound)
    except SignInError as err:
        raise ScriptError(str(err)) from None
    names = bound.get("CommandName")
    command_names = (
        [str(n) for n in names]
        if isinstance(names, list | tuple)
        else ([str(names)] if names else None)
    )
    page_size = int(bound.get("PageSize") or 1000)
    # Progress goes to a terminal only, and -ShowProgress:$false silences it (protocol §5.1).
    show = bound.get("ShowProgress", True) is not False and session.env.stderr.isatty()
    connection = open_connection(
        env,
        service,
        source,
        session.http,
        session.schema,
        prefix=prefix,
        organization=_text(bound, "Organization")
        or (SANDBOX_ORGANIZATION if env.name.lower() == "sandbox" else ""),
        delegated_organization=_text(bound, "DelegatedOrganization") or "",
        command_names=command_names,
        page_size=page_size,
        on_progress=(lambda text: print(text, file=session.env.stderr)) if show else None,
    )
    # The module has no parameter for it: the config's value, as for --sandbox.
    connection.client.concurrency = configured_concurrency(session.env)
    session.registry.add(connection)
    if bound.get("ShowBanner", True) is not False:
        kind = "Exchange Online" if service == "exchange" else "Security & Compliance"
        who = connection.user or connection.app_id
        shown = f" with prefix {prefix}" if prefix else ""
        session.host.write_host(
            f"Connected to {kind} as {who}{shown} ({len(connection.schema.names_in(service))} cmdlets)."
        )
