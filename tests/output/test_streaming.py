"""Machine formats and the default table stream: memory does not grow with the count."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sccshell.runtime.objects import PSObject

MEASURE = """
import sys, tracemalloc
from sccshell.output import write_objects
from sccshell.runtime.objects import PSObject

class Sink:
    # a terminal that forgets what it shows: only the writer's own memory is measured
    lines = 0
    def write(self, text):
        self.lines += text.count("\\n")
        return len(text)

def mailboxes(n):
    for i in range(n):
        yield PSObject(
            {
                "Name": f"user{i:06d}",
                "Alias": f"u{i}",
                "ItemCount": i,
                "EmailAddresses": [f"SMTP:u{i}@contoso.com", f"smtp:u{i}@contoso.test"],
            },
            type_names=("Deserialized.Get-Recipient",),
        )

fmt = sys.argv[1] or None
for n in (int(sys.argv[2]) // 10, int(sys.argv[2])):
    sink = Sink()
    tracemalloc.start()
    count = write_objects(mailboxes(n), sink, fmt, width=120)
    _, top = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == n
    print(top, sink.lines)
"""


def peaks(fmt: str | None, n: int) -> list[tuple[int, int]]:
    """(peak traced bytes, lines written) for N/10 and N objects, in a process of their own.

    tracemalloc sees every thread of a process; a fresh one has no other threads (a
    test runner's, a sandbox's) whose allocations would land in the figure.
    """
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, fmt or "", str(n)],
        capture_output=True,
        text=True,
        check=True,
    )
    return [tuple(int(x) for x in line.split()) for line in done.stdout.split("\n") if line]


def mailboxes(n: int):
    for i in range(n):
        yield PSObject(
            {"Name": f"user{i:06d}", "Alias": f"u{i}", "ItemCount": i},
            type_names=("Deserialized.Get-Recipient",),
        )


# The contract's figure (100,000 objects) for the formats a script pipes on; the others,
# slower per object, at a tenth of it: the ratio is what is tested.
SIZES = {"jsonl": 100_000, "csv": 100_000, None: 100_000, "json": 20_000, "yaml": 5_000}
HEADER_LINES = {"jsonl": 0, "csv": 1, "json": 2, "yaml": 0, None: 4}


@pytest.mark.parametrize("fmt", ["jsonl", "csv", None, "json", "yaml"])
def test_memory_is_flat_in_the_number_of_objects(fmt):
    n = SIZES[fmt]
    (small, _), (large, lines) = peaks(fmt, n)
    # ten times the objects: the peak may move by noise, never by a factor
    assert large < small * 1.25 + 64 * 1024, (fmt, small, large)
    per_object = {"json": 9, "yaml": 6}.get(fmt, 1)  # indented: a line per property and item
    assert lines == n * per_object + HEADER_LINES[fmt]


def test_the_default_table_holds_only_its_sample():
    from sccshell.output.formats import SIZING_SAMPLE, person_lines

    seen = 0

    def counted(n):
        nonlocal seen
        for obj in mailboxes(n):
            seen += 1
            yield obj

    lines = person_lines(counted(10_000), width=120)
    head = [next(lines) for _ in range(4)]  # blank, header, dashes, first row
    assert head[1].split() == ["Name", "RecipientType"]  # Get-Recipient's view
    assert seen == SIZING_SAMPLE  # the first row waited for the sample, not for the end
