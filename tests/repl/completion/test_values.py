"""Values after a parameter: ValidateSets, booleans, Unlimited, environments, profiles, paths."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from sccshell.environment import Environment
from sccshell.repl.completion.model import build_model
from sccshell.repl.completion.session_completer import _profile_names

from .helpers import apply, suggest, texts


def test_validate_set_in_its_order(model) -> None:
    assert texts("Set-Mailbox x -Type ", model) == ["Regular", "Room", "Equipment", "Shared"]
    assert texts("Set-Mailbox x -Type:Sh", model) == ["Shared"]
    assert texts("Set-Mailbox x -Type eq", model) == ["Equipment"]
    assert texts("Get-Mailbox -ErrorAction sil", model) == ["SilentlyContinue"]


def test_validate_set_inside_a_quote(model) -> None:
    found = suggest("Set-Mailbox x -Type 'Ro", model)
    assert [s.text for s in found] == ["'Room'"]
    assert apply("Set-Mailbox x -Type 'Ro", found[0]) == "Set-Mailbox x -Type 'Room'"


def test_booleans_and_switch_values(model) -> None:
    assert texts("Set-Mailbox x -LitigationHoldEnabled ", model) == ["$false", "$true"]
    assert texts("Set-Mailbox x -LitigationHoldEnabled $t", model) == ["$true"]
    assert texts("Set-Mailbox x -WhatIf:", model) == ["$false", "$true"]
    # A switch without a colon takes no value: the word is the next positional.
    assert "$true" not in texts("Get-Mailbox -Archive ", model)


def test_unlimited_for_result_size(model) -> None:
    assert texts("Get-Mailbox -ResultSize ", model) == ["Unlimited"]
    assert texts("Get-Mailbox -ResultSize:u", model) == ["Unlimited"]


def test_environment_names(model) -> None:
    found = texts("Connect-ExchangeOnline -ExchangeEnvironmentName O365U", model)
    assert found[:2] == ["O365USGovGCCHigh", "O365USGovDoD"]
    assert "O365China" not in found  # the others only as fuzzy matches, after these


def test_profile_names(small, tmp_path: Path) -> None:
    config = tmp_path / "sccshell"
    config.mkdir()
    (config / "profiles.yaml").write_text(
        "version: 1\nprofiles:\n"
        "  contoso:\n    environment: O365Default\n    organization: contoso.onmicrosoft.com\n"
        "    auth: {method: device}\n    connections: [{service: exchange}]\n"
        "  fabrikam:\n    environment: O365Default\n    organization: fabrikam.onmicrosoft.com\n"
        "    auth: {method: device}\n    connections: [{service: exchange}]\n"
    )
    env = Environment(stdin=io.StringIO(""), environ={"XDG_CONFIG_HOME": str(tmp_path)})

    class FakeSession:  # only what _profile_names reads
        pass

    session = FakeSession()
    session.env = env  # type: ignore[attr-defined]
    names = _profile_names(session)
    assert names == ("contoso", "fabrikam")
    model = build_model(small, profiles=names)
    # Connect-ExchangeOnline has no -Profile; the fixture Where-Object neither: use a value
    # parameter named Profile through a function-free path: the matcher by name.
    from sccshell.repl.completion import matchers
    from sccshell.repl.completion.context import analyze
    from sccshell.schema.model import Parameter

    ctx = analyze("Connect-Tenant -Profile fa", 26)
    cmdlet = small.get("Connect-ExchangeOnline")
    found = matchers.values(ctx, model, cmdlet, Parameter("Profile", "String"), None)
    assert [e.text for e in found] == ["fabrikam"]


def test_broken_profile_file_gives_no_names(tmp_path: Path) -> None:
    (tmp_path / "sccshell").mkdir()
    (tmp_path / "sccshell" / "profiles.yaml").write_text("version: 1\nprofiles: [\n")

    class FakeSession:
        env = Environment(stdin=io.StringIO(""), environ={"XDG_CONFIG_HOME": str(tmp_path)})

    assert _profile_names(FakeSession()) == ()


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "march.csv").write_text("a\n")
    (tmp_path / "My Files").mkdir()
    (tmp_path / "mailboxes.csv").write_text("a\n")
    (tmp_path / ".hidden").write_text("")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_paths_for_path_parameters(model, files: Path) -> None:
    # Directories first and left open, so that Tab goes on into them.
    assert texts("Export-Csv -Path ", model) == ["'My Files/", "reports/", "mailboxes.csv"]
    assert texts("Export-Csv -Path rep", model) == ["reports/"]
    assert texts("Export-Csv -Path reports/", model) == ["reports/march.csv"]
    assert texts("Get-Content ma", model) == ["mailboxes.csv"]  # positional -Path
    assert texts("Export-Csv -LiteralPath ./ma", model) == ["./mailboxes.csv"]
    assert texts("Export-Csv -Path .h", model) == [".hidden"]
    absolute = texts(f"Get-Content {files}/rep", model)
    assert absolute == [f"{files}/reports/"]


def test_paths_inside_quotes_keep_directories_open(model, files: Path) -> None:
    found = texts("Export-Csv -Path 'My", model)
    assert found == ["'My Files/"]
    assert texts("Export-Csv -Path 'My Files/", model) == []
    assert texts('Export-Csv -Path "mail', model) == ['"mailboxes.csv"']


def test_missing_directory_gives_nothing(model, files: Path) -> None:
    assert texts("Export-Csv -Path nowhere/x", model) == []


def test_value_of_an_unknown_parameter_is_nothing(model) -> None:
    assert texts("Get-Mailbox -Nothing ", model) == []
    assert texts("Get-Mailbox -Filter ", model) == []  # a free-text value
