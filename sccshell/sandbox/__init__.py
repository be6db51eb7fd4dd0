"""The sandbox tenant: a test double of the Microsoft sign-in, Exchange Online and
Security & Compliance services that follows shared/protocol.md.

Nothing outside this package may know that it is talking to the sandbox.
"""
