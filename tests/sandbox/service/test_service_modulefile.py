"""EXOModuleFile and the generated module: protocol §4 (and §2.5 for its $PublicKey)."""

from __future__ import annotations

import re
import time

import pytest
from service_helpers import READER_OID, body, invoke_url, make_sandbox, module_headers, user_token

from sccshell.language import FunctionAst, parse, walk
from sccshell.sandbox import hosts
from sccshell.sandbox.service.catalog import supports_should_process
from sccshell.sandbox.service.rsakey import encrypt_with_xml
from sccshell.schema.common import COMMON_NAMES, SHOULD_PROCESS_NAMES
from sccshell.schema.functions import function_cmdlet

MODULE_FILE = "/AdminApi/v1.0/{tenant}/EXOModuleFile?Version=3.10.1"


def _get(client, token, host=hosts.EXCHANGE, **headers):
    url = f"https://{host}" + MODULE_FILE.format(tenant=hosts.TENANT_ID)
    # protocol §2.2: the bootstrap headers GO and CIPP send
    sent = {
        "Authorization": f"Bearer {token}",
        "CommandName": "*",
        "X-InitializeConnectionContextObjectIdDynamic": "true",
    }
    sent.update(headers)
    return client.get(url, headers=sent)


def _module(response) -> str:
    entry = response.json()["value"][0]
    assert entry["fileName"] == "ExchangeOnline.psm1"
    return entry["fileContent"]


@pytest.fixture(scope="module")
def admin_module():
    """The admin's Exchange module, fetched once: (text, response json, seconds, catalog)."""
    sandbox = make_sandbox()
    from service_helpers import http_client

    with http_client(sandbox) as client:
        token = user_token(sandbox)
        sandbox.rest.key.public_xml()  # the key exists before timing the generation
        started = time.perf_counter()
        response = _get(client, token)
        seconds = time.perf_counter() - started
    assert response.status_code == 200
    return _module(response), response.json(), seconds, sandbox.rest.catalog


def test_response_shape(admin_module):
    # protocol §4: {"value":[{"fileName","fileContent"}]}; CIPP reads .value.exportedCmdlets
    text, payload, _, catalog = admin_module
    assert list(payload) == ["value"]
    names = payload["value"][0]["exportedCmdlets"].split(",")
    assert names == list(catalog.names("exchange"))
    assert (
        "Get-Mailbox" in names
        and "Get-EXOMailbox" not in names
        and "Get-ComplianceSearch" not in names
    )


def test_generation_is_fast_and_cached(admin_module, capsys):
    text, _, seconds, _ = admin_module
    with capsys.disabled():
        print(f"\nEXOModuleFile: {len(text) / 1e6:.2f} MB, first generation {seconds:.2f} s")
    assert seconds < 5


def test_module_parses_and_matches_the_schema(admin_module):
    # protocol §4: one `function script:<name>` per cmdlet with its full param() block
    text, payload, _, catalog = admin_module
    tree = parse(text)
    functions = {f.name: f for f in walk(tree) if isinstance(f, FunctionAst)}
    proxies = {
        name.removeprefix("script:"): f
        for name, f in functions.items()
        if name.startswith("script:")
    }
    assert list(proxies) == payload["value"][0]["exportedCmdlets"].split(",")
    assert {"Execute-Command", "Encrypt-Value"} <= set(functions)  # helpers: not exported
    problems = []
    for name, function in proxies.items():
        problems += _compare(catalog, name, function_cmdlet(function))
    assert problems == []


