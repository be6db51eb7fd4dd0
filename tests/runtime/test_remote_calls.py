"""Remote cmdlets as a session runs them: -WhatIf, pipeline binding, what is never sent."""

from __future__ import annotations

from sccshell.language import parse


def run(session, text: str) -> list:
    session.env.stdout.seek(0)
    session.env.stdout.truncate()
    session.env.stderr.seek(0)
    session.env.stderr.truncate()
    return list(session.evaluator.iter_run(parse(text)))


def test_what_if_shows_the_service_message_and_changes_nothing(connected) -> None:
    out = run(
        connected,
        "$before = (Get-Mailbox admin).CustomAttribute3\n"
        "Set-Mailbox -Identity admin -CustomAttribute3 whatif-value -WhatIf\n"
        "(Get-Mailbox admin).CustomAttribute3 -eq $before",
    )
    assert out == [True]
    assert connected.env.stdout.getvalue() == 'What if: Setting mailbox "admin".\n'


def test_what_if_in_a_batched_pipeline_shows_one_message_per_object(connected) -> None:
    run(
        connected,
        "Get-Mailbox -ResultSize 3 -WarningAction SilentlyContinue |"
        " Set-Mailbox -CustomAttribute3 x -WhatIf",
    )
    lines = connected.env.stdout.getvalue().splitlines()
    assert len(lines) == 3 and all(line.startswith("What if: Setting mailbox") for line in lines)


def test_an_object_no_parameter_takes_is_an_error_and_is_not_sent(connected) -> None:
    # Set-Mailbox takes Identity by property name only: a bare string binds to nothing.
    out = run(
        connected,
        "'admin', 'helpdesk' | Set-Mailbox -CustomAttribute4 never; \"$?\"; "
        "(Get-Mailbox admin).CustomAttribute4 -eq 'never'",
    )
    assert out == ["False", False]
    assert connected.env.stderr.getvalue().count("cannot be bound to any parameters") == 2


def test_objects_bind_by_their_identity(connected) -> None:
    out = run(
        connected,
        "Get-Mailbox -ResultSize 4 -WarningAction SilentlyContinue | Set-Mailbox -CustomAttribute5 p\n"
        "(Get-Mailbox -ResultSize 4 -WarningAction SilentlyContinue |"
        " Where-Object CustomAttribute5 -eq p).Count",
    )
    assert out == [4]
