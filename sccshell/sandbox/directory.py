"""The sandbox tenant's directory: users, apps, managed identities, passwords and roles.

Everything here is fixed and deterministic (object ids are derived from names), except the
app certificate and the managed identity header secret, which are made per Sandbox.
"""

from __future__ import annotations

import secrets
import tempfile
import threading
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sccshell.sandbox import hosts

if TYPE_CHECKING:
    from sccshell.sandbox.identity.keys import KeyPair

# Stable ids: the same names give the same GUIDs in every run and on every machine.
_NAMESPACE = uuid.UUID(hosts.TENANT_ID)


def _guid(label: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, label))


# protocol §1.3: the application permission app-only callers need on both services.
MANAGE_AS_APP = "Exchange.ManageAsApp"

ORGANIZATION_MANAGEMENT = "Organization Management"
HELP_DESK = "Help Desk"

# Role group -> service -> cmdlets; None means every cmdlet of that service. Help Desk is
# modelled on Exchange Online's built-in group (View-Only Recipients + User Options) and
# has nothing in Security & Compliance but reading sensitivity labels.
ROLE_GROUPS: dict[str, dict[str, frozenset[str] | None]] = {
    ORGANIZATION_MANAGEMENT: {"exchange": None, "compliance": None},
    HELP_DESK: {
        "exchange": frozenset(
            {
                "Get-AcceptedDomain",
                "Get-CASMailbox",
                "Get-Contact",
                "Get-DistributionGroup",
                "Get-DistributionGroupMember",
                "Get-InboxRule",
                "Get-Mailbox",
                "Get-MailboxFolderStatistics",
                "Get-MailboxPermission",
                "Get-MailboxStatistics",
                "Get-MailContact",
                "Get-MailUser",
                "Get-Recipient",
                "Get-User",
                "Set-Mailbox",
            }
        ),
        "compliance": frozenset({"Get-Label", "Get-LabelPolicy"}),
    },
}

# Entra directory role template ids, carried in tokens as `wids`.
_GLOBAL_ADMINISTRATOR = "62e90394-69f5-4237-9190-012177145e10"
_EXCHANGE_ADMINISTRATOR = "29232cdf-9323-42fd-ade2-1d097af3e4de"
_HELPDESK_ADMINISTRATOR = "729827e3-9c14-49f7-bb1b-9608f156bbb8"
_DEFAULT_USER_ROLE = "b79fbf4d-3ef9-4689-8143-76b194e85509"

KINDS = ("user", "app", "managed_identity")


@dataclass(frozen=True)
class Account:
    """A security principal of the tenant: a user, an app's service principal or a managed identity."""

    kind: str  # 'user' | 'app' | 'managed_identity'
    name: str  # the UPN for users, the display name otherwise
    display_name: str
    object_id: str  # the user's or service principal's object id: the token's `oid`
    app_id: str | None = None  # the application (client) id of apps and managed identities
    role_group: str | None = None
    app_roles: tuple[str, ...] = ()  # application permissions granted (app-only callers)
    directory_roles: tuple[str, ...] = ()  # Entra role template ids (`wids`)
    mfa_required: bool = False
    resource_id: str | None = None  # the Azure resource id of a managed identity

    @property
    def upn(self) -> str | None:
        return self.name if self.kind == "user" else None

    @property
    def is_app(self) -> bool:
        """True for app-only callers (apps and managed identities)."""
        return self.kind != "user"


# The Azure resource group the sandbox's managed identities live in.
_AUTOMATION_GROUP = f"/subscriptions/{_guid('subscription')}/resourceGroups/contoso-automation"


def _user(
    local: str, display_name: str, role_group: str, role: str, *, mfa_required: bool = False
) -> Account:
    """A user of the tenant domain with one directory role besides the default user role."""
    return Account(
        "user",
        f"{local}@{hosts.TENANT_DOMAIN}",
        display_name,
        _guid(f"user/{local}"),
        role_group=role_group,
        directory_roles=(role, _DEFAULT_USER_ROLE),
        mfa_required=mfa_required,
    )


