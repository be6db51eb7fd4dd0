"""Ranking: exact, prefix, fuzzy (initials first), then usage; groups last."""

from __future__ import annotations

from sccshell.repl.completion.rank import (
    EXACT,
    FUZZY,
    PREFIX,
    Entry,
    NameIndex,
    initials_match,
    name_words,
)


def test_classes_and_order() -> None:
    index = NameIndex([Entry("Get-MailboxX"), Entry("Get-Mailbox"), Entry("Get-MbxAudit")])
    hits = {index.entries[i].text: cls for i, cls, _ in index.match("get-mailbox")}
    assert hits == {"Get-Mailbox": EXACT, "Get-MailboxX": PREFIX}
    assert {index.entries[i].text: c for i, c, _ in index.match("gmbx")} == {
        "Get-MailboxX": FUZZY,
        "Get-Mailbox": FUZZY,
        "Get-MbxAudit": FUZZY,
    }
    # Fuzzy: the shortest span first ("Mbx" is contiguous in Get-MbxAudit).
    assert [e.text for e in index.ranked("gmbx")][0] == "Get-MbxAudit"


def test_groups_rank_last_and_usage_breaks_ties() -> None:
    index = NameIndex([Entry("-Verbose", key="Verbose", group=1), Entry("-Value", key="Value")])
    assert [e.key for e in index.ranked("v")] == ["Value", "Verbose"]
    counts = {"Verbose": 5}
    both = NameIndex([Entry("Vb", key="Vb"), Entry("Va", key="Va")])
    assert [e.key for e in both.ranked("v", lambda e: counts.get(e.key, 0))] == ["Va", "Vb"]
    assert [e.key for e in both.ranked("v", lambda e: {"Vb": 2}.get(e.key, 0))] == ["Vb", "Va"]


def test_initials() -> None:
    words = name_words("Get-RetentionCompliancePolicy")
    assert words == ("get", "retention", "compliance", "policy")
    assert initials_match("Get-RCP", words)
    assert initials_match("grecop", words)
    assert not initials_match("gmbx", name_words("Get-Mailbox"))
    assert initials_match("ft", name_words("Format-Table"))
    assert not initials_match("", words)
