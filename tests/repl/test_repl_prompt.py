"""Whole-prompt flows: Enter that continues open input, Alt-Enter, Tab, F1, colours, highlighting."""

from __future__ import annotations

import io
import threading
import time
from pathlib import Path

import pytest
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from prompt_toolkit.output.vt100 import Vt100_Output

from sccshell.config import Config, defaults, merge_text
from sccshell.environment import Environment
from sccshell.profiles.model import Profile
from sccshell.repl.app import build_prompt_session, build_style
from sccshell.repl.help import cmdlet_name_at, help_for
from sccshell.repl.highlight import UNKNOWN, NameChecker, ShellLexer, highlight
from sccshell.repl.multiline import needs_more
from sccshell.repl.prompt import prompt_fragments
from sccshell.session import Session

ENTER, ALT_ENTER, F1 = "\r", "\x1b\r", "\x1bOP"


@pytest.fixture
def session(schema) -> Session:
    streams = dict(stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO())
    return Session(Environment(**streams, environ={}), schema)


def _config(text: str = "") -> Config:
    return Config(merge_text(defaults(), text, "config.yaml"))


def _state(prompt) -> tuple:
    buffer = prompt.app.current_buffer
    index = buffer.complete_state.complete_index if buffer.complete_state else None
    return buffer.text, buffer.cursor_position, index


def _read(session: Session, *steps: str, config: Config | None = None, **kw) -> str:
    """One prompt fed STEPS; each waits until the previous one showed on the buffer (the
    completer runs in the background, and a loaded machine may take its time)."""
    with create_pipe_input() as pipe:
        prompt = build_prompt_session(
            session, config or _config(), input=pipe, output=kw.pop("output", DummyOutput()), **kw
        )

        def shown(step: str, before: tuple) -> bool:
            now = _state(prompt)
            if step in ("\t", "\x1b[Z"):  # the completion arrived, or moved on
                return now[2] is not None and now != before
            if step.isprintable():
                return now[0].endswith(step)
            return now != before

        def feed() -> None:
            for step in steps:
                before = _state(prompt)
                pipe.send_text(step)
                deadline = time.monotonic() + 5
                while not shown(step, before) and time.monotonic() < deadline:
                    if stop.wait(0.02):
                        return

        stop = threading.Event()
        feeder = threading.Thread(target=feed)
        feeder.start()
        try:
            return prompt.prompt()
        finally:
            stop.set()
            feeder.join()


@pytest.mark.parametrize(
    "text, more",
    [
        ("foreach ($n in 1..3) {", True),
        ("Get-Mailbox |", True),
        ("Get-Mailbox `", True),
        ("(1 +", True),
        ("'open string", True),
        ("Get-Mailbox -ResultSize 3", False),
        ("Get-Mailbox -Identity)", False),  # a real error is submitted and reported
        ("", False),
    ],
)
def test_enter_continues_only_unfinished_input(text: str, more: bool) -> None:
    assert needs_more(text) is more


def test_an_open_block_continues_in_the_same_buffer(session: Session) -> None:
    text = _read(session, "foreach ($n in 1..3) {" + ENTER + '  "line $n" }' + ENTER)
    assert text == 'foreach ($n in 1..3) {\n  "line $n" }'


def test_a_trailing_pipe_continues_and_alt_enter_always_breaks_the_line(session) -> None:
    assert _read(session, "Get-Mailbox |" + ENTER + "Select-Object Name" + ENTER) == (
        "Get-Mailbox |\nSelect-Object Name"
    )
    assert _read(session, "Get-Date" + ALT_ENTER + "Get-Date" + ENTER) == "Get-Date\nGet-Date"


def test_tab_completes_a_cmdlet_name(session: Session) -> None:
    assert (
        _read(session, "Get-RetentionComplianceP", "\t", ENTER) == "Get-RetentionCompliancePolicy"
    )


@pytest.mark.parametrize("cycling", ["false", "true"])
def test_tab_replaces_the_word_with_each_candidate_in_turn(session: Session, cycling) -> None:
    config = _config(f"tab_cycling: {cycling}\n")
    first = _read(session, "Get-Mailbox -Ident", "\t", ENTER, config=config)
    assert first == "Get-Mailbox -Identity"
    # Two presses give the second candidate, whatever the engine orders first.
    one = _read(session, "Set-Mailbox -Ret", "\t", ENTER, config=config)
    two = _read(session, "Set-Mailbox -Ret", "\t", "\t", ENTER, config=config)
    back = _read(session, "Set-Mailbox -Ret", "\t", "\t", "\x1b[Z", ENTER, config=config)
    assert one != two and one.startswith("Set-Mailbox -Ret") and two.startswith("Set-Mailbox -Ret")
    assert back == one