def _app_only(
    kind: str,
    name: str,
    object_label: str,
    app_label: str,
    *,
    manage_as_app: bool = True,
    resource_id: str | None = None,
) -> Account:
    """An app's service principal or a managed identity: Organization Management, Exchange admin."""
    return Account(
        kind,
        name,
        name,
        _guid(object_label),
        app_id=_guid(app_label),
        role_group=ORGANIZATION_MANAGEMENT,
        app_roles=(MANAGE_AS_APP,) if manage_as_app else (),
        directory_roles=(_EXCHANGE_ADMINISTRATOR,),
        resource_id=resource_id,
    )


class Directory:
    """The accounts of tenant contoso and what each may do."""

    admin_password = "Sandbox-Admin-1!"
    helpdesk_password = "Sandbox-Helpdesk-1!"
    mfa_password = "Sandbox-Mfa-1!"
    pfx_password = "Sandbox-Pfx-1!"

    def __init__(self, sandbox: Any) -> None:
        self._sandbox = sandbox
        self.admin = _user(
            "admin", "MOD Administrator", ORGANIZATION_MANAGEMENT, _GLOBAL_ADMINISTRATOR
        )
        self.helpdesk = _user("helpdesk", "Helpdesk Operator", HELP_DESK, _HELPDESK_ADMINISTRATOR)
        self.mfa_user = _user(
            "mfa.user",
            "Megan Bowen",
            ORGANIZATION_MANAGEMENT,
            _EXCHANGE_ADMINISTRATOR,
            mfa_required=True,
        )
        # protocol §1.3: app-only = Exchange.ManageAsApp plus a role (here the role group).
        self.automation_app = _app_only(
            "app", "Contoso Automation", "sp/contoso-automation", "app/contoso-automation"
        )
        # The role group but not the application permission: Entra still issues it a token
        # (without `roles`); Exchange refuses that token (protocol §1.3).
        self.reporting_app = _app_only(
            "app",
            "Contoso Reporting",
            "sp/contoso-reporting",
            "app/contoso-reporting",
            manage_as_app=False,
        )
        # protocol §5.1: -ManagedIdentity (system-assigned) and -ManagedIdentityAccountId.
        self.system_identity = _app_only(
            "managed_identity",
            "contoso-automation-account",
            "mi/system",
            "mi/system/app",
            resource_id=f"{_AUTOMATION_GROUP}/providers/Microsoft.Automation/automationAccounts"
            "/contoso-automation-account",
        )
        self.user_identity = _app_only(
            "managed_identity",
            "contoso-exo-identity",
            "mi/user",
            "mi/user/app",
            resource_id=f"{_AUTOMATION_GROUP}/providers/Microsoft.ManagedIdentity"
            "/userAssignedIdentities/contoso-exo-identity",
        )
        self._passwords = {
            self.admin.object_id: self.admin_password,
            self.helpdesk.object_id: self.helpdesk_password,
            self.mfa_user.object_id: self.mfa_password,
        }
        self._accounts = (
            self.admin,
            self.helpdesk,
            self.mfa_user,
            self.automation_app,
            self.reporting_app,
            self.system_identity,
            self.user_identity,
        )
        self._by_oid = {a.object_id: a for a in self._accounts}
        # The App Service identity endpoint's secret (IDENTITY_HEADER), new for each Sandbox.
        self.identity_header = secrets.token_hex(16)
        self._certificate: KeyPair | None = None
        self._scratch: tempfile.TemporaryDirectory[str] | None = None
        self._lock = threading.Lock()

    # --- lookups ------------------------------------------------------------------

    @property
    def admin_upn(self) -> str:
        return self.admin.name

    def accounts(self, kind: str | None = None) -> list[Account]:
        return [a for a in self._accounts if kind is None or a.kind == kind]

    @property
    def users(self) -> list[Account]:
        return self.accounts("user")

    def user(self, upn: str) -> Account | None:
        """The user with this UPN (case-insensitive), or None."""
        wanted = upn.strip().lower()
        return next((a for a in self.users if a.name.lower() == wanted), None)

    def password_of(self, upn: str) -> str:
        """The documented password of a sandbox user, for tests."""
        account = self.user(upn)
        if account is None:
            raise KeyError(upn)
        return self._passwords[account.object_id]

    def check_password(self, account: Account, password: str) -> bool:
        expected = self._passwords.get(account.object_id)
        return expected is not None and secrets.compare_digest(
            expected.encode("utf-8"), password.encode("utf-8")
        )

    def app(self, app_id: str) -> Account | None:
        """The app registration (not managed identity) with this client id, or None."""
        wanted = app_id.strip().lower()
        return next((a for a in self.accounts("app") if a.app_id == wanted), None)

    def managed_identity(
        self,
        *,
        client_id: str | None = None,
        object_id: str | None = None,
        resource_id: str | None = None,
    ) -> Account | None:
        """The system-assigned identity when no selector is given, else the user-assigned one."""
        if client_id is None and object_id is None and resource_id is None:
            return self.system_identity
        for account in self.accounts("managed_identity"):
            if account is self.system_identity:
                continue  # a selector always names a user-assigned identity
            if (
                (client_id is not None and client_id.lower() == account.app_id)
                or (object_id is not None and object_id.lower() == account.object_id)
                or (
                    resource_id is not None
                    and resource_id.lower() == (account.resource_id or "").lower()
                )
            ):
                return account
        return None

    def account_by_oid(self, object_id: str) -> Account | None:
        return self._by_oid.get(object_id.lower())

    def account_from_claims(self, claims: Mapping[str, Any]) -> Account | None:
        """The account a verified token speaks for (by `oid`), or None for another tenant's."""
        if str(claims.get("tid", "")).lower() != hosts.TENANT_ID:
            return None
        return self.account_by_oid(str(claims.get("oid", "")))

    def role_cmdlets(self, account: Account, service: str) -> frozenset[str] | None:
        """The cmdlets ACCOUNT may run on SERVICE ('exchange' | 'compliance').

        None means every cmdlet of the service; otherwise a set of exact cmdlet names
        (compare them case-insensitively: the service does, protocol §2.1).
        """
        if service not in ("exchange", "compliance"):
            raise ValueError(f"unknown service {service!r}")
        if account.role_group is None:
            return frozenset()
        return ROLE_GROUPS[account.role_group][service]

    # --- the app certificate ----------------------------------------------------------

    def app_certificate(self) -> KeyPair:
        """The certificate registered on the apps (made on first use, kept in state_dir/app)."""
        # Imported here: the identity package imports this module for Account.
        from sccshell.sandbox.identity.keys import load_or_create

        with self._lock:
            if self._certificate is None:
                folder = self._certificate_folder()
                pair = load_or_create(
                    folder, "contoso-automation", "Contoso Automation", self._sandbox.clock.now()
                )
                pfx = folder / "contoso-automation.pfx"
                if not pfx.exists():
                    pair.write_pfx(pfx, self.pfx_password, "Contoso Automation")
                self._certificate = pair
            return self._certificate

    def app_certificate_paths(self) -> dict[str, str]:
        """pem_cert, pem_key, pfx, pfx_password, thumbprint (SHA-1 hex), thumbprint_sha256."""
        pair = self.app_certificate()
        assert pair.cert_path is not None and pair.key_path is not None
        return {
            "pem_cert": str(pair.cert_path),
            "pem_key": str(pair.key_path),
            "pfx": str(pair.cert_path.parent / "contoso-automation.pfx"),
            "pfx_password": self.pfx_password,
            "thumbprint": pair.sha1_thumbprint,
            "thumbprint_sha256": pair.sha256_thumbprint,
        }

    def _certificate_folder(self) -> Path:
        state_dir = self._sandbox.config.state_dir
        if state_dir is not None:
            return Path(state_dir) / "app"
        if self._scratch is None:
            # Removed when the Directory (and so the Sandbox) is garbage collected.
            self._scratch = tempfile.TemporaryDirectory(prefix="sccshell-sandbox-app-")
        return Path(self._scratch.name)

    # --- for `sccshell-sandbox serve` -------------------------------------------------

    def served_details(self) -> dict[str, Any]:
        """Sign-in details printed by the serve command beside its URLs."""
        return {
            "users": {a.name: self._passwords[a.object_id] for a in self.users},
            "app_id": self.automation_app.app_id,
            "app_without_role_id": self.reporting_app.app_id,
            "app_certificate": self.app_certificate_paths(),
            "identity_header": self.identity_header,
            "user_assigned_client_id": self.user_identity.app_id,
        }
