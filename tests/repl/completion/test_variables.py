"""Variable names after `$`: the session's scope, automatic variables, the text's own."""

from __future__ import annotations

from sccshell.repl.completion.model import build_model
from sccshell.runtime.objects import PSObject

from .helpers import apply, suggest, texts


def test_session_automatic_and_text_variables(small) -> None:
    scope = {"mailboxes": [1, 2], "report": PSObject({"A": 1}, type_names=("My.Report",))}
    model = build_model(small, variables=lambda: scope)
    found = {s.text: s.meta for s in suggest("$", model)}
    assert found["$mailboxes"] == "array[2]"
    assert found["$report"] == "Report"
    assert {"$true", "$false", "$null", "$_", "$ErrorActionPreference"} <= set(found)
    assert texts("$mai", model) == ["$mailboxes"]
    assert texts("$list = 1\n$li", model)[0] == "$list"  # then $LASTEXITCODE, fuzzy
    assert "$Error" in texts("$er", model)


def test_environment_variables(small) -> None:
    model = build_model(small, environ=lambda: {"USERNAME": "me", "USERDOMAIN": "x"})
    found = suggest("Write-Output $env:USERN", model)
    assert [s.text for s in found] == ["$env:USERNAME", "$env:USERDOMAIN"]  # prefix, fuzzy
    assert apply("Write-Output $env:USERN", found[0]) == "Write-Output $env:USERNAME"


def test_a_failing_provider_gives_nothing(small) -> None:
    def broken() -> dict:
        raise RuntimeError("dictionary changed size during iteration")

    model = build_model(small, variables=broken)
    assert "$true" in texts("$t", model)


def test_operators_in_expressions(model) -> None:
    assert texts("if ($a -eq 1 -an", model) == ["-and"]
    assert texts("Get-Mailbox | Where-Object { $_.Name -li", model) == ["-like"]
