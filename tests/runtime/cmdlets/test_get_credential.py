"""Get-Credential: a user name and a hidden password, as a PSCredential that never prints."""

from __future__ import annotations

from cmdlet_helpers import FakeHost

from sccshell.runtime.api import CmdletContext
from sccshell.runtime.cmdlets import LOCAL_CMDLETS
from sccshell.runtime.values import to_string


def test_get_credential_asks_and_hides_the_password() -> None:
    host = FakeHost(["admin@contoso.onmicrosoft.com", "s3cret!"])
    ctx = CmdletContext("Get-Credential", {}, (), host)
    (cred,) = list(LOCAL_CMDLETS["Get-Credential"](ctx))
    assert cred["UserName"] == "admin@contoso.onmicrosoft.com"
    assert cred["Password"].reveal() == "s3cret!"
    assert "s3cret!" not in to_string(cred) and "s3cret!" not in repr(cred)
    assert host.prompts[-1][1] is True  # the password prompt was a secret one
