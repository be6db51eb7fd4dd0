"""sccshell: a shell for Exchange Online and Security & Compliance administrators."""

__version__ = "0.1.0"
