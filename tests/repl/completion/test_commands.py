"""Command names: cmdlets, prefixed names of live connections, aliases, functions."""

from __future__ import annotations

from sccshell.repl.completion.model import build_model

from .helpers import apply, suggest, texts


def test_prefix_matches_in_name_order(model) -> None:
    assert texts("Get-R", model)[:2] == ["Get-Recipient", "Get-RetentionCompliancePolicy"]
    found = suggest("get-mail", model)
    assert found[0].text == "Get-Mailbox" and found[0].start_position == -8
    assert found[0].meta == "Exchange Online"
    assert apply("get-mail", found[0]) == "Get-Mailbox"


def test_exact_before_prefix_before_fuzzy(model) -> None:
    # "sort" is an alias (exact); Sort-Object starts with it; nothing else does.
    found = texts("sort", model)
    assert found[:2] == ["sort", "Sort-Object"]
    assert found.index("Sort-Object") < min(
        (found.index(n) for n in found if not n.lower().startswith("sort")), default=99
    )


def test_fuzzy_subsequence(model) -> None:
    assert texts("gmbx", model)[0] == "Get-Mailbox"
    assert "Set-Mailbox" in texts("smbx", model)
    assert texts("zzq", model) == []


def test_initials_rank_first_among_fuzzy(model) -> None:
    # Both retention cmdlets contain the letters in order; only one spells them by initials.
    found = texts("Get-RCP", model)
    assert found[0] == "Get-RetentionCompliancePolicy"
    assert "Get-AppRetentionCompliancePolicy" in found[1:]


def test_prefixed_names_of_a_live_connection(prefixed) -> None:
    found = suggest("Get-SCCR", prefixed)
    assert [s.text for s in found][:1] == ["Get-SCCRetentionCompliancePolicy"]
    assert found[0].meta == "Security & Compliance (SCC)"
    # Only the connection's own service gets the prefix.
    assert "Get-SCCMailbox" not in texts("Get-SCC", prefixed)
    assert prefixed.resolve("Get-SCCRetentionCompliancePolicy").connection.prefix == "SCC"


def test_aliases_and_local_cmdlets(model) -> None:
    found = {s.text: s.meta for s in suggest("se", model)}
    assert found["Select-Object"] == "sccshell"
    assert found["select"] == "alias of Select-Object"
    # An alias of a cmdlet the schema does not have is not offered.
    assert "gci" not in texts("gc", model)


def test_functions_of_the_session_and_of_the_text(small) -> None:
    model = build_model(small, functions=lambda: ["Get-MyReport"])
    assert "Get-MyReport" in texts("Get-My", model)
    text = "function Invoke-Cleanup { 1 }\nInvoke-C"
    found = suggest(text, model)
    assert (found[0].text, found[0].kind) == ("Invoke-Cleanup", "function")


def test_usage_breaks_ties(model) -> None:
    before = texts("Get-", model)
    assert before.index("Get-Recipient") < before.index("Get-RetentionCompliancePolicy")
    model.usage.record_line("Get-RetentionCompliancePolicy | Select-Object Name")
    model.usage.record_line("Get-RetentionCompliancePolicy")
    after = texts("Get-", model)
    assert after[0] == "Get-RetentionCompliancePolicy"
    # Usage never lifts a fuzzy match above a prefix match.
    assert texts("Get-Ma", model)[0] == "Get-Mailbox"


def test_script_paths_after_dot_and_call(model, tmp_path, monkeypatch) -> None:
    (tmp_path / "report.scc").write_text("Get-Mailbox\n")
    (tmp_path / "notes.txt").write_text("")
    (tmp_path / "lib").mkdir()
    monkeypatch.chdir(tmp_path)
    assert texts(". ./", model) == ["./lib/", "./report.scc"]
    assert texts("& ./re", model) == ["./report.scc"]
    assert texts("./", model) == ["./lib/", "./report.scc"]
