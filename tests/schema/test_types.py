"""Type classification, value conversion details and suggestions."""

from __future__ import annotations

import pytest

from sccshell.schema import valuetypes as T
from sccshell.schema.arguments import UNKNOWN, ScriptBlockValue
from sccshell.schema.convert import convert, display
from sccshell.schema.suggest import did_you_mean, distance, suggest


@pytest.mark.parametrize(
    "text, kind, collection",
    [
        ("String", T.STRING, False),
        ("System.String", T.STRING, False),
        ("string", T.STRING, False),
        ("String[]", T.STRING, True),
        ("SwitchParameter", T.SWITCH, False),
        ("Boolean", T.BOOL, False),
        ("System.Boolean", T.BOOL, False),
        ("Int32", T.INT, False),
        ("System.Int32", T.INT, False),
        ("System.UInt64", T.INT, False),
        ("Byte[]", T.INT, True),
        ("Double", T.FLOAT, False),
        ("DateTime", T.DATETIME, False),
        ("System.DateTime", T.DATETIME, False),
        ("ExDateTime", T.DATETIME, False),
        ("DateTimeOffset", T.DATETIME, False),
        ("EnhancedTimeSpan", T.TIMESPAN, False),
        ("Microsoft.Exchange.Data.EnhancedTimeSpan", T.TIMESPAN, False),
        ("TimeSpan", T.TIMESPAN, False),
        ("ByteQuantifiedSize", T.BYTESIZE, False),
        ("Microsoft.Exchange.Data.ByteQuantifiedSize", T.BYTESIZE, False),
        ("Unlimited", T.UNLIMITED, False),
        ("UnlimitedInt", T.UNLIMITED, False),
        (
            "Microsoft.Exchange.Management.RestApiClient.Unlimited`1[System.UInt32]",
            T.UNLIMITED,
            False,
        ),
        ("Guid", T.GUID, False),
        ("System.Guid", T.GUID, False),
        ("SmtpAddress", T.SMTP, False),
        ("SmtpAddress[]", T.SMTP, True),
        ("PswsHashtable", T.HASHTABLE, False),
        ("PswsHashtable[]", T.HASHTABLE, True),
        ("System.Collections.Hashtable[]", T.HASHTABLE, True),
        ("SecureString", T.SECURESTRING, False),
        ("PSCredential", T.CREDENTIAL, False),
        ("MailboxIdParameter", T.ID, False),
        ("MailboxIdParameter, AzureImportRequest", T.ID, False),
        ("RecipientIdParameter[]", T.ID, True),
        ("MultiValuedProperty", T.ANY, True),
        ("<MultiValuedProperty>", T.ANY, True),
        ("MulitValuedProperty", T.ANY, True),
        ("ProxyAddressCollection", T.ANY, True),
        ("Fqdn", T.ANY, False),
        ("RecipientTypeDetails[]", T.ANY, True),
        (
            "Microsoft.Office.CompliancePolicy.Tasks.FlattenLabelActionUtils+ContentAlignment",
            T.ANY,
            False,
        ),
        (None, T.ANY, False),
    ],
)
def test_classify(text, kind, collection):
    info = T.classify(text)
    assert (info.kind, info.collection) == (kind, collection)


def test_classify_names_and_bounds():
    assert T.classify("RecipientTypeDetails[]").name == "RecipientTypeDetails"
    assert T.classify("SetMailbox+ClearableADAttributes[]").name == "ClearableADAttributes"
    assert T.classify("System.UInt32").bounds == (0, 2**32 - 1)
    assert T.classify("UnlimitedInt").inner == (T.INT,)
    assert T.classify("Unlimited").inner == (T.INT, T.BYTESIZE, T.TIMESPAN)


def test_every_docs_type_classifies(schema):
    kinds = {T.classify(p.type).kind for c in schema.cmdlets() for p in c.parameters.values()}
    assert T.ANY in kinds and T.UNLIMITED in kinds


def test_unknown_and_null_always_pass():
    for text in ("Int32", "Boolean", "DateTime", "Guid", "SecureString", "SmtpAddress[]"):
        info = T.classify(text)
        assert convert(info, UNKNOWN) == (UNKNOWN, None)
        assert convert(info, None) == (None, None)
        assert convert(info, [UNKNOWN]) == ([UNKNOWN] if info.collection else UNKNOWN, None)


def test_scalar_becomes_a_list_for_collections():
    assert convert(T.classify("String[]"), "a") == (["a"], None)
    assert convert(T.classify("Int32[]"), ["1", 2]) == ([1, 2], None)


def test_one_element_list_for_a_scalar():
    assert convert(T.classify("Int32"), [7]) == (7, None)


def test_lists_pass_for_unknown_types():
    # An unknown type may be a [Flags] enum, which takes a list.
    assert convert(T.classify("MailboxFolderPermissionFlags"), ["A", "B"])[1] is None


def test_strings_accept_numbers_and_booleans():
    assert convert(T.classify("String"), 5) == ("5", None)
    assert convert(T.classify("String"), True) == ("True", None)


def test_objects_of_unknown_python_types_pass():
    assert convert(T.classify("DateTime"), ScriptBlockValue("Get-Date"))[1] is None


def test_display():
    assert display(True) == "$true"
    assert display(None) == "$null"
    assert display(["a", 1]) == "a,1"
    assert display({"Add": "x"}) == "@{Add=x}"
    assert display(ScriptBlockValue("$_.Name")) == "{$_.Name}"


def test_distance():
    assert distance("identity", "identity") == 0
    assert distance("idenity", "identity") == 1
    assert distance("iedntity", "identity") == 1  # a transposition is one edit
    assert distance("", "abc") == 3


def test_suggest_order():
    names = ["Identity", "IgnoreDefaultScope", "Anr", "ResultSize", "RecipientTypeDetails"]
    assert suggest("identity", names) == ["Identity"]
    assert suggest("Re", names) == ["ResultSize", "RecipientTypeDetails"]
    assert suggest("Idenity", names) == ["Identity"]
    assert suggest("ResultSise", names)[0] == "ResultSize"
    assert suggest("xyzzy", names) == []
    assert suggest("-", names) == []


def test_did_you_mean():
    assert did_you_mean([]) == ""
    assert did_you_mean(["A"], "-") == "; did you mean -A?"
    assert did_you_mean(["A", "B", "C"]) == "; did you mean A, B or C?"


@pytest.mark.parametrize("text", ["Int32", "ByteQuantifiedSize", "TimeSpan", "Unlimited", "Double"])
@pytest.mark.parametrize("value", [float("nan"), float("inf"), 10**30, -(10**30), "1e999"])
def test_extreme_numbers_are_reported_not_raised(text, value):
    converted, failure = convert(T.classify(text), value)
    assert failure is None or converted is UNKNOWN
