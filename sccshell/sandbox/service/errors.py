"""Error responses in the service's shapes (protocol §3.4, §1.3)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from sccshell.sandbox.http import Response

ODATA_JSON = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8"
CODES = {
    400: "BadRequest",
    401: "Unauthorized",
    403: "Forbidden",
    404: "NotFound",
    405: "MethodNotAllowed",
    406: "NotAcceptable",
    409: "Conflict",
    415: "UnsupportedMediaType",
    429: "TooManyRequests",
    500: "InternalServerError",
    503: "ServiceUnavailable",
    504: "GatewayTimeout",
}
# protocol §3.4: the observed pipe form is "<stringId>|<exception type>|<message>".
STRING_ID = "Ex6F9304"
CMDLET_EXCEPTION = (
    "Microsoft.Exchange.Management.PSDirectInvoke.DirectInvokeCmdletExecutionException"
)
ODATA_EXCEPTION = "Microsoft.Exchange.Admin.OData.Core.ODataServiceException"
PARAMETER_EXCEPTION = "System.Management.Automation.ParameterBindingException"
REQUEST_EXCEPTION = "Microsoft.Exchange.Admin.OData.Core.ODataRequestValidationException"
WARNINGS_TYPE = "#Collection(String)"


class ServiceError(Exception):
    """Raised anywhere below a handler to answer with RESPONSE."""

    def __init__(self, response: Response) -> None:
        super().__init__(response.status)
        self.response = response


def error_body(
    status: int,
    exception_type: str,
    message: str,
    *,
    detail_code: str = "Context",
    target: str = "",
) -> dict:
    """The OData error envelope of protocol §3.4."""
    return {
        "error": {
            "code": CODES.get(status, str(status)),
            "message": "Error executing cmdlet",
            "details": [
                {
                    "code": detail_code,
                    "target": target,
                    "message": f"{STRING_ID}|{exception_type}|{message}",
                }
            ],
            "innererror": {
                "message": "Error executing cmdlet",
                "type": ODATA_EXCEPTION,
                "stacktrace": "",
                "internalexception": {
                    "message": message,
                    "type": CMDLET_EXCEPTION,
                    "stacktrace": "",
                },
            },
        },
        "adminapi.warnings@odata.type": WARNINGS_TYPE,
        "@adminapi.warnings": [],
    }


def odata_error(
    status: int,
    exception_type: str,
    message: str,
    *,
    detail_code: str = "Context",
    target: str = "",
    headers: Iterable[tuple[str, str]] = (),
) -> Response:
    """A §3.4 error; x-ExceptionType is what the module reports as the error's Reason."""
    body = error_body(status, exception_type, message, detail_code=detail_code, target=target)
    return Response(
        status,
        [("Content-Type", ODATA_JSON), ("x-ExceptionType", exception_type), *headers],
        json.dumps(body, separators=(",", ":")).encode("utf-8"),
    )


def bad_request(message: str, exception_type: str = REQUEST_EXCEPTION) -> ServiceError:
    """A 400 about the request itself (details code 'Client': the caller must change it)."""
    return ServiceError(odata_error(400, exception_type, message, detail_code="Client"))


def request_error(
    status: int, message: str, headers: Iterable[tuple[str, str]] = ()
) -> ServiceError:
    return ServiceError(
        odata_error(status, REQUEST_EXCEPTION, message, detail_code="Client", headers=headers)
    )


# protocol §3.4: an unknown cmdlet on Exchange, and a cmdlet outside the caller's roles,
# get 403 with a body of NUL bytes that claims to be gzip (it is not).
NUL_BODY = bytes(20)


def nul_forbidden() -> Response:
    return Response(403, [("Content-Encoding", "gzip")], NUL_BODY)


def unauthorized(
    authorization_uri: str, description: str, error: str = "invalid_token"
) -> Response:
    """401 with the Bearer challenge the module reads claims from (protocol §1.3)."""
    challenge = (
        f'Bearer realm="", authorization_uri="{authorization_uri}", '
        f'error="{error}", error_description="{description}"'
    )
    body = {"error": {"code": "UnAuthorized", "message": description}}
    return Response(
        401,
        [("Content-Type", ODATA_JSON), ("WWW-Authenticate", challenge)],
        json.dumps(body, separators=(",", ":")).encode("utf-8"),
    )
