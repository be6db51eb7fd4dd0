"""The PowerShell text of the server-generated module: one proxy function per cmdlet (protocol §4).

The shape follows the dumped tmpEXO_*.psm1 (GEN): `# .ExternalHelp` comment, `function
script:Verb-Noun`, `[CmdletBinding(...)]`, a `param()` block whose parameters are sorted by
name and written `${Name}`, typed only where PowerShell has the type (Exchange's own types stay
untyped), and a body that hands `$PSBoundParameters` to `Execute-Command`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sccshell.sandbox.service.catalog import Catalog, supports_should_process
from sccshell.schema.model import ALL_SETS, Cmdlet, Parameter, ParameterSet

_TYPES = {
    "switchparameter": "switch",
    "string": "string",
    "string[]": "string[]",
    "boolean": "bool",
    "bool": "bool",
    "int32": "int",
    "int": "int",
    "int32[]": "int[]",
    "int64": "long",
    "uint32": "uint",
    "guid": "guid",
    "guid[]": "guid[]",
    "datetime": "datetime",
    "securestring": "securestring",
    "security.securestring": "securestring",
    "pscredential": "pscredential",
    "management.automation.pscredential": "pscredential",
    "management.automation.switchparameter": "switch",
    "pswshashtable": "hashtable",
    "hashtable": "hashtable",
    "collections.hashtable": "hashtable",
    "pswshashtable[]": "hashtable[]",
    "hashtable[]": "hashtable[]",
    "byte[]": "byte[]",
}
INDENT = "    "


def quote(text: str) -> str:
    """A PowerShell single-quoted string."""
    return "'" + text.replace("'", "''") + "'"


def type_literal(parameter: Parameter) -> str | None:
    """The proxy's type constraint for PARAMETER, or None for an untyped parameter."""
    if parameter.type is None:
        return None
    name = parameter.type.strip().lower().removeprefix("system.")
    found = _TYPES.get(name)
    if found is None and name.endswith("[]"):
        return "System.Object[]"  # multi-valued Exchange types, as the dump writes them
    return found


def confirm_impact(cmdlet: Cmdlet) -> str:
    # The schema has no ConfirmImpact; GEN has High on 129 cmdlets, Medium on 303, and the
    # High ones are removals.
    return "High" if cmdlet.verb.lower() == "remove" else "Medium"


def proxy_function(cmdlet: Cmdlet, service: str, catalog: Catalog) -> str:
    """The whole `function script:<name>` text for CMDLET as SERVICE serves it."""
    parameters = sorted(catalog.declared(cmdlet, service), key=lambda p: p.name.lower())
    layout = _Layout(cmdlet, parameters)
    blocks = [_parameter(layout, p) for p in parameters]
    lines = []
    if cmdlet.help_file:
        lines.append(f"# .ExternalHelp {cmdlet.help_file}")
    lines += [
        f"function script:{cmdlet.name}",
        "{",
        f"{INDENT}[CmdletBinding({_binding(cmdlet)})]",
        f"{INDENT}param(",
        INDENT,
        *([",\n\n".join(blocks)] if blocks else []),
        f"{INDENT})",
        *_body(cmdlet),
        "}",
    ]
    return "\n".join(lines) + "\n"


def default_set_name(cmdlet: Cmdlet) -> str | None:
    default = cmdlet.default_parameter_set or (
        cmdlet.default_set.name if cmdlet.default_set else None
    )
    return default if default != ALL_SETS else None


def _binding(cmdlet: Cmdlet) -> str:
    arguments = []
    default = default_set_name(cmdlet)
    if default:
        arguments.append(f"DefaultParameterSetName={quote(default)}")
    if supports_should_process(cmdlet):
        arguments.append("SupportsShouldProcess=$true")
        arguments.append(f"ConfirmImpact={quote(confirm_impact(cmdlet))}")
    return ", ".join(arguments)


