"""The interactive shell: settings, connections, the prompt session, and the read-run loop."""

from __future__ import annotations

import argparse
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from prompt_toolkit import PromptSession
from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
from prompt_toolkit.enums import EditingMode
from prompt_toolkit.shortcuts import CompleteStyle
from prompt_toolkit.styles import Style

from sccshell.config import Config, data_dir, load_config
from sccshell.environment import Environment
from sccshell.repl.help import help_for
from sccshell.repl.highlight import NameChecker, ShellLexer
from sccshell.repl.history import PrivateFileHistory, SecretFilter
from sccshell.repl.keys import build_key_bindings
from sccshell.repl.prompt import continuation_fragments, prompt_fragments, style_for_color
from sccshell.repl.running import Finished, run_line
from sccshell.repl.toolbar import toolbar_fragments
from sccshell.status import ExitStatus

HISTORY_FILE = "history"
# pygments token classes the highlighter emits, in colours that read on dark and light.
CODE_STYLE = {
    "pygments.keyword": "ansimagenta",
    "pygments.name.builtin": "ansibrightcyan",
    "pygments.name.variable": "ansigreen",
    "pygments.literal.string": "ansiyellow",
    "pygments.literal.number": "ansibrightblue",
    "pygments.operator": "ansibrightblack",
    "pygments.comment": "ansibrightblack italic",
}


def build_style(config: Config, profile: Any = None) -> Style:
    colors = config.get("colors")
    own = style_for_color(profile.color) if profile is not None and profile.color else ""
    return Style.from_dict(
        {
            **CODE_STYLE,
            "prompt": colors["prompt"],
            "prompt.profile": own or colors["prompt"],
            "prompt.production": colors["production"],
            "continuation": colors["continuation"],
            "bottom-toolbar": "noreverse " + colors["toolbar"],
            "toolbar": colors["toolbar"],
            "toolbar.warning": colors["toolbar_warning"],
            "unknown": colors["unknown"],
        }
    )


def history_for(config: Config, environ: Any) -> PrivateFileHistory:
    """The history of the config: its file (default: in the data dir) and its secrets filter."""
    named = config.get("history.file")
    path = Path(named).expanduser() if named else data_dir(environ) / HISTORY_FILE
    secrets = SecretFilter(
        config.get("history.secret_patterns"), enabled=config.get("history.filter_secrets")
    )
    return PrivateFileHistory(path, secrets, config.get("history.size"), own_dir=not named)


def recent_store() -> Any:
    """The completion engine's store of recent result properties, when it provides one."""
    try:
        from sccshell.repl.completion.model import RecentProperties
    except ImportError:
        return None
    return RecentProperties()


def build_prompt_session(
    session: Any,
    config: Config,
    *,
    profile: Any = None,
    recent: Any = None,
    history: Any = None,
    show: Any = print,
    **io: Any,
) -> PromptSession[str]:
    """The prompt_toolkit session of the shell; IO may give `input` and `output` (tests)."""
    from sccshell.repl.completion import build_completer

    keys = build_key_bindings(
        help_for=lambda text, cursor: help_for(session, text, cursor),
        show=show,
    )
    vi = config.get("edit_mode").lower() == "vi"
    return PromptSession(
        lambda: prompt_fragments(profile, session.registry),
        multiline=True,  # Enter decides (keys.py): run a finished command, continue an open one
        prompt_continuation=continuation_fragments,
        completer=build_completer(session, recent, fuzzy=bool(config.get("completion.fuzzy"))),
        # PowerShell's console cycles through candidates in place, with no menu.
        complete_style=CompleteStyle.READLINE_LIKE
        if config.get("tab_cycling")
        else CompleteStyle.COLUMN,
        complete_while_typing=bool(config.get("completion.while_typing")),
        reserve_space_for_menu=int(config.get("completion.menu_rows")),
        lexer=ShellLexer(NameChecker(session)),
        history=history,
        auto_suggest=AutoSuggestFromHistory() if config.get("history.auto_suggest") else None,
        bottom_toolbar=lambda: toolbar_fragments(session.registry),
        refresh_interval=30.0,  # the token timers move without a key press
        key_bindings=keys,
        editing_mode=EditingMode.VI if vi else EditingMode.EMACS,
        style=build_style(config, profile),
        include_default_pygments_style=False,
        **io,
    )


