"""`--profile NAME`: sign in as the profile says and open all of its connections."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sccshell.connection.connect import build_http, open_connection
from sccshell.connection.environments import environment, sandbox_environment, with_overrides
from sccshell.connection.tokensource import SignInError, TokenSource
from sccshell.environment import Environment
from sccshell.errors import ConfigFailed
from sccshell.modes.connecting import configured_concurrency, served_sandbox
from sccshell.session import Session


def _secret(profile: Any, env: Environment, session: Session, what: str) -> str:
    secret = profile.secret(env)
    if secret is None:
        # Secrets are never in the file: the variable or file is absent, so ask.
        secret = session.host.read_line(f"{what} for profile {profile.name}: ", secret=True)
    return secret


def sign_in(
    profile: Any,
    env: Environment,
    session: Session,
    cloud: Any,
    service: str,
    cache: Any,
    secret: str | None = None,
    search_only: bool = False,
) -> TokenSource:
    from sccshell.connection import auth

    method = profile.auth.method
    try:
        resource = cloud.resource(service, search_only)
    except ValueError as err:
        raise ConfigFailed(f"profile {profile.name}: {err}") from None
    http = session.http
    user = profile.auth.user
    client_id = profile.auth.client_id or auth.MODULE_CLIENT_ID
    if method == "password":
        password = secret or _secret(profile, env, session, f"Password of {user}")
        return auth.sign_in_password(
            cloud.authority, resource, http, user, password, cache, client_id=client_id
        )
    if method == "device":
        return auth.sign_in_device(
            cloud.authority,
            resource,
            http,
            cache,
            prompt=session.host.write_host,
            user=user,
            client_id=client_id,
        )
    if method == "interactive":
        return auth.sign_in_interactive(
            cloud.authority, resource, http, cache, user=user, client_id=client_id
        )
    if method == "certificate":
        path = str(profile.auth.certificate_path)
        password = profile.secret(env)
        pem = path.lower().endswith((".pem", ".crt", ".cer"))
        return auth.sign_in_certificate(
            cloud.authority,
            resource,
            http,
            profile.auth.app_id,
            profile.organization or "",
            cache,
            pfx_path=None if pem else path,
            pfx_password=None if pem else password,
            cert_path=path if pem else None,
            key_path=str(profile.auth.key_path) if pem and profile.auth.key_path else None,
            key_password=password if pem else None,
        )
    if method == "access_token":
        return auth.sign_in_access_token(secret or _secret(profile, env, session, "Access token"))
    if method == "managed_identity":
        return auth.sign_in_managed_identity(
            resource, http, cache, client_id=profile.auth.client_id
        )
    raise SignInError(f"profile {profile.name}: unknown sign-in method {method}")


def connect_profile(session: Session, env: Environment, profile: Any) -> None:
    """Open every connection of PROFILE side by side; read-only profiles refuse changing verbs."""
    from sccshell.connection.tokencache import PersistentTokenCache

    profile.check_paths()
    mounts = None
    ca_bundle = str(profile.ca_bundle) if profile.ca_bundle else None
    if profile.environment.lower() == "sandbox":
        served = served_sandbox(env.environ)
        if served is not None:
            cloud = sandbox_environment(served)
            ca_bundle = ca_bundle or served.get("ca_file")
        else:
            from sccshell.sandbox.inprocess import start

            mounts = start().mounts
            cloud = sandbox_environment()
    else:
        cloud = environment(profile.environment)
    session.http = build_http(
        proxy=profile.proxy,
        ca_bundle=ca_bundle,
        mounts=mounts,
    )
    session.default_environment = cloud
    session.read_only = profile.read_only
    cache = PersistentTokenCache(profile.name)
    specs = list(profile.connections)
    secret = None
    if profile.auth.method == "password":
        secret = _secret(profile, env, session, f"Password of {profile.auth.user}")
    elif profile.auth.method == "access_token":
        secret = _secret(profile, env, session, "Access token")
    if len(specs) > 1 and profile.auth.method in ("interactive", "device"):
        # The person signs in once; the other connections then renew from that sign-in.
        sign_in(profile, env, session, cloud, specs[0].service, cache)
    # A connection's own concurrency wins; the others keep the config's fanout.concurrency.
    default = configured_concurrency(env)
    with ThreadPoolExecutor(max_workers=len(specs) or 1) as pool:
        futures = [
            pool.submit(_open, session, env, profile, cloud, spec, cache, secret) for spec in specs
        ]
        connections = [future.result() for future in futures]
    for spec, connection in zip(specs, connections, strict=True):  # the profile order: Id, Name
        connection.client.concurrency = spec.concurrency or default
        session.registry.add(connection)


def _open(
    session: Session,
    env: Environment,
    profile: Any,
    cloud: Any,
    spec: Any,
    cache: Any,
    secret: str | None,
) -> Any:
    service = spec.service
    target = cloud
    if spec.connection_uri or spec.authority:
        target = with_overrides(
            cloud, connection_uri=spec.connection_uri, authority=spec.authority, service=service
        )
    search_only = bool(getattr(spec, "search_only", False))
    source = sign_in(profile, env, session, target, service, cache, secret, search_only)
    return open_connection(
        target,
        service,
        source,
        session.http,
        session.schema,
        prefix=spec.prefix,
        organization=profile.organization or "",
        delegated_organization=profile.delegated_organization or "",
        command_names=list(spec.command_names) or None,
        page_size=spec.page_size or 1000,
    )
