"""The managed identity endpoint, App Service style (IDENTITY_ENDPOINT + IDENTITY_HEADER).

protocol §1.3, §5.1: -ManagedIdentity [-ManagedIdentityAccountId]; msal reads
IDENTITY_ENDPOINT and IDENTITY_HEADER and calls the endpoint over plain http (MSAL facts).
"""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from sccshell.sandbox.http import Request, Response, json_response
from sccshell.sandbox.identity.scopes import known_resource

API_VERSION = "2019-08-01"  # the version msal asks for


def _failure(status: int, message: str) -> Response:
    # App Service's own error shape; msal reports it as "<statusCode>, <message>".
    return json_response(
        status, {"statusCode": status, "message": message, "correlationId": str(uuid.uuid4())}
    )


def managed_identity_token(request: Request, sandbox: Any) -> Response:
    """GET /msi/token?resource=…&api-version=2019-08-01[&client_id|object_id|mi_res_id=…]."""
    if request.method != "GET":
        return _failure(
            405, f"The requested resource does not support http method '{request.method}'."
        )
    directory = sandbox.directory
    header = request.headers.get("X-IDENTITY-HEADER")
    if not header:
        return _failure(400, "The X-IDENTITY-HEADER header is missing from the request.")
    if not secrets.compare_digest(
        header.encode("utf-8"), directory.identity_header.encode("utf-8")
    ):
        return _failure(401, "The X-IDENTITY-HEADER header does not match the expected value.")
    query = request.query
    if query.get("api-version") != API_VERSION:
        return _failure(400, f"The api-version '{query.get('api-version', '')}' is not supported.")
    requested = query.get("resource", "")
    if not requested:
        return _failure(400, "The 'resource' parameter is required.")
    identity = directory.managed_identity(
        client_id=query.get("client_id") or None,
        object_id=query.get("object_id") or query.get("principal_id") or None,
        resource_id=query.get("mi_res_id") or None,
    )
    if identity is None:
        return _failure(400, "Unable to load the proper Managed Identity.")
    resource = known_resource(requested)
    if resource is None:
        # App Service hides Entra's AADSTS500011 behind a vague 500 (msal notes the same).
        return _failure(500, "An unexpected error occured while fetching the AAD Token.")
    issued = sandbox.tokens.issue(identity, resource)
    return json_response(
        200,
        {
            "access_token": issued.token,
            "expires_on": str(issued.expires_on),  # epoch seconds, as a string
            "resource": requested,
            "token_type": "Bearer",
            "client_id": identity.app_id,
        },
    )
