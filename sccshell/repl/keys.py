"""Key bindings: Enter that continues unfinished input, Alt-Enter, Tab (menu or cycling), F1."""

from __future__ import annotations

from collections.abc import Callable

from prompt_toolkit.application import run_in_terminal
from prompt_toolkit.filters import Condition, has_completions, is_searching
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent

from sccshell.repl.multiline import needs_more

INDENT = "    "


def build_key_bindings(
    *,
    help_for: Callable[[str, int], str],
    show: Callable[[str], None] = print,
    needs_more: Callable[[str], bool] = needs_more,
) -> KeyBindings:
    """The shell's bindings (Tab cycles in both modes; the menu is app.py's business); HELP_FOR(text, cursor) gives the F1 text, SHOW prints it."""
    bindings = KeyBindings()
    not_searching = ~is_searching

    @bindings.add("enter", filter=not_searching)
    def _enter(event: KeyPressEvent) -> None:
        buffer = event.current_buffer
        # The selected candidate is already in the text: close the menu and go on, as
        # PowerShell's console runs the line with the word Tab put there.
        buffer.complete_state = None
        if needs_more(buffer.text):
            buffer.insert_text("\n")
        else:
            buffer.validate_and_handle()

    @bindings.add("escape", "enter", filter=not_searching)
    def _newline(event: KeyPressEvent) -> None:
        event.current_buffer.insert_text("\n")

    @Condition
    def at_indent() -> bool:
        from prompt_toolkit.application import get_app

        before = get_app().current_buffer.document.current_line_before_cursor
        return before.strip() == "" and get_app().current_buffer.document.line_count > 1

    @bindings.add("tab", filter=not_searching & at_indent)
    def _indent(event: KeyPressEvent) -> None:
        event.current_buffer.insert_text(INDENT)

    @bindings.add("tab", filter=not_searching & ~at_indent)
    def _tab(event: KeyPressEvent) -> None:
        buffer = event.current_buffer
        if buffer.complete_state is not None:
            buffer.complete_next()
        else:
            # The best-ranked candidate goes in at once; the next Tab moves on to the next.
            buffer.start_completion(select_first=True)

    @bindings.add("s-tab", filter=not_searching & has_completions)
    def _back(event: KeyPressEvent) -> None:
        event.current_buffer.complete_previous()

    @bindings.add("f1")
    def _help(event: KeyPressEvent) -> None:
        buffer = event.current_buffer
        text = help_for(buffer.text, buffer.cursor_position)
        # Printed above the prompt; the typed line stays as it was.
        run_in_terminal(lambda: show(text))

    return bindings
