"""The connect banner (EXOBanner, protocol §1.4) and a small $metadata document (§1.4)."""

from __future__ import annotations

from sccshell.sandbox.http import Response
from sccshell.sandbox.service.envelope import odata_response

# The module prints this when -ShowBanner is on; the real text changes with releases.
BANNER = """\
----------------------------------------------------------------------------------------
This V3 EXO PowerShell module contains new REST API backed Exchange Online cmdlets which doesn't require WinRM for Client-Server communication. You can now run these cmdlets after turning off WinRM Basic Auth in your client machine thus making it more secure.

Unlike the EXO* prefixed cmdlets, the cmdlets in this module support full functional parity with the RPS (V1) cmdlets.

V3 cmdlets in the downloaded module are resilient to transient failures, handling retries and throttling errors inherently.

You are connected to the sccshell sandbox tenant: a test double of the service, not Microsoft's.
----------------------------------------------------------------------------------------
"""

# Enough CSDL for a client to see the InvokeCommand action and the parameter types of §2.5
# (names as in the published Purview metadata; the entity sets are left out).
METADATA = """\
<?xml version="1.0" encoding="utf-8"?><edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices><Schema Namespace="Exchange" xmlns="http://docs.oasis-open.org/odata/ns/edm"><ComplexType Name="ComplexEntry" Abstract="true"><Property Name="ChangedProperties" Type="Collection(Edm.String)" /></ComplexType><ComplexType Name="GenericHashTable" OpenType="true" /><ComplexType Name="ByteArrayType" BaseType="Exchange.ComplexEntry"><Property Name="Data" Type="Collection(Edm.Byte)" /></ComplexType><ComplexType Name="StringFieldDeltaUpdateData" BaseType="Exchange.ComplexEntry"><Property Name="Add" Type="Collection(Edm.String)" /><Property Name="Remove" Type="Collection(Edm.String)" /></ComplexType><ComplexType Name="CmdletInvokeInputType" BaseType="Exchange.ComplexEntry"><Property Name="CmdletName" Type="Edm.String" Nullable="false" /><Property Name="Parameters" Type="Exchange.GenericHashTable" /></ComplexType><Action Name="InvokeCommand"><Parameter Name="CmdletInput" Type="Exchange.CmdletInvokeInputType" Nullable="false" /><ReturnType Type="Collection(Exchange.GenericHashTable)" /></Action><EntityContainer Name="container"><ActionImport Name="InvokeCommand" Action="Exchange.InvokeCommand" /></EntityContainer></Schema></edmx:DataServices></edmx:Edmx>"""


def banner_response(base_url: str, tenant: str) -> Response:
    context = f"{base_url}/adminapi/beta/{tenant}/$metadata#Edm.String"
    return odata_response({"@odata.context": context, "value": BANNER})


def metadata_response() -> Response:
    return Response(
        200,
        [("Content-Type", "application/xml;charset=utf-8"), ("OData-Version", "4.0")],
        METADATA.encode("utf-8"),
    )
