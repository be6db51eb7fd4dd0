"""The service's terminating errors (protocol §3.4), one constructor per kind."""

from __future__ import annotations

from sccshell.sandbox.tenant.api import CmdletError

# The directory server names the service puts into its messages.
EXCHANGE_DC = "SN4PR01A001DC002.NAMPR01A001.PROD.OUTLOOK.COM"
COMPLIANCE_DC = "FFO.extest.microsoft.com"

TASKS = "Microsoft.Exchange.Configuration.Tasks"
BINDING = "System.Management.Automation.ParameterBindingException"
NOT_AVAILABLE = "Microsoft.Exchange.Management.RestApiClient.SandboxCmdletNotAvailableException"
SEARCH_ONLY = "Microsoft.Exchange.Management.RestApiClient.SearchOnlySessionRequiredException"


def not_found(identity: object, *, compliance: bool = False) -> CmdletError:
    server = COMPLIANCE_DC if compliance else EXCHANGE_DC
    return CmdletError(
        404,
        f"{TASKS}.ManagementObjectNotFoundException",
        f"The operation couldn't be performed because object '{identity}' couldn't be found on '{server}'.",
        category="ObjectNotFound",
        target=str(identity),
    )


def ambiguous(identity: object) -> CmdletError:
    return CmdletError(
        400,
        f"{TASKS}.ManagementObjectAmbiguousException",
        f"The operation couldn't be performed because '{identity}' matches multiple entries.",
        category="InvalidArgument",
        target=str(identity),
    )


def already_exists(distinguished_name: str, *, compliance: bool = False) -> CmdletError:
    server = COMPLIANCE_DC if compliance else EXCHANGE_DC
    return CmdletError(
        400,
        "Microsoft.Exchange.Data.Directory.ADObjectAlreadyExistsException",
        f"Active Directory operation failed on {server}. The object '{distinguished_name}' already exists.",
        category="NotSpecified",
    )


def proxy_in_use(address: str, owner: str) -> CmdletError:
    return CmdletError(
        400,
        "Microsoft.Exchange.Data.Directory.ProxyAddressExistsException",
        f'The proxy address "{address}" is already being used by the proxy addresses or '
        f'LegacyExchangeDN of "{owner}". Please choose another proxy address.',
        category="NotSpecified",
    )


def domain_not_accepted(domain: str) -> CmdletError:
    return CmdletError(
        400,
        f"{TASKS}.RecipientTaskException",
        f"You can't use the domain {domain} because it's not an accepted domain for your organization.",
        category="InvalidArgument",
    )


def unknown_parameter(name: str) -> CmdletError:
    return CmdletError(
        400,
        BINDING,
        f"A parameter cannot be found that matches parameter name '{name}'.",
        category="InvalidArgument",
        target=name,
    )


def missing_parameters(*names: str) -> CmdletError:
    return CmdletError(
        400,
        BINDING,
        "Cannot process command because of one or more missing mandatory parameters: "
        + " ".join(names)
        + ".",
        category="InvalidArgument",
    )


def bad_value(parameter: str, value: object, type_name: str, reason: str = "") -> CmdletError:
    detail = f' Error: "{reason}"' if reason else ""
    return CmdletError(
        400,
        BINDING,
        f"Cannot process argument transformation on parameter '{parameter}'. "
        f'Cannot convert value "{value}" to type "{type_name}".{detail}',
        category="InvalidData",
        target=parameter,
    )


def not_in_set(parameter: str, value: object, accepted: tuple[str, ...] | list[str]) -> CmdletError:
    return CmdletError(
        400,
        BINDING,
        f"Cannot validate argument on parameter '{parameter}'. The argument \"{value}\" does not "
        f'belong to the set "{",".join(accepted)}" specified by the ValidateSet attribute. '
        "Supply an argument that is in the set and then try the command again.",
        category="InvalidData",
        target=parameter,
    )


def bad_filter(message: str) -> CmdletError:
    return CmdletError(
        400,
        BINDING,
        f'Cannot bind parameter \'Filter\' to the target. Exception setting "Filter": "{message}"',
        category="InvalidArgument",
        target="Filter",
    )


def invalid(message: str, exception: str = f"{TASKS}.RecipientTaskException") -> CmdletError:
    """A cmdlet-specific validation failure (the task refuses the request)."""
    return CmdletError(400, exception, message, category="InvalidArgument")


def not_available(cmdlet: str) -> CmdletError:
    return CmdletError(
        400,
        NOT_AVAILABLE,
        f"The cmdlet '{cmdlet}' is not available in the sandbox tenant.",
        category="NotImplemented",
    )


def unknown_cmdlet(cmdlet: str) -> CmdletError:
    return CmdletError(
        400,
        "System.Management.Automation.CommandNotFoundException",
        f"The term '{cmdlet}' is not recognized as a name of a cmdlet, function, script file, "
        "or executable program.",
        category="ObjectNotFound",
    )


def search_only_required() -> CmdletError:
    # The text admins report from the service (MicrosoftDocs/office-docs-powershell PR #13642).
    return CmdletError(
        400,
        SEARCH_ONLY,
        "Please close the current PowerShell session and open a new session using "
        "Connect-IPPSSession with the -EnableSearchOnlySession flag. This requires using "
        "ExchangeOnlineManagement v3.9.0 or higher.",
        category="PermissionDenied",
    )