def warm_up_network() -> threading.Thread:
    """Import the sign-in and HTTP stack in the background, so a later Connect- is quick."""

    def load() -> None:
        try:
            import httpx  # noqa: F401
            import msal  # noqa: F401

            import sccshell.modes.connecting  # noqa: F401
        except Exception:  # noqa: BLE001 - the import is retried, with its error, when needed
            pass

    thread = threading.Thread(target=load, name="sccshell-warm-up", daemon=True)
    thread.start()
    return thread


def _profile(args: argparse.Namespace, env: Environment) -> Any:
    if not getattr(args, "profile", None):
        return None
    try:
        from sccshell.profiles import load_profiles

        return load_profiles(env, getattr(args, "profile_file", None)).get(args.profile)
    except Exception:  # noqa: BLE001 - already connected with it; the prompt falls back to the tenant
        return None


def _connect(session: Any, args: argparse.Namespace, env: Environment) -> int | None:
    from sccshell.errors import SignInFailed
    from sccshell.modes.command import connect_as_asked
    from sccshell.profiles import ProfileError

    what = "the sandbox tenant" if args.sandbox else f"profile {args.profile}"
    print(f"Connecting to {what}...", file=env.stdout)
    try:
        connect_as_asked(session, args, env)
    except SignInFailed as err:
        env.error(str(err))
        return ExitStatus.CONNECTION
    except ProfileError as err:
        env.error(str(err))
        return ExitStatus.USAGE
    return None


def run_shell(
    args: argparse.Namespace,
    env: Environment,
    *,
    opened: Callable[[Any], None] | None = None,
    **io: Any,
) -> int:
    """Open the shell on the terminal; return the exit status.

    IO may give prompt_toolkit's `input` and `output`; OPENED receives the session (tests).
    """
    from sccshell.modes.command import open_session
    from sccshell.repl.asking import ask_missing

    config = load_config(env.environ)
    for problem in config.problems:
        print(f"sccshell: warning: {problem}", file=env.stderr)
    if config.problems:
        print("sccshell: warning: using the default settings", file=env.stderr)
    session = open_session(args, env)
    if opened is not None:
        opened(session)
    try:
        if args.sandbox or args.profile:
            failed = _connect(session, args, env)
            if failed is not None:
                return failed
        else:
            warm_up_network()
        session.evaluator.prompt_missing = lambda cmdlet, names: ask_missing(session, cmdlet, names)
        recent = recent_store()
        prompt_session = build_prompt_session(
            session,
            config,
            profile=_profile(args, env),
            recent=recent,
            history=history_for(config, env.environ),
            show=lambda text: print(text, file=env.stdout),
            **io,
        )
        print(welcome(session), file=env.stdout)
        pager = (config.get("pager.command") or True) if config.get("pager.enabled") else False
        try:
            return loop(prompt_session, session, env, recent, pager)
        finally:
            close = getattr(prompt_session.completer, "close", None)
            if close is not None:
                close()
    finally:
        session.close()


def welcome(session: Any) -> str:
    """The first lines a person sees: where they are connected and how to start."""
    connections = list(session.registry)
    if connections:
        services = " and ".join(
            "Exchange Online" if c.service == "exchange" else "Security & Compliance"
            for c in connections
        )
        where = connections[0].organization or connections[0].tenant_id
        first = f"Connected to {where}: {services}. Try: Get-Mailbox -ResultSize 5"
    else:
        first = "Not connected: local commands run. Connect with Connect-ExchangeOnline."
    return f"{first}\nTab completes, F1 shows a cmdlet's help, Get-Command *word* finds one, exit leaves."


def loop(
    prompt_session: PromptSession[str],
    session: Any,
    env: Environment,
    recent: Any,
    pager: bool | str = False,
) -> int:
    """Read and run commands until exit or Ctrl-D; PAGER: True, a command line, or off."""
    usage = getattr(prompt_session.completer, "usage", None)
    while True:
        try:
            text = prompt_session.prompt()
        except KeyboardInterrupt:
            continue  # Ctrl-C at the prompt clears the line
        except EOFError:
            return ExitStatus.SUCCESS
        if not text.strip():
            continue
        if text.strip().lower() in ("exit", "quit"):
            return ExitStatus.SUCCESS
        if usage is not None:
            usage.record_line(text)  # what is typed most ranks first next time
        try:
            run_line(session, env, text, recent, pager)
        except Finished as done:
            return done.code
