"""Realistic service objects, shaped as Exchange Online's JSON mode returns them."""

from __future__ import annotations

from sccshell.runtime.objects import PSObject

MAILBOX_TYPE = ("Deserialized.Microsoft.Exchange.Data.Directory.Management.Mailbox",)


def mailbox(name: str, alias: str, size: int = 1) -> PSObject:
    """A mailbox with the annotations the service puts beside its properties."""
    return PSObject(
        {
            "Name": name,
            "Alias": alias,
            "Database": "EURPR01DG123-db089",
            "ProhibitSendQuota": "99 GB (106,300,440,576 bytes)",
            "ProhibitSendQuota@data.type": "Microsoft.Exchange.Data.Unlimited`1",
            "ExternalDirectoryObjectId": "1b9f6b55-6a1c-4f3c-9a51-1c2f0e3b6a7d",
            "ExternalDirectoryObjectId@data.type": "System.Guid",
            "EmailAddresses@odata.type": "#Collection(String)",
            "EmailAddresses": [
                f"SMTP:{alias}@contoso.com",
                f"smtp:{alias}@contoso.onmicrosoft.com",
            ],
            "WhenCreated@data.type": "System.DateTime",
            "WhenCreated": "2022-09-21T08:07:47.0000000+00:00",
            "ItemCount@odata.type": "#Int32",
            "ItemCount": size,
        },
        type_names=MAILBOX_TYPE,
    )


MAILBOXES = [
    mailbox("Alice Smith", "alice", 1520),
    mailbox("Bob Jones-Mackenzie (Finance Department)", "bob.jones", 7),
]
