"""Binder: values checked and converted against the parameters' types."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from bindline import at, bind_line

from sccshell.schema import arguments as K
from sccshell.schema.arguments import UNKNOWN


def only_error(schema, line: str):
    result = bind_line(schema, line)
    assert len(result.errors) == 1, result.errors
    return result.errors[0]


def converted(schema, line: str, name: str):
    result = bind_line(schema, line)
    assert result.ok, result.errors
    return result.bound[name].converted


# --- ValidateSet and enums -----------------------------------------------------


def test_validate_set_is_case_insensitive(schema):
    assert converted(schema, "Get-Mailbox -ErrorAction silentlycontinue", "ErrorAction")


def test_validate_set_suggests_closest(schema):
    line = "Get-Mailbox -ErrorAction SilentlyContinu"
    error = only_error(schema, line)
    assert error.kind == K.INVALID_VALUE
    assert error.message == (
        "cannot bind 'SilentlyContinu' to -ErrorAction: expected one of Continue, Ignore, "
        "Inquire, SilentlyContinue, Stop, Suspend, Break; did you mean SilentlyContinue?"
    )
    assert (error.line, error.col) == at(line, "SilentlyContinu")
    assert error.suggestions == ["SilentlyContinue"]


def test_validate_set_from_docs(schema):
    line = "Set-HostedOutboundSpamFilterPolicy Default -AutoForwardingMode Of"
    error = only_error(schema, line)
    assert error.message.startswith("cannot bind 'Of' to -AutoForwardingMode: expected one of ")
    assert error.suggestions == ["Off"]


def test_known_enum_typo(schema):
    line = "Get-Mailbox -RecipientTypeDetails UserMailbox,UserMailboxx"
    error = only_error(schema, line)
    assert error.message.startswith(
        "cannot bind 'UserMailboxx' to -RecipientTypeDetails: expected one of "
    )
    assert error.message.endswith("; did you mean UserMailbox?")
    assert (error.line, error.col) == at(line, "UserMailbox,")
    assert error.suggestions == ["UserMailbox"]


def test_known_enum_is_soft_for_unlisted_values(schema):
    # Not a near miss of a listed value: the service decides.
    result = bind_line(schema, "Get-Mailbox -RecipientTypeDetails SomeFutureMailboxKind")
    assert result.ok
    assert converted(
        schema, "Get-Mailbox -RecipientTypeDetails SharedMailbox", "RecipientTypeDetails"
    ) == ["SharedMailbox"]


def test_flags_enum_string(schema):
    line = "Add-MailboxPermission bob -User al -AccessRights 'FullAccess, ReadPermision'"
    error = only_error(schema, line)
    assert error.suggestions == ["ReadPermission"]


# --- Boolean and switches ------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected", [("$true", True), ("$false", False), ("1", True), ("0", False)]
)
def test_boolean_values(schema, value, expected):
    line = f"Set-Mailbox bob -HiddenFromAddressListsEnabled {value}"
    assert converted(schema, line, "HiddenFromAddressListsEnabled") is expected


def test_bare_true_is_an_error_telling_to_write_dollar_true(schema):
    line = "Set-Mailbox bob -HiddenFromAddressListsEnabled true"
    error = only_error(schema, line)
    assert error.message == (
        "-HiddenFromAddressListsEnabled is a Boolean parameter: write $true, not true"
    )
    assert (error.line, error.col) == at(line, "true")
    assert error.suggestions == ["$true"]


def test_quoted_false_is_an_error_too(schema):
    error = only_error(schema, "Set-Mailbox bob -HiddenFromAddressListsEnabled 'False'")
    assert error.message.endswith("write $false, not False")


def test_other_words_for_a_boolean(schema):
    error = only_error(schema, "Set-Mailbox bob -HiddenFromAddressListsEnabled yes")
    assert error.message == (
        "cannot bind 'yes' to -HiddenFromAddressListsEnabled: "
        "a Boolean parameter accepts only $true, $false, 1 or 0; did you mean $true or $false?"
    )


def test_system_boolean_is_a_boolean(schema):
    # Get-SafeLinksPolicy etc. write System.Boolean; pick any cmdlet that uses it.
    cmdlet = next(
        c
        for c in schema.cmdlets()
        if any(p.type == "System.Boolean" for p in c.parameters.values())
    )
    parameter = next(p for p in cmdlet.parameters.values() if p.type == "System.Boolean")
    from sccshell.schema.convert import convert
    from sccshell.schema.valuetypes import classify

    assert convert(classify(parameter.type), "true")[1] is not None
    assert convert(classify(parameter.type), True) == (True, None)


# --- numbers -------------------------------------------------------------------


def test_int32(schema):
    assert converted(schema, "Set-TransportRule r1 -Priority 2", "Priority") == 2
    assert converted(schema, "Set-TransportRule r1 -Priority '3'", "Priority") == 3
    line = "Set-TransportRule r1 -Priority first"
    error = only_error(schema, line)
    assert error.message == "cannot bind 'first' to -Priority: expected a whole number (Int32)"
    assert (error.line, error.col) == at(line, "first")


def test_int32_range(schema):
    error = only_error(schema, "Set-TransportRule r1 -Priority 3000000000")
    assert "out of range for Int32" in error.message


def test_uint32_rejects_negative(schema):
    line = "New-HostedOutboundSpamFilterPolicy -Name p -RecipientLimitExternalPerHour -5"
    error = only_error(schema, line)
    assert "out of range for UInt32" in error.message


def test_unlimited(schema):
    assert converted(schema, "Get-Mailbox -ResultSize Unlimited", "ResultSize") == "Unlimited"
    assert converted(schema, "Get-Mailbox -ResultSize unlimited", "ResultSize") == "Unlimited"
    assert converted(schema, "Get-Mailbox -ResultSize 5000", "ResultSize") == 5000
    line = "Get-Mailbox -ResultSize Unlimted"
    error = only_error(schema, line)
    assert error.message.startswith("cannot bind 'Unlimted' to -ResultSize: expected a number")
    assert error.message.endswith("; did you mean Unlimited?")
    assert error.suggestions == ["Unlimited"]


# --- sizes, dates, time spans --------------------------------------------------

GB50 = 50 * 2**30


@pytest.mark.parametrize(
    "value",
    ["50GB", "'50GB'", "'50 GB'", "'50 gb'", "'50 GB (53,687,091,200 bytes)'", "53687091200"],
)
def test_byte_quantified_sizes(schema, value):
    assert (
        converted(schema, f"Set-Mailbox bob -ProhibitSendQuota {value}", "ProhibitSendQuota")
        == GB50
    )


def test_unlimited_quota(schema):
    line = "Set-Mailbox bob -ProhibitSendQuota Unlimited"
    assert converted(schema, line, "ProhibitSendQuota") == "Unlimited"


def test_plain_byte_quantified_size_has_no_unlimited(schema):
    line = "New-InboxRule -Name big -WithinSizeRangeMinimum Unlimited"
    error = only_error(schema, line)
    assert error.message == (
        "cannot bind 'Unlimited' to -WithinSizeRangeMinimum: "
        'expected a size such as 50GB, "50 GB" or 10MB'
    )
    assert converted(
        schema, "New-InboxRule -Name big -WithinSizeRangeMinimum 10MB", "WithinSizeRangeMinimum"
    ) == (10 * 2**20)


def test_dates(schema):
    line = "Search-UnifiedAuditLog -StartDate 2026-01-01 -EndDate '1/31/2026 9:00 AM'"
    result = bind_line(schema, line)
    assert result.ok, result.errors
    assert result.bound["StartDate"].converted == datetime(2026, 1, 1)
    assert result.bound["EndDate"].converted == datetime(2026, 1, 31, 9, 0)


def test_day_first_dates_are_accepted(schema):
    # Exchange reads dates in the culture of the admin's machine.
    line = "Search-UnifiedAuditLog -StartDate 31/01/2026 -EndDate '28.02.2026 17:30'"
    result = bind_line(schema, line)
    assert result.ok, result.errors
    assert result.bound["EndDate"].converted == datetime(2026, 2, 28, 17, 30)


def test_bad_date_says_the_expected_format(schema):
    line = "Search-UnifiedAuditLog -StartDate yesterday -EndDate (Get-Date)"
    error = only_error(schema, line)
    assert error.message == (
        "cannot bind 'yesterday' to -StartDate: expected a date such as "
        '2026-01-31, 01/31/2026 or "01/31/2026 9:00 AM"'
    )
    assert (error.line, error.col) == at(line, "yesterday")


def test_time_spans(schema):
    line = "Set-Mailbox bob -RetainDeletedItemsFor 14.00:00:00 -AuditLogAgeLimit '90'"
    result = bind_line(schema, line)
    assert result.ok, result.errors
    assert result.bound["RetainDeletedItemsFor"].converted == timedelta(days=14)
    assert result.bound["AuditLogAgeLimit"].converted == timedelta(days=90)
    error = only_error(schema, "Set-Mailbox bob -RetainDeletedItemsFor '14 days'")
    assert "expected a time span such as" in error.message


# --- identities, addresses, GUIDs, collections -------------------------------------


def test_guid(schema):
    line = (
        "Add-VivaOrgInsightsDelegatedRole -Delegate 8c2f29b8-4a3d-4f6e-9a4b-1c2d3e4f5a6b "
        "-Delegator '{8C2F29B8-4A3D-4F6E-9A4B-1C2D3E4F5A6B}'"
    )
    assert not bind_line(schema, line).hard_errors
    error = only_error(schema, "Add-VivaOrgInsightsDelegatedRole -Delegate bob -Delegator $g")
    assert error.message.startswith("cannot bind 'bob' to -Delegate: expected a GUID")


def test_smtp_address(schema):
    line = "Check-PurviewConfig -RecipientAddress bob"
    error = only_error(schema, line)
    assert error.message == (
        "cannot bind 'bob' to -RecipientAddress: expected an email address such as user@contoso.com"
    )
    assert not bind_line(
        schema, "Check-PurviewConfig -RecipientAddress bob@contoso.com"
    ).hard_errors


def test_identity_takes_one_value(schema):
    line = "Get-Mailbox -Identity alice,bob"
    error = only_error(schema, line)
    assert error.message == (
        "cannot bind 'alice,bob' to -Identity: takes a single MailboxIdParameter, not a list of 2"
    )
    assert (error.line, error.col) == at(line, "alice")


def test_arrays_take_one_value_or_many(schema):
    line = "New-ComplianceSearch -Name s -ExchangeLocation a@contoso.com,b@contoso.com"
    assert converted(schema, line, "ExchangeLocation") == ["a@contoso.com", "b@contoso.com"]
    line = "New-ComplianceSearch -Name s -ExchangeLocation All"
    assert converted(schema, line, "ExchangeLocation") == ["All"]


def test_multivalued_property_add_remove(schema):
    line = (
        "Set-Mailbox bob -EmailAddresses @{Add='smtp:b@contoso.com'; Remove='smtp:old@contoso.com'}"
    )
    assert converted(schema, line, "EmailAddresses") == {
        "Add": ["smtp:b@contoso.com"],
        "Remove": ["smtp:old@contoso.com"],
    }
    assert converted(
        schema, "Set-Mailbox bob -EmailAddresses a@x.com,b@x.com", "EmailAddresses"
    ) == [
        "a@x.com",
        "b@x.com",
    ]


def test_hashtables(schema):
    line = "New-AdaptiveScope -Name s -LocationType User -FilterConditions @{Conditions=$c; Conjunction='And'}"
    assert not bind_line(schema, line).errors
    error = only_error(schema, "New-AdaptiveScope -Name s -LocationType User -FilterConditions x")
    assert "expected a hashtable" in error.message


def test_secure_string_rejects_plain_text(schema):
    line = "Connect-ExchangeOnline -CertificatePassword 'p@ss'"
    error = only_error(schema, line)
    assert error.message.startswith("-CertificatePassword needs a SecureString, not plain text")
    ok = "Connect-ExchangeOnline -CertificatePassword (ConvertTo-SecureString -String x -AsPlainText -Force)"
    assert bind_line(schema, ok).ok


def test_unknown_values_always_pass(schema):
    line = (
        "Set-Mailbox $id -HiddenFromAddressListsEnabled $flag -ProhibitSendQuota (Get-Quota) "
        "-RetainDeletedItemsFor $span -EmailAddresses $list"
    )
    result = bind_line(schema, line)
    assert result.ok, result.errors
    assert result.bound["ProhibitSendQuota"].converted is UNKNOWN


def test_null_passes(schema):
    assert bind_line(schema, "Set-Mailbox bob -ForwardingSmtpAddress $null").ok


def test_unknown_types_pass(schema):
    # Fqdn, Uri, CultureInfo and enums without a ValidateSet are not checked.
    line = "New-ComplianceSearch -Name s -Language whatever"
    assert bind_line(schema, line).ok


def test_script_block_for_a_string_passes(schema):
    assert bind_line(schema, "Get-Mailbox -Filter {DisplayName -like 'a*'}").ok