def test_f1_shows_help_and_keeps_the_typed_line(session: Session) -> None:
    shown: list[str] = []
    text = _read(session, "Get-Mailbox -Identity bob", "\x1b[D" * 20 + F1, ENTER, show=shown.append)
    assert text == "Get-Mailbox -Identity bob"
    assert shown and shown[0].startswith("NAME\n    Get-Mailbox")
    assert "SYNTAX" in shown[0] and "-Identity <" in shown[0]


def test_f1_names_the_cmdlet_of_the_element_under_the_cursor(session: Session) -> None:
    line = "Get-Mailbox -ResultSize 3 | Select-Object Name"
    assert cmdlet_name_at(line, len(line)) == "Select-Object"
    assert cmdlet_name_at(line, 5) == "Get-Mailbox"
    assert cmdlet_name_at("", 0) is None
    assert help_for(session, "Get-Mailbx", 3).startswith(
        "F1: no help for 'Get-Mailbx': it is not a known cmdlet; did you mean Get-Mailbox?"
    )
    assert help_for(session, "", 0).startswith("F1: put the cursor on a cmdlet")


def _rendered_prompt(session: Session, profile: Profile | None) -> str:
    screen = io.StringIO()
    output = Vt100_Output(screen, lambda: Size(rows=24, columns=100), term="xterm-256color")
    _read(session, ENTER, output=output, profile=profile)
    return screen.getvalue()


def test_a_production_profile_has_a_red_prompt_and_others_their_colour(session) -> None:
    production = _rendered_prompt(session, Profile("prod", production=True, color="green"))
    assert "PS prod>" in production
    assert "\x1b[0;97;41;1mPS prod>" in production  # white on red, bold
    lab = _rendered_prompt(session, Profile("lab", color="blue"))
    assert "\x1b[0;34;1mPS lab>" in lab
    style = build_style(_config("colors:\n  production: 'bg:#aa0000'\n"))
    assert style.get_attrs_for_style_str("class:prompt.production").bgcolor == "aa0000"


def test_the_prompt_names_the_profile_else_the_tenant() -> None:
    assert prompt_fragments(None, [])[0][1] == "PS>"
    assert prompt_fragments(Profile("lab"), [])[0][1] == "PS lab>"


def test_unknown_cmdlets_and_parameters_are_marked(session: Session) -> None:
    checker = NameChecker(session)
    lines = highlight(
        "Get-Mailbx -Identity x | Where-Object { $_.Name -eq 'a' }\nSet-Mailbox -Nope 1 -Ident x",
        checker,
    )
    marked = [text for line in lines for style, text in line if style == UNKNOWN]
    assert marked == ["Get-Mailbx", "-Nope"]
    assert len(lines) == 2
    # Functions defined in the shell are known commands.
    assert [t for s, t in highlight("My-Thing", checker)[0] if s == UNKNOWN] == ["My-Thing"]
    session.evaluator.run("function My-Thing { 1 }")
    assert [t for s, t in highlight("My-Thing", checker)[0] if s == UNKNOWN] == []


def test_highlighting_is_cached_by_text(session: Session) -> None:
    lexer = ShellLexer(NameChecker(session))
    first = lexer.lines_for("Get-Mailbox -ResultSize 3")
    assert lexer.lines_for("Get-Mailbox -ResultSize 3") is first
    assert lexer.lines_for("Get-Mailbox -ResultSize 4") is not first


def test_vi_mode_is_taken_from_the_config(session: Session, tmp_path: Path) -> None:
    # In vi mode Escape leaves insert mode and 0 goes to the start of the line.
    text = _read(session, "Get-Date", "\x1b", "0", "iX", ENTER, config=_config("edit_mode: vi\n"))
    assert text == "XGet-Date"


def test_the_welcome_says_where_and_how_to_start(schema) -> None:
    import io

    from sccshell.environment import Environment
    from sccshell.repl.app import welcome
    from sccshell.session import Session

    env = Environment(stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO(), environ={})
    session = Session(env, schema)
    text = welcome(session)
    assert text.startswith("Not connected") and "Connect-ExchangeOnline" in text
    assert "Tab completes" in text and "F1" in text
