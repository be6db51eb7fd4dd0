"""Deep script recursion on fresh threads, so PowerShell's call depth fits in Python's.

A PowerShell function call costs the evaluator about seventeen Python frames, and one
level of `(...)` nesting about nine, so Python's recursion limit (1000 frames a thread)
would stop a recursive script after some sixty calls, where PowerShell allows a thousand.
Raising that limit is no answer: it is shared by every thread, and C code that recurses
(the JSON decoder reading a hostile answer) would then crash the process instead of
raising RecursionError. Instead, once a thread's stack is deep, the evaluator carries on
in a new thread with a stack of its own, and the calling thread waits for it, one item at
a time, so output stays lazy and only one thread ever runs the script at any moment.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # only deep scripts need threads: the import waits until one does
    import threading
    from collections.abc import Callable, Iterator

# Frames kept free below the recursion limit: what runs between two checks (a call's own
# frames, a cmdlet that invokes a script block, a service call through httpx) fits in it.
RESERVE = 350
# Enough for the recursion limit's worth of frames with room to spare (a frame of the
# interpreter's C loop takes a few hundred bytes); untouched pages cost nothing.
STACK_BYTES = 32 * 1024 * 1024
_POLL = 0.05  # seconds: how often a waiting thread lets an interrupt reach it


def stack_is_deep() -> bool:
    """Whether this thread's Python stack is close enough to the limit to move on."""
    try:
        sys._getframe(max(sys.getrecursionlimit() - RESERVE, 50))
    except ValueError:
        return False
    return True


class FreshStack:
    """Iterate the generator MAKE() returns, run on a thread with a stack of its own.

    The calling thread hands control to the thread and waits for each item, so the two
    never run at once; exceptions (control flow included) come back to the caller as
    they were raised. An interrupt (Ctrl-C) reaching the waiting caller is passed on to
    the thread, so the script stops where it is and its `finally` blocks run.
    """

    def __init__(self, make: Callable[[], Iterator[Any]]) -> None:
        import threading

        self._make = make
        self._ask = threading.Semaphore(0)  # the caller wants the next item, or a stop
        self._ready = threading.Semaphore(0)  # the thread has an outcome for the caller
        self._outcome: tuple[str, Any] = ("end", None)
        self._stop = False
        self._over = False  # the caller has seen the last outcome
        self._thread: threading.Thread | None = None

    def __iter__(self) -> FreshStack:
        return self

    def __next__(self) -> Any:
        if self._over:
            raise StopIteration
        if self._thread is None:
            self._start()
        self._ask.release()
        self._wait()
        kind, value = self._outcome
        if kind == "item":
            return value
        self._finish()
        if kind == "raise":
            raise value
        raise StopIteration

    def close(self) -> None:
        """Stop early (the consumer needs no more items): the thread closes the generator."""
        if self._over or self._thread is None:
            self._over = True
            return
        self._stop = True
        self._ask.release()
        self._wait()
        self._finish()
        kind, value = self._outcome
        if kind == "raise" and not isinstance(value, GeneratorExit):
            raise value

    def _start(self) -> None:
        import threading

        previous = threading.stack_size()
        try:
            threading.stack_size(STACK_BYTES)
        except (ValueError, RuntimeError):  # a platform that fixes thread stacks
            previous = None
        try:
            self._thread = threading.Thread(target=self._work, name="sccshell-deep", daemon=True)
            self._thread.start()
        finally:
            if previous is not None:
                threading.stack_size(previous)

    def _work(self) -> None:
        outcome: tuple[str, Any] = ("end", None)
        generator: Iterator[Any] | None = None
        try:
            generator = self._make()
            while True:
                self._ask.acquire()
                if self._stop:
                    break
                try:
                    self._outcome = ("item", next(generator))
                except StopIteration:
                    break
                self._ready.release()
        except BaseException as err:  # noqa: BLE001 - every outcome goes back to the caller
            outcome = ("raise", err)
        finally:
            close = getattr(generator, "close", None)
            if close is not None:
                try:
                    close()
                except BaseException as err:  # noqa: BLE001
                    if outcome[0] != "raise":
                        outcome = ("raise", err)
            self._outcome = outcome
            self._ready.release()

    def _wait(self) -> None:
        """Wait for the thread's outcome; an interrupt meanwhile goes on to the thread."""
        try:
            while not self._ready.acquire(timeout=_POLL):
                pass
        except BaseException as err:
            thread = self._thread
            if thread is not None and thread.ident is not None:
                _raise_in(thread.ident, type(err))
            while not self._ready.acquire(timeout=_POLL):
                pass
            if self._outcome[0] == "item":  # the interrupt came just after an item
                self._stop = True
                self._ask.release()
                while not self._ready.acquire(timeout=_POLL):
                    pass
            self._finish()
            raise

    def _finish(self) -> None:
        self._over = True
        if self._thread is not None:
            self._thread.join()


def call_on_fresh_stack(function: Callable[[], Any]) -> Any:
    """FUNCTION(), run on a thread with a stack of its own while this one waits."""
    bridge = FreshStack(lambda: iter((function(),)))
    try:
        return next(bridge)
    finally:
        bridge.close()


def _raise_in(ident: int, kind: type[BaseException]) -> None:
    """Raise KIND in the thread IDENT at its next bytecode (how Ctrl-C reaches a worker)."""
    import ctypes

    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(kind))