def _compare(catalog, name, generated) -> list[str]:
    cmdlet = catalog.cmdlet(name, "exchange")
    declared = {p.name.lower(): p for p in catalog.declared(cmdlet, "exchange")}
    got = {
        k for k in generated.parameters if k not in COMMON_NAMES and k not in SHOULD_PROCESS_NAMES
    }
    problems = []
    if got != set(declared):
        problems.append(f"{name}: parameters differ: {sorted(got ^ set(declared))}")
    if ("whatif" in generated.parameters) != supports_should_process(cmdlet):
        problems.append(f"{name}: SupportsShouldProcess differs")
    for key, parameter in declared.items():
        mine = generated.parameters.get(key)
        if mine is not None and mine.is_switch != parameter.is_switch:
            problems.append(f"{name} -{parameter.name}: switch differs")
        if mine is not None and tuple(mine.aliases) != tuple(parameter.aliases):
            problems.append(f"{name} -{parameter.name}: aliases differ")
        if mine is not None and mine.accepted_values != parameter.accepted_values:
            problems.append(f"{name} -{parameter.name}: ValidateSet differs")
    sets = cmdlet.parameter_sets
    for schema_set in sets:
        mine = (
            generated.parameter_set(schema_set.name)
            if len(sets) > 1
            else generated.parameter_sets[0]
        )
        if mine is None:
            # Allowed only for a set no online parameter tells apart (Get-Mailbox's
            # DatabaseSet): PowerShell has no such set either.
            if _told_apart(cmdlet, schema_set, declared):
                problems.append(f"{name}: no parameter set {schema_set.name}")
            continue
        members = {m.name.lower() for m in schema_set.members if m.name.lower() in declared}
        members |= {k for k in declared if k not in cmdlet.membership}  # in every set
        got_members = {m.name.lower() for m in mine.members} - SHOULD_PROCESS_NAMES
        if got_members != members:
            problems.append(
                f"{name} [{schema_set.name}]: members differ: {sorted(got_members ^ members)}"
            )
        mandatory = {m.lower() for m in schema_set.mandatory if m.lower() in declared}
        if {m.lower() for m in mine.mandatory} != mandatory:
            problems.append(f"{name} [{schema_set.name}]: mandatory differs")
        positional = [p.lower() for p in schema_set.positional if p.lower() in declared]
        # Without any Position, PowerShell numbers parameters in declaration order, as the
        # real generated module's functions do too: compare only where the schema has some.
        if positional and [p.lower() for p in mine.positional] != positional:
            problems.append(f"{name} [{schema_set.name}]: positions differ")
    default = cmdlet.default_parameter_set
    if len(sets) > 1 and default and generated.default_parameter_set != default:
        problems.append(f"{name}: default set differs")
    return problems


def _told_apart(cmdlet, schema_set, declared) -> bool:
    for member in schema_set.members:
        key = member.name.lower()
        if key not in declared:
            continue
        containing = [s for s in cmdlet.parameter_sets if key in s]
        flags = {
            (s.is_mandatory(key), key in [p.lower() for p in s.positional]) for s in containing
        }
        if (
            len(containing) < len(cmdlet.parameter_sets)
            or len(flags) > 1
            or flags != {(False, False)}
        ):
            return True
    return False


def _function_text(text, name):
    start = text.index(f"function script:{name}\n")
    return text[start : text.index("\n}\n", start)]


def test_proxy_function_shape(admin_module):
    # protocol §4: the GEN format
    text = admin_module[0]
    assert (
        "# .ExternalHelp Microsoft.Exchange.WebClient-Help.xml\nfunction script:Remove-App\n"
        in text
    )
    remove_app = _function_text(text, "Remove-App")
    assert "[CmdletBinding(SupportsShouldProcess=$true, ConfirmImpact='High')]" in remove_app
    assert (
        "[Parameter(Mandatory=$true, Position=0, ValueFromPipeline=$true)]\n    ${Identity}"
        in remove_app
    )
    assert "[switch]\n    ${OrganizationApp}" in remove_app
    assert "Execute-Command -CmdletName 'Remove-App' -Parameters $PSBoundParameters" in remove_app
    set_mailbox = _function_text(text, "Set-Mailbox")
    assert (
        "DefaultParameterSetName='Identity', SupportsShouldProcess=$true, ConfirmImpact='Medium'"
        in set_mailbox
    )
    assert re.search(
        r"\[Parameter\(ParameterSetName='Identity', Mandatory=\$true, Position=0, "
        r"ValueFromPipelineByPropertyName=\$true\)\]",
        set_mailbox,
    )
    get_mailbox = _function_text(text, "Get-Mailbox")
    assert "[ValidateSet(" in get_mailbox or "[Alias(" in text
    assert "[CmdletBinding(" in get_mailbox and "SupportsShouldProcess" not in get_mailbox


