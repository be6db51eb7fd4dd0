"""The unified audit log: compact records, their AuditData JSON, and the admin trail.

Records are tuples; the AuditData JSON the service returns is built only when a
search result is formatted. Every state-changing cmdlet the tenant runs adds an
ExchangeAdmin (or SecurityComplianceCenterEOPCmdlet) record, as the service does.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any, NamedTuple

from sccshell.sandbox.tenant.records import ONMICROSOFT
from sccshell.sandbox.tenant.values import derived_guid, format_date

# AuditRecordType name -> number in AuditData.RecordType (the documented enum values).
RECORD_TYPES = {
    "ExchangeAdmin": 1,
    "ExchangeItem": 2,
    "ExchangeItemGroup": 3,
    "SharePoint": 4,
    "SharePointFileOperation": 6,
    "OneDrive": 7,
    "AzureActiveDirectory": 8,
    "AzureActiveDirectoryAccountLogon": 9,
    "DataCenterSecurityCmdlet": 10,
    "ComplianceDLPSharePoint": 11,
    "ComplianceDLPExchange": 13,
    "SharePointSharingOperation": 14,
    "AzureActiveDirectoryStsLogon": 15,
    "SkypeForBusinessPSTNUsage": 16,
    "SecurityComplianceCenterEOPCmdlet": 18,
    "ExchangeAggregatedOperation": 19,
    "PowerBIAudit": 20,
    "CRM": 21,
    "Yammer": 22,
    "SkypeForBusinessCmdlets": 23,
    "Discovery": 24,
    "MicrosoftTeams": 25,
    "ThreatIntelligence": 28,
    "MailSubmission": 29,
    "MicrosoftFlow": 30,
    "AeD": 31,
    "MicrosoftStream": 32,
    "ComplianceDLPSharePointClassification": 33,
    "ThreatFinder": 34,
    "Project": 35,
    "SharePointListOperation": 36,
    "SharePointCommentOperation": 37,
    "DataGovernance": 38,
    "Kaizala": 39,
    "SecurityComplianceAlerts": 40,
    "ThreatIntelligenceUrl": 41,
    "SecurityComplianceInsights": 42,
    "MIPLabel": 43,
    "WorkplaceAnalytics": 44,
    "PowerAppsApp": 45,
    "PowerAppsPlan": 46,
    "ThreatIntelligenceAtpContent": 47,
    "LabelContentExplorer": 48,
    "TeamsHealthcare": 49,
    "ExchangeItemAggregated": 50,
    "HygieneEvent": 51,
    "DataInsightsRestApiAudit": 52,
    "InformationBarrierPolicyApplication": 53,
    "SharePointListItemOperation": 54,
    "SharePointContentTypeOperation": 55,
    "SharePointFieldOperation": 56,
    "MicrosoftTeamsAdmin": 57,
    "HRSignal": 58,
    "MicrosoftTeamsDevice": 59,
    "MicrosoftTeamsAnalytics": 60,
    "InformationWorkerProtection": 61,
    "Campaign": 62,
    "DLPEndpoint": 63,
    "AirInvestigation": 64,
    "Quarantine": 65,
    "MicrosoftForms": 66,
    "ComplianceSupervisionExchange": 68,
    "CopilotInteraction": 261,
}
RECORD_TYPE_NAMES = {name.lower(): name for name in RECORD_TYPES}
WORKLOADS = {
    "ExchangeAdmin": "Exchange",
    "ExchangeItem": "Exchange",
    "ExchangeItemGroup": "Exchange",
    "ExchangeItemAggregated": "Exchange",
    "SharePointFileOperation": "SharePoint",
    "SharePointSharingOperation": "SharePoint",
    "OneDrive": "OneDrive",
    "AzureActiveDirectory": "AzureActiveDirectory",
    "AzureActiveDirectoryStsLogon": "AzureActiveDirectory",
    "MicrosoftTeams": "MicrosoftTeams",
    "ComplianceDLPExchange": "Exchange",
    "SecurityComplianceCenterEOPCmdlet": "SecurityComplianceCenter",
    "ThreatIntelligence": "ThreatIntelligence",
}
SECRET_PARAMETERS = frozenset({"password", "roommailboxpassword", "credential"})


class Record(NamedTuple):
    ts: float
    record_type: str
    operation: str
    user: str
    object_id: str
    client_ip: str
    serial: int
    extra: dict[str, Any] | None


class AuditLog:
    def __init__(self, tenant: Any) -> None:
        self.tenant = tenant
        self.records: list[Record] = []
        self.next_serial = 1

    def add(
        self,
        ts: float,
        record_type: str,
        operation: str,
        user: str,
        object_id: str = "",
        client_ip: str = "",
        extra: dict[str, Any] | None = None,
    ) -> Record:
        record = Record(
            ts, record_type, operation, user, object_id, client_ip, self.next_serial, extra
        )
        self.next_serial += 1
        self.records.append(record)
        return record

    def record_cmdlet(self, cmdlet: str, params: Any, ctx: Any) -> None:
        """The admin-audit entry of a state-changing cmdlet run by CTX's caller."""
        parameters = []
        for name in params.names():
            if name.lower() in SECRET_PARAMETERS or name.lower() in ("confirm", "whatif"):
                continue
            value = params.raw(name)
            text = ";".join(map(str, value)) if isinstance(value, list) else _text(value)
            parameters.append({"Name": name, "Value": text})
        object_id = (
            params.text("Identity") or params.text("Name") or params.text("SearchName") or ""
        )
        compliance = getattr(ctx, "service", "exchange") == "compliance"
        self.add(
            self.tenant.now(),
            "SecurityComplianceCenterEOPCmdlet" if compliance else "ExchangeAdmin",
            cmdlet,
            ctx.caller,
            object_id,
            "",
            {
                "Parameters": parameters,
                "AppId": "fb78d390-0c51-40cd-8e17-fdbfab77341b" if not ctx.is_app else "",
            },
        )

    def identity(self, record: Record) -> str:
        return derived_guid(self.tenant.seed, "audit", record.serial)

    def audit_data(self, record: Record) -> str:
        """The AuditData JSON string of RECORD."""
        created = datetime.fromtimestamp(record.ts, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
        data: dict[str, Any] = {
            "CreationTime": created,
            "Id": self.identity(record),
            "Operation": record.operation,
            "OrganizationId": self.tenant.tenant_id,
            "RecordType": RECORD_TYPES.get(record.record_type, 0),
            "ResultStatus": "Succeeded",
            "UserKey": derived_guid(self.tenant.seed, "user", record.user.lower()),
            "UserType": 2
            if record.record_type in ("ExchangeAdmin", "SecurityComplianceCenterEOPCmdlet")
            else 0,
            "Version": 1,
            "Workload": WORKLOADS.get(record.record_type, "Exchange"),
        }
        if record.client_ip:
            data["ClientIP"] = record.client_ip
        if record.object_id:
            data["ObjectId"] = record.object_id
        data["UserId"] = record.user
        if record.record_type == "ExchangeAdmin":
            data["ExternalAccess"] = False
            data["OrganizationName"] = ONMICROSOFT
            data["OriginatingServer"] = "SN4PR01MB7384 (15.20.8722.021)"
        for key, value in (record.extra or {}).items():
            data[key] = value
        return json.dumps(data, separators=(",", ":"))

    def render(self, record: Record, index: int, count: int) -> dict[str, Any]:
        """One Search-UnifiedAuditLog result object."""
        return {
            "RecordType": record.record_type,
            "CreationDate@data.type": "System.DateTime",
            "CreationDate": format_date(record.ts),
            "UserIds": record.user,
            "Operations": record.operation,
            "AuditData": self.audit_data(record),
            "ResultIndex@data.type": "System.Int32",
            "ResultIndex": index,
            "ResultCount@data.type": "System.Int32",
            "ResultCount": count,
            "Identity": self.identity(record),
            "IsValid": True,
            "ObjectState": "Unchanged",
        }

    def to_rows(self) -> list[list[Any]]:
        return [list(r) for r in self.records]

    def load_rows(self, rows: list[list[Any]], next_serial: int) -> None:
        self.records = [Record(*row) for row in rows]
        self.next_serial = next_serial


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, dict):
        return json.dumps({k: v for k, v in value.items() if "@" not in k})
    return "" if value is None else str(value)
