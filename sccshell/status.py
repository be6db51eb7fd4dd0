"""Exit statuses of the sccshell command, mapped in one place."""

from enum import IntEnum


class ExitStatus(IntEnum):
    SUCCESS = 0
    ERROR = 1  # a command failed: cmdlet or service error
    USAGE = 2  # usage, parse or binding error, including --check findings
    CONNECTION = 3  # sign-in or connection failure
    INTERRUPTED = 130
