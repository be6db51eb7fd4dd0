"""The response headers every service answer carries (protocol §3.1)."""

from __future__ import annotations

import uuid
from datetime import datetime
from email.utils import format_datetime

from sccshell.sandbox.http import Response

# The module names the error's server after the first label of X-CalculatedBETarget (§3.4).
BACKEND = {
    "exchange": "NAMPR01MB1234.namprd01.prod.outlook.com",
    "compliance": "NAM01BPR01MB5678.nam01b.prod.protection.outlook.com",
}
FRONTEND = {"exchange": "CH0PR03CA0123", "compliance": "BN0PR01CA0042"}
EXCHANGE_VERSION = "15.20.8207.017"


def stamp(response: Response, service: str, now: datetime) -> Response:
    """Add request-id, Date and the front/back end headers unless already set."""
    backend = BACKEND[service]
    values = [
        ("request-id", str(uuid.uuid4())),
        ("X-CalculatedFETarget", FRONTEND[service] + ".namprd01.prod.outlook.com"),
        ("X-CalculatedBETarget", backend),
        ("X-FEServer", FRONTEND[service]),
        ("X-BackEndHttpStatus", str(response.status)),
        ("X-ExchangeVersion", EXCHANGE_VERSION),
        ("Date", format_datetime(now, usegmt=True)),
    ]
    for name, value in values:
        if response.header(name) is None:
            response.headers.append((name, value))
    return response
