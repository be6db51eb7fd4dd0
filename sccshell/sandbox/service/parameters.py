"""A request's Parameters checked against the schema and made plain for the tenant (protocol §2.5, §2.6)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sccshell.sandbox.service.catalog import Catalog, is_common, kind_of
from sccshell.sandbox.service.errors import PARAMETER_EXCEPTION, bad_request
from sccshell.sandbox.service.rsakey import ConnectionKey, DecryptError
from sccshell.schema.model import Cmdlet

# Exchange cmdlets that take -ResultSize return 1000 objects when it is not given (§3.3).
DEFAULT_RESULT_SIZE = 1000
BYTE_ARRAY_TYPE = "#Exchange.ByteArrayType"
BYTE_ARRAYS_TYPE = "#Collection(Exchange.ByteArrayType)"


@dataclass
class Bound:
    """The request's parameters by their schema names, minus what the REST layer handles."""

    values: dict[str, Any] = field(default_factory=dict)  # what the tenant gets
    confirm: bool | None = None  # §2.6: True = validation call, False = execution call
    what_if: bool = False
    result_size: int | None = None  # None: Unlimited
    result_size_given: bool = False


def bind(raw: Any, cmdlet: Cmdlet, service: str, catalog: Catalog, key: ConnectionKey) -> Bound:
    """Check RAW (the body's Parameters) against CMDLET; raises ServiceError with a 400."""
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        raise bad_request("CmdletInput.Parameters must be a JSON object.")
    bound = Bound()
    seen: dict[str, str] = {}
    for name, value in raw.items():
        if "@" in name:
            continue  # "<Param>@odata.type" sits beside a value (§2.5); not a parameter
        parameter = catalog.accepted(cmdlet, service, name)
        if parameter is None:
            # protocol §2.5, §3.4: an unknown parameter is a 400 that names it.
            raise bad_request(
                f"A parameter cannot be found that matches parameter name '{name}'.",
                PARAMETER_EXCEPTION,
            )
        canonical = parameter.name
        if canonical.lower() in seen:
            raise bad_request(
                f"Cannot bind parameter because parameter '{canonical}' is specified more than once.",
                PARAMETER_EXCEPTION,
            )
        seen[canonical.lower()] = name
        lowered = canonical.lower()
        if lowered == "confirm":
            bound.confirm = bool(value)
        elif lowered == "whatif":
            bound.what_if = bool(value)
        elif is_common(canonical):
            continue  # ErrorAction and friends steer the client, not the cmdlet
        else:
            annotation = raw.get(f"{name}@odata.type")
            bound.values[canonical] = _plain(canonical, kind_of(parameter), value, key, annotation)
    if "ResultSize" in bound.values:
        bound.result_size_given = True
        bound.result_size = _result_size(bound.values["ResultSize"])
    elif "resultsize" in cmdlet.parameters:
        bound.result_size = DEFAULT_RESULT_SIZE
    return bound


def _plain(
    name: str, kind: str | None, value: Any, key: ConnectionKey, annotation: Any = None
) -> Any:
    if kind is not None and isinstance(value, str) and value:
        # protocol §2.5: base64 of RSA PKCS#1 v1.5 under the module's $PublicKey;
        # empty strings and nulls are sent as they are.
        try:
            return key.decrypt_credential(value) if kind == "credential" else key.decrypt(value)
        except DecryptError as error:
            raise bad_request(
                f"The value of parameter '{name}' could not be decrypted with this "
                f"connection's key ({error}). Encrypt it with the $PublicKey of the module "
                "from EXOModuleFile, or re-establish the connection.",
                PARAMETER_EXCEPTION,
            ) from None
    if annotation == BYTE_ARRAYS_TYPE and isinstance(value, list):
        # byte[][]: the items carry only Data; the type sits beside the value (§2.5).
        return [_bytes(item.get("Data") if isinstance(item, Mapping) else None) for item in value]
    return _strip(value)


def _strip(value: Any) -> Any:
    """Drop OData annotations; ByteArrayType values become bytes (§2.5)."""
    if isinstance(value, Mapping):
        if value.get("@odata.type") == BYTE_ARRAY_TYPE:
            return _bytes(value.get("Data"))
        return {k: _strip(v) for k, v in value.items() if "@" not in k}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def _bytes(data: Any) -> bytes:
    # The metadata types Data as Collection(Edm.Byte): a list of 0..255.
    try:
        if isinstance(data, list):
            return bytes(data)
    except (TypeError, ValueError):
        pass
    raise bad_request("An Exchange.ByteArrayType value needs Data: a list of bytes.")


def _result_size(value: Any) -> int | None:
    if isinstance(value, str) and value.strip().lower() == "unlimited":
        return None
    number: int | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, str) and value.strip().lstrip("-").isdigit():
        number = int(value.strip())
    if number is None or number <= 0:
        raise bad_request(
            f"Cannot process argument transformation on parameter 'ResultSize'. "
            f"'{value}' is not 'Unlimited' or a number greater than 0.",
            PARAMETER_EXCEPTION,
        )
    return number
