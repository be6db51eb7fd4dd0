"""What the run modes print: the live count of a long result, and the pager."""

from __future__ import annotations

import io
import shlex
import sys
from pathlib import Path

from sccshell.environment import Environment
from sccshell.host import ShellHost
from sccshell.modes.command import write_output
from sccshell.runtime.objects import PSObject


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def boxes(n: int, host: ShellHost | None = None):
    for i in range(n):
        if host is not None and i == 300:
            host.write_warning("halfway")
        yield PSObject({"Name": f"user{i}", "Alias": f"u{i}"})


def test_a_long_result_shows_a_count_on_a_terminal_and_erases_it() -> None:
    env = Environment(stdout=io.StringIO(), stderr=Terminal(), environ={})
    write_output(boxes(500), env, "csv", None)
    err = env.stderr.getvalue()
    assert "objects…" in err and "\r" in err
    assert err.endswith("\r")  # the last thing written erases the count line
    assert "objects…" not in env.stdout.getvalue()
    assert env.stdout.getvalue().count("\n") == 501


def test_no_count_when_stderr_is_not_a_terminal() -> None:
    env = Environment(stdout=io.StringIO(), stderr=io.StringIO(), environ={})
    write_output(boxes(500), env, "jsonl", None)
    assert env.stderr.getvalue() == ""


def test_a_warning_clears_the_count_first() -> None:
    env = Environment(stdout=io.StringIO(), stderr=Terminal(), environ={})
    write_output(boxes(500, ShellHost(env)), env, "csv", None)
    err = env.stderr.getvalue()
    before, _, _ = err.partition("WARNING: halfway")
    # the count line was blanked ("\r   \r") right before the warning
    assert before.endswith("\r") and before.rstrip("\r").endswith(" ")


def test_tall_output_goes_through_the_pager_in_the_repl(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    pager = f"{shlex.quote(sys.executable)} -c " + shlex.quote(
        f"import sys; open({str(paged)!r}, 'w').write(sys.stdin.read())"
    )
    env = Environment(stdout=Terminal(), stderr=io.StringIO(), environ={"PAGER": pager})
    write_output(boxes(200), env, None, None, page=True)
    assert paged.read_text().rstrip().endswith("u199")
    assert env.stdout.getvalue() == ""
    # short output is printed as it is
    write_output(boxes(3), env, None, None, page=True)
    assert "user2" in env.stdout.getvalue()


def test_columns_that_are_not_a_positive_number_count_as_unset() -> None:
    def printed(environ: dict[str, str]) -> str:
        env = Environment(stdout=io.StringIO(), stderr=io.StringIO(), environ=environ)
        write_output(boxes(2), env, None, None)
        return env.stdout.getvalue()

    wide = printed({})
    assert "user0 u0" in wide  # a real table, not one cell per column
    for columns in ("0", "-5", "abc"):
        assert printed({"COLUMNS": columns}) == wide, columns
    assert printed({"COLUMNS": "7"}) != wide