class _Layout:
    """The cmdlet's parameter sets, seen through the parameters this service has."""

    def __init__(self, cmdlet: Cmdlet, parameters: Sequence[Parameter]) -> None:
        self.cmdlet = cmdlet
        self.names = {p.name.lower() for p in parameters}
        self.sets = cmdlet.parameter_sets

    def sets_of(self, parameter: Parameter) -> list[ParameterSet]:
        named = set(self.cmdlet.sets_of(parameter.name))
        return [s for s in self.sets if s.name in named]

    def flags(self, parameter_set: ParameterSet, name: str) -> tuple[str, ...]:
        flags = []
        if parameter_set.is_mandatory(name):
            flags.append("Mandatory=$true")
        # Positions count only the parameters the service has.
        positional = [n.lower() for n in parameter_set.positional if n.lower() in self.names]
        if name.lower() in positional:
            flags.append(f"Position={positional.index(name.lower())}")
        return tuple(flags)


def _parameter(layout: _Layout, parameter: Parameter) -> str:
    lines = [f"[Parameter({args})]" for args in _parameter_attributes(layout, parameter)]
    if parameter.aliases:
        lines.append(f"[Alias({','.join(quote(a) for a in parameter.aliases)})]")
    if parameter.accepted_values:
        lines.append(f"[ValidateSet({','.join(quote(v) for v in parameter.accepted_values)})]")
    literal = type_literal(parameter)
    if literal:
        lines.append(f"[{literal}]")
    lines.append("${" + parameter.name + "}")
    return "\n".join(INDENT + line for line in lines)


def _parameter_attributes(layout: _Layout, parameter: Parameter) -> list[str]:
    """One argument list per [Parameter()] attribute; none when the defaults say it all.

    With several sets, anything set-specific is written per set, so every set that some
    online parameter tells apart is named in the text. A set told apart only by
    on-premises parameters (Get-Mailbox's DatabaseSet) is then named nowhere: as in
    PowerShell, it does not exist.
    """
    sets = layout.sets
    in_sets = layout.sets_of(parameter)
    pipeline = _pipeline(parameter)
    flags = {s.name: layout.flags(s, parameter.name) for s in in_sets}
    if len(sets) == 1:
        common = (flags.get(sets[0].name) or ()) + pipeline
        if not common:
            return []
        if sets[0].name == ALL_SETS:
            return [", ".join(common)]
        return [", ".join([f"ParameterSetName={quote(sets[0].name)}", *common])]
    if len(in_sets) == len(sets) and not pipeline and not any(flags.values()):
        return []
    return [
        ", ".join([f"ParameterSetName={quote(s.name)}", *flags[s.name], *pipeline]) for s in in_sets
    ]


def _pipeline(parameter: Parameter) -> tuple[str, ...]:
    if not parameter.pipeline_input:
        return ()
    by = parameter.pipeline_input_by
    flags = []
    if not by or "ByValue" in by:
        flags.append("ValueFromPipeline=$true")
    if "ByPropertyName" in by:
        flags.append("ValueFromPipelineByPropertyName=$true")
    return tuple(flags)


def _body(cmdlet: Cmdlet) -> list[str]:
    call = (
        f"Execute-Command -CmdletName {quote(cmdlet.name)} -Parameters $PSBoundParameters "
        "-CmdletRequestId $CmdletRequestId"
    )
    process = [call]
    if supports_should_process(cmdlet):
        impact = 3 if confirm_impact(cmdlet) == "High" else 2
        process = [
            "$ShowConfirmPrompt = $false",
            f"$cmdletConfirmImpactValue = {impact}",
            "if ($ConfirmPreference -ne $null -and $ConfirmPreference.Value__ -gt 0 -and "
            "$ConfirmPreference.Value__ -le $cmdletConfirmImpactValue)",
            "{",
            f"{INDENT}$ShowConfirmPrompt = $true",
            "}",
            call + " -ShowConfirmPrompt $ShowConfirmPrompt -PSCmdletObject $PSCmdlet",
        ]
    inner = INDENT * 2
    return [
        f"{INDENT}Begin {{",
        f"{inner}$CmdletRequestId = [System.Guid]::NewGuid().ToString()",
        f"{INDENT}}}",
        f"{INDENT}Process {{",
        *(inner + line for line in process),
        f"{INDENT}}}",
        f"{INDENT}End {{",
        f"{INDENT}}}",
    ]


