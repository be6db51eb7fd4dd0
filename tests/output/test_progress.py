"""The live count: only on a terminal, late, throttled, and always erased before output."""

from __future__ import annotations

import io

from sccshell.output.progress import LiveCount


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def slow(n: int, clock: Clock, step: float):
    for i in range(n):
        clock.now += step
        yield i


def test_not_a_terminal_gets_nothing_and_objects_pass_unchanged():
    err, clock = io.StringIO(), Clock()
    live = LiveCount(slow(1000, clock, 0.1), err, clock=clock)
    assert list(live) == list(range(1000))
    live.close()
    assert err.getvalue() == "" and live.count == 1000


def test_a_quick_small_result_shows_no_count():
    err, clock = Tty(), Clock()
    assert list(LiveCount(slow(150, clock, 0.001), err, clock=clock)) == list(range(150))
    assert err.getvalue() == ""


def test_count_appears_after_half_a_second_and_is_erased_at_the_end():
    err, clock = Tty(), Clock()
    list(LiveCount(slow(7, clock, 0.2), err, clock=clock))
    # objects 3..7 came after 0.5 s; redraws are 0.2 s apart, so each one shows
    assert err.getvalue() == "\r3 objects…\r4 objects…\r5 objects…\r6 objects…\r7 objects…" + (
        "\r" + " " * len("7 objects…") + "\r"
    )


def test_count_appears_after_two_hundred_objects_at_most_eight_times_a_second():
    err, clock = Tty(), Clock()
    live = LiveCount(slow(3001, clock, 0.001), err, clock=clock)  # 3 s in all
    seen = []
    for _ in live:
        if err.getvalue().endswith("…"):
            seen.append(err.getvalue().rsplit("\r", 1)[1])
            err.seek(0)
            err.truncate()
    assert seen[0] == "201 objects…"
    assert "1,326 objects…" in seen  # thousands separated
    assert len(seen) <= 3 * 8 + 1


def test_output_through_the_guard_erases_the_count_first():
    err, clock = Tty(), Clock()
    live = LiveCount(slow(10, clock, 0.3), err, clock=clock)
    out = live.guard(err)  # one terminal: the count and the output share it
    for obj in live:
        out.write(f"row {obj}\n")
    screen = err.getvalue()
    for line in screen.split("\n")[:-1]:
        # every output line starts on an erased line: no count text mixed into it
        assert line.rsplit("\r", 1)[-1].startswith("row ")
    assert screen.endswith("\r" + " " * len("10 objects…") + "\rrow 9\n")


def test_stopping_early_and_close_erase_the_line():
    err, clock = Tty(), Clock()
    live = LiveCount(slow(100, clock, 1.0), err, clock=clock)
    for obj in live:
        if obj == 3:
            break
    assert err.getvalue().endswith("\r" + " " * len("4 objects…") + "\r")
    live.close()
    live.clear()
    assert err.getvalue().count("\r    ") == 1  # erased once, nothing drawn after close
