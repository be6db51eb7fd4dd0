"""The pager runs only for tall output on a terminal, never for machine formats."""

from __future__ import annotations

import io

from sccshell.output import page_if_needed


class FakePager:
    def __init__(self) -> None:
        self.argv: list[str] | None = None
        self.stdin = io.StringIO()
        self.stdin.close = lambda: None  # keep the text readable after the pager "closes"
        self.waited = False

    def __call__(self, argv):
        self.argv = argv
        return self

    def wait(self) -> int:
        self.waited = True
        return 0


def run(lines, *, terminal=True, fmt=None, env=None):
    pager, out = FakePager(), io.StringIO()
    paged = page_if_needed(
        lines, height=5, stream=out, is_terminal=terminal, fmt=fmt, environ=env or {}, spawn=pager
    )
    return paged, out.getvalue(), pager


def test_tall_output_on_a_terminal_goes_to_less():
    paged, out, pager = run(str(i) for i in range(10))
    assert paged and out == "" and pager.argv == ["less", "-FRX"] and pager.waited
    assert pager.stdin.getvalue() == "".join(f"{i}\n" for i in range(10))


def test_pager_variable_is_used():
    assert run([str(i) for i in range(10)], env={"PAGER": "more -s"})[2].argv == ["more", "-s"]


def test_short_output_not_a_terminal_or_machine_format_is_printed():
    assert run(["a", "b"])[:2] == (False, "a\nb\n")
    assert run([str(i) for i in range(10)], terminal=False)[0] is False
    paged, out, pager = run([str(i) for i in range(10)], fmt="json")
    assert not paged and out.count("\n") == 10 and pager.argv is None


def test_missing_pager_prints_instead():
    def missing(argv):
        raise FileNotFoundError(argv[0])

    out = io.StringIO()
    lines = [str(i) for i in range(10)]
    assert not page_if_needed(
        lines, height=5, stream=out, is_terminal=True, environ={}, spawn=missing
    )
    assert out.getvalue() == "".join(f"{i}\n" for i in range(10))


def test_exactly_a_screenful_is_printed_one_line_more_is_paged():
    paged, out, pager = run([str(i) for i in range(5)])
    assert not paged and out == "0\n1\n2\n3\n4\n" and pager.argv is None
    paged, out, pager = run([str(i) for i in range(6)])
    assert paged and out == "" and pager.stdin.getvalue().count("\n") == 6


def test_not_a_terminal_never_pages_however_tall():
    paged, out, pager = run((str(i) for i in range(10_000)), terminal=False, env={"PAGER": "x"})
    assert not paged and pager.argv is None and out.count("\n") == 10_000


def test_an_empty_pager_variable_falls_back_to_less():
    assert run([str(i) for i in range(10)], env={"PAGER": ""})[2].argv == ["less", "-FRX"]


def test_a_real_pager_process_receives_all_the_lines(tmp_path):
    target = tmp_path / "paged.txt"
    out = io.StringIO()
    paged = page_if_needed(
        (f"line {i}" for i in range(50)),
        height=10,
        stream=out,
        is_terminal=True,
        environ={"PAGER": f"sh -c 'cat > {target}'"},
    )
    assert paged and out.getvalue() == ""
    assert target.read_text().splitlines() == [f"line {i}" for i in range(50)]


def test_a_slow_screenful_is_shown_as_it_comes_not_paged():
    from sccshell.output.pager import page_if_needed

    ticks = iter(range(100))
    spawned: list = []
    out = io.StringIO()
    paged = page_if_needed(
        (f"line {i}" for i in range(50)),
        height=10,
        stream=out,
        is_terminal=True,
        spawn=spawned.append,
        patience=2.5,
        clock=lambda: float(next(ticks)),  # each line takes a second to come
    )
    assert not paged and not spawned
    assert out.getvalue().splitlines() == [f"line {i}" for i in range(50)]
