"""The prompt_toolkit side: Documents in, Completions out; models swapped whole."""

from __future__ import annotations

import io

from prompt_toolkit.completion import CompleteEvent, ThreadedCompleter
from prompt_toolkit.document import Document

from sccshell.environment import Environment
from sccshell.repl.completion import build_completer
from sccshell.repl.completion.completer import ModelCompleter
from sccshell.repl.completion.model import build_model
from sccshell.session import Session


def completions(completer, text: str, cursor: int | None = None):
    document = Document(text, len(text) if cursor is None else cursor)
    return list(completer.get_completions(document, CompleteEvent(completion_requested=True)))


def test_documents_to_completions(model) -> None:
    completer = ModelCompleter(model)
    found = completions(completer, "Set-Mailbox -Lit")
    assert [(c.text, c.start_position, c.display_meta_text) for c in found] == [
        ("-LitigationHoldEnabled", -4, "Boolean")
    ]
    # The cursor in the middle of the line completes the word before it.
    middle = completions(completer, "Get-Mailb | Select-Object", cursor=9)
    assert middle[0].text == "Get-Mailbox" and middle[0].start_position == -9
    assert middle[0].display_text == "Get-Mailbox"


def test_model_swap(small, model) -> None:
    completer = ModelCompleter(model)
    assert completions(completer, "Get-Fun") == []
    completer.model = build_model(small, functions=lambda: ["Get-Fun"])
    assert [c.text for c in completions(completer, "Get-Fun")] == ["Get-Fun"]


def test_build_completer_for_a_session(schema) -> None:
    env = Environment(stdin=io.StringIO(""), stdout=io.StringIO(), stderr=io.StringIO())
    session = Session(env, schema)
    completer = build_completer(session)
    try:
        assert isinstance(completer, ThreadedCompleter)
        session.evaluator.run("$reportDate = 1; function Get-Tally { 1 }")
        # as the user spelled it, though variables are case-insensitive
        assert [c.text for c in completions(completer, "$reportD")] == ["$reportDate"]
        assert "Get-Tally" in [c.text for c in completions(completer, "Get-Tal")]
        # Not connected: the schema's cmdlets are still offered, for writing scripts.
        assert completions(completer, "Get-Mailbo")[0].text == "Get-Mailbox"
        completer.usage.record_line("Get-MailboxStatistics -Identity x")
        assert completions(completer, "Get-Mailbo")[0].text == "Get-MailboxStatistics"
    finally:
        completer.close()


def test_fuzzy_matching_can_be_turned_off(schema) -> None:
    env = Environment(stdin=io.StringIO(""), stdout=io.StringIO(), stderr=io.StringIO())
    session = Session(env, schema)
    fuzzy, strict = build_completer(session), build_completer(session, fuzzy=False)
    try:
        assert "Get-Mailbox" in [c.text for c in completions(fuzzy, "gmbx")]
        assert completions(strict, "gmbx") == []
        assert completions(strict, "Get-Mailbo")[0].text == "Get-Mailbox"
        assert [c.text for c in completions(strict, "Get-Mailbox -Ident")] == ["-Identity"]
    finally:
        fuzzy.close()
        strict.close()


def test_enum_values_the_docs_give_only_in_prose(schema) -> None:
    env = Environment(stdin=io.StringIO(""), stdout=io.StringIO(), stderr=io.StringIO())
    completer = build_completer(Session(env, schema))
    try:
        offered = [c.text for c in completions(completer, "Get-Mailbox -RecipientTypeDetails Sh")]
        assert offered[0] == "SharedMailbox"
        assert [c.text for c in completions(completer, "Set-Mailbox x -Type ")] == [
            "Regular",
            "Room",
            "Equipment",
            "Shared",
        ]
        assert [c.text for c in completions(completer, "Add-MailboxPermission x -AccessRights F")][
            0
        ] == "FullAccess"
    finally:
        completer.close()