def test_module_globals(admin_module):
    text = admin_module[0]
    assert re.search(
        r"^\$PublicKey = '<RSAKeyValue><Modulus>[A-Za-z0-9+/=]+</Modulus><Exponent>AQAB</Exponent></RSAKeyValue>'$",
        text,
        re.M,
    )
    assert re.search(
        r"^\$HelpFileNames = @\('Microsoft\.Exchange\.[A-Za-z]+-Help\.xml'", text, re.M
    )
    assert re.search(r"^\$ConnectionContextObjectId = '[0-9a-f-]{36}';$", text, re.M)
    assert re.search(r"^\$TokenProviderObjectId = '[0-9a-f-]{36}';$", text, re.M)
    assert re.search(r'^Export-ModuleMember -Function @\("Add-', text, re.M)


def test_connection_id_becomes_the_context_object_id(client, token):
    connection = "0f0e0d0c-0b0a-4909-8807-060504030201"
    text = _module(_get(client, token, **{"connection-id": connection}))
    assert f"$ConnectionContextObjectId = '{connection}';" in text


def test_public_key_encrypts_what_invoke_command_decrypts(client, sandbox, token):
    # protocol §2.5: the module encrypts with $PublicKey; the service decrypts
    text = _module(_get(client, token))
    public_key = re.search(r"^\$PublicKey = '([^']+)'$", text, re.M).group(1)
    secret = encrypt_with_xml(public_key, "Correct horse")
    response = client.post(
        invoke_url(),
        json=body("Set-Mailbox", Identity="user0001", Password=secret),
        headers=module_headers(token),
    )
    assert response.status_code == 200
    assert sandbox.tenant.calls[-1].parameters["Password"] == "Correct horse"


def test_roles_trim_the_module(client, sandbox):
    # protocol §4: the functions reflect the caller's roles
    token = user_token(sandbox, oid=READER_OID)
    response = _get(client, token)
    assert response.json()["value"][0]["exportedCmdlets"] == "Get-Mailbox,Get-Recipient"
    text = _module(response)
    assert "function script:Get-Mailbox" in text and "function script:Set-Mailbox" not in text


def test_command_name_header_selects_cmdlets(client, sandbox, token):
    # protocol §4 [I]: -CommandName travels as the CommandName header (wildcards as in PowerShell)
    response = _get(client, token, CommandName="get-mailbox,Set-Mailbox*,Nope")
    names = response.json()["value"][0]["exportedCmdlets"].split(",")
    served = sandbox.rest.catalog.names("exchange")
    assert names == [n for n in served if n == "Get-Mailbox" or n.startswith("Set-Mailbox")]
    assert "Set-MailboxFolderPermission" in names
    text = _module(response)
    assert text.count("function script:") == len(names)


def test_compliance_module(client, sandbox):
    token = user_token(sandbox, aud=hosts.COMPLIANCE_RESOURCE)
    response = _get(client, token, host=hosts.COMPLIANCE_REGION)
    names = response.json()["value"][0]["exportedCmdlets"].split(",")
    assert (
        "Get-ComplianceSearch" in names and "Get-Recipient" in names and "Get-Mailbox" not in names
    )
    parse(_module(response))


def test_module_file_needs_a_token(client):
    url = f"https://{hosts.EXCHANGE}" + MODULE_FILE.format(tenant=hosts.TENANT_ID)
    assert client.get(url).status_code == 401


def test_module_file_path_is_case_insensitive(client, token):
    url = f"https://{hosts.EXCHANGE}/adminapi/v1.0/{hosts.TENANT_DOMAIN}/exomodulefile"
    assert client.get(url, headers={"Authorization": f"Bearer {token}"}).status_code == 200
