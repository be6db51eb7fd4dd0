"""Whatever a script holds, binding reports problems; it never raises."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sccshell.schema.arguments import UNKNOWN, Arg, ScriptBlockValue
from sccshell.schema.binder import bind

CMDLETS = [
    "Get-Mailbox",
    "Set-Mailbox",
    "New-Mailbox",
    "Add-MailboxPermission",
    "Search-UnifiedAuditLog",
    "New-ComplianceSearch",
    "Set-TransportRule",
    "New-DlpCompliancePolicy",
    "New-RetentionCompliancePolicy",
    "Where-Object",
]

scalars = st.one_of(
    st.text(max_size=12),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True),
    st.booleans(),
    st.none(),
    st.just(UNKNOWN),
    st.builds(ScriptBlockValue, st.text(max_size=5)),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)
names = st.one_of(
    st.sampled_from(["Identity", "id", "r", "ResultSize", "Confirm", "ea", "Name", "Filter"]),
    st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=10),
)


@st.composite
def arg_lists(draw):
    args = []
    for col in range(1, draw(st.integers(0, 8)) + 1):
        kind = draw(st.sampled_from(["parameter", "value", "colon", "splat"]))
        if kind == "parameter":
            name = draw(names)
            args.append(Arg("parameter", 1, col * 5, "-" + name, name=name))
        elif kind == "colon":
            name = draw(names)
            args.append(
                Arg("parameter", 1, col * 5, f"-{name}:", name=name, value=draw(values), colon=True)
            )
        elif kind == "splat":
            args.append(Arg("value", 1, col * 5, "@p", value=draw(values), splat=True))
        else:
            args.append(
                Arg("value", 1, col * 5, "v", value=draw(values), quoted=draw(st.booleans()))
            )
    return args


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(CMDLETS), arg_lists(), st.booleans())
def test_bind_never_raises(schema, name, args, piped):
    cmdlet = schema.get(name)
    result = bind(cmdlet, args, pipeline_input=piped, at=(1, 1))
    positions = [(e.line, e.col) for e in result.errors]
    assert positions == sorted(positions)
    assert all(line >= 1 and col >= 1 for line, col in positions)
    assert set(result.missing) <= set(p.name for p in cmdlet.parameters.values())
    for bound in result.bound.values():
        assert cmdlet.parameter(bound.name) is not None