_HELPERS = """\
#region Helper functions
function Get-CurrentConnectionContext
{
    if ($ConnectionContextObjectId -ne $null)
    {
        return [Microsoft.Exchange.Management.ExoPowershellSnapin.ConnectionContextFactory]::GetCurrentConnectionContext($ConnectionContextObjectId)
    }
    return $null
}

# Sensitive values travel RSA-encrypted (PKCS#1 v1.5) with $PublicKey, base64-encoded.
function Encrypt-Value
{
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [AllowEmptyString()]
        [AllowNull()]
        $UnsecureString
    )
    process
    {
        if ($PublicKey -eq $null -or $PublicKey -eq '')
        {
            throw 'Required resource is not available to continue execution. Please re-establish the connection to continue.'
        }
        if ($UnsecureString -eq $null -or $UnsecureString -eq '')
        {
            return $UnsecureString
        }
        $Rsa = New-Object -TypeName System.Security.Cryptography.RSACryptoServiceProvider
        $Rsa.FromXmlString($PublicKey)
        $Cipher = [byte[]]$Rsa.Encrypt([System.Text.Encoding]::UTF8.GetBytes($UnsecureString), $false)
        $Rsa.Dispose()
        return [System.Convert]::ToBase64String($Cipher)
    }
}

function Execute-Command
{
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)]
        [string]
        $CmdletName,

        [Parameter(Mandatory)]
        $Parameters,

        $CmdletRequestId,

        $ShowConfirmPrompt = $false,

        $PSCmdletObject
    )
    process
    {
        $ConnectionContext = Get-CurrentConnectionContext
        if ($ConnectionContext -eq $null)
        {
            throw 'No connection context: run Connect-ExchangeOnline again.'
        }
        $ConnectionContext.InvokeCommand($CmdletName, $Parameters, $CmdletRequestId, $ShowConfirmPrompt, $PSCmdletObject)
    }
}
#endregion
"""


def module_text(
    *,
    title: str,
    functions: Sequence[str],
    names: Iterable[str],
    help_files: Iterable[str],
    public_key: str,
    connection_context_id: str,
    token_provider_id: str,
) -> str:
    """The whole ExchangeOnline.psm1 around the proxy FUNCTIONS."""
    help_list = ", ".join(quote(h) for h in sorted(set(help_files)))
    exported = ", ".join('"' + n + '"' for n in names)
    head = [
        f"# {title}",
        "",
        "#region Constants",
        "$DefaultHTTPTimeout = 960",
        "$DefaultMaxRetryTimes = 5",
        "$DefaultRetryIntervalInMilliSeconds = 2000",
        "$DefaultRetryIntervalExponentBase = 2",
        "$DefaultPageSize = 1000",
        f"$PublicKey = {quote(public_key)}",
        f"$HelpFileNames = @({help_list})",
        "$global:EXO_LastExecutionStatus = $true",
        "#endregion",
        "",
        _HELPERS,
    ]
    tail = [
        f"Export-ModuleMember -Function @({exported})",
        "Export-ModuleMember -Alias @()",
        "Export-ModuleMember -Variable @('HelpFileNames')",
        "#" * 78,
        f"$TokenProviderObjectId = {quote(token_provider_id)};",
        f"$ConnectionContextObjectId = {quote(connection_context_id)};",
        "",
    ]
    return "\n".join(head) + "\n" + "\n".join(functions) + "\n" + "\n".join(tail)
