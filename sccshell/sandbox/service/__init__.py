"""The REST front end of the sandbox's Exchange Online and Security & Compliance services.

It speaks shared/protocol.md: InvokeCommand, $batch, EXOModuleFile, the banner and the
compliance redirect. The tenant (sandbox.tenant) runs the cmdlets; this package checks
requests, pages results and shapes every answer as the service does.
"""

from sccshell.sandbox.service.app import RestService

__all__ = ["RestService"]
