"""The sandbox's Exchange Online and Security & Compliance tenant (objects and cmdlets).

The REST layer (sandbox/service) calls `Tenant.invoke` / `Tenant.describe`; api.py is
the contract between the two.
"""

from sccshell.sandbox.tenant.api import CmdletError, CmdletResult, InvocationContext
from sccshell.sandbox.tenant.tenant import Tenant

__all__ = ["Tenant", "CmdletError", "CmdletResult", "InvocationContext"]
