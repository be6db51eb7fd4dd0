"""Docs-valid lines must bind: for every cmdlet and parameter set, the lines its syntax
implies bind without errors (and, where the set can be told apart, to that set).

Run with -s to see how often the docs' inconsistencies had to be forgiven.
"""

from __future__ import annotations

from collections import Counter

import pytest

from sccshell.schema import valuetypes as T
from sccshell.schema.arguments import UNKNOWN, Arg
from sccshell.schema.binder import bind
from sccshell.schema.known_enums import known_values

SAMPLES = {
    T.STRING: "text",
    T.INT: 5,
    T.FLOAT: 1.5,
    T.BOOL: True,
    T.DATETIME: "01/31/2026 09:00",
    T.TIMESPAN: "1.00:00:00",
    T.BYTESIZE: "50 GB",
    T.UNLIMITED: "Unlimited",
    T.GUID: "8c2f29b8-4a3d-4f6e-9a4b-1c2d3e4f5a6b",
    T.SMTP: "user@contoso.com",
    T.HASHTABLE: {"Name": "value"},
    T.SECURESTRING: UNKNOWN,
    T.CREDENTIAL: UNKNOWN,
    T.ID: "contoso",
    T.ANY: "value",
}


def sample(parameter, set_name):
    """A plausible value of the parameter's type, as an admin would write it."""
    if parameter.accepted_values:
        return parameter.accepted_values[0]
    info = T.classify(parameter.type_in(set_name))
    listed = known_values(info.name) if info.kind == T.ANY and info.name else None
    value = listed[0] if listed else SAMPLES[info.kind]
    return [value] if info.collection and not isinstance(value, dict) else value


def line_args(cmdlet, parameter_set, names, *, positional=False):
    """Args for NAMES: named, or with the leading positional ones given by position."""
    args, col = [], 1
    by_position = []
    if positional:
        for name in parameter_set.positional:
            if name not in names:
                break
            by_position.append(name)
    for name in by_position:
        value = sample(cmdlet.parameter(name), parameter_set.name)
        args.append(Arg("value", 1, col, str(value), value=value))
        col += 10
    for name in names:
        if name in by_position:
            continue
        parameter = cmdlet.parameter(name)
        args.append(Arg("parameter", 1, col, "-" + name, name=name))
        col += 10
        if not parameter.is_switch:
            value = sample(parameter, parameter_set.name)
            args.append(Arg("value", 1, col, str(value), value=value))
            col += 10
    return args


@pytest.fixture(scope="module")
def sweep(schema):
    stats: Counter = Counter()
    failures = []
    for cmdlet in schema.cmdlets():
        for parameter_set in cmdlet.parameter_sets:
            stats["sets"] += 1
            required = [m.name for m in parameter_set.members if m.required]
            mandatory = [m.name for m in parameter_set.members if m.mandatory]
            others = [s for s in cmdlet.parameter_sets if s is not parameter_set]
            exclusive = [
                m.name
                for m in parameter_set.members
                if not m.required and all(m.name not in s for s in others)
            ]
            lines = {
                "syntax": line_args(cmdlet, parameter_set, required),
                "positional": line_args(cmdlet, parameter_set, required, positional=True),
                "yaml": line_args(cmdlet, parameter_set, mandatory),
                "all": line_args(cmdlet, parameter_set, [m.name for m in parameter_set.members]),
            }
            if others and exclusive:
                lines["selective"] = line_args(cmdlet, parameter_set, required + exclusive[:1])
            lenient = False
            for form, args in lines.items():
                result = bind(cmdlet, args)
                stats[form] += 1
                if result.errors:
                    failures.append((cmdlet.name, parameter_set.name, form, result.errors))
                elif result.parameter_set == parameter_set.name:
                    stats[form + " bound to that set"] += 1
                elif form == "selective":
                    failures.append((cmdlet.name, parameter_set.name, form, result.parameter_set))
                lenient = lenient or bool(result.lenient)
            stats["sets that needed leniency"] += lenient
    return stats, failures


def test_docs_valid_lines_bind(sweep):
    stats, failures = sweep
    assert stats["sets"] >= 1309
    assert failures == []
    print("\nsweep:", dict(sorted(stats.items())))


def test_a_set_told_apart_by_its_own_parameter_binds_to_it(sweep):
    stats, _ = sweep
    assert stats["selective bound to that set"] == stats["selective"] > 300
