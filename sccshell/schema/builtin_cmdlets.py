"""Parameter lists of the cmdlets sccshell runs itself.

``CMDLETS`` holds one plain dict per cmdlet, in the same shape as a cmdlet object
of the bundled ``exchange-cmdlets.json`` (see shared/schema/README.md), plus a
``"module"`` key:

- ``"local"``: PowerShell 7 utility, core and management cmdlets that sccshell
  implements in its runtime (Where-Object, Select-Object, Export-Csv, ...).
  Names, parameter sets, positions, aliases, pipeline flags and ValidateSets
  follow PowerShell 7.4.
- ``"connection"``: the connection cmdlets of the ExchangeOnlineManagement
  module, which sccshell implements in its connection layer.

The four connection cmdlets are also in the bundled JSON; the entries here
override them on purpose (see ``OVERRIDES``): they add the ``module`` key and the
ValidateSets the docs leave out (ExchangeEnvironmentName, LogLevel).

Common parameters (Verbose, ErrorAction, ...) are not listed: the binder adds
them to every cmdlet whose ``common_parameters`` is true. WhatIf and Confirm are
listed on the cmdlets that support ShouldProcess, as the JSON does.

The dicts are built by the small helpers below so that each cmdlet reads as one
short declaration; the result is plain data.
"""

from __future__ import annotations

ALL_SETS = "__AllParameterSets"

SW = "SwitchParameter"
STR = "String"
STRS = "String[]"
INT = "Int32"
OBJ = "Object"
OBJS = "Object[]"
PSO = "PSObject"
SB = "ScriptBlock"

# PowerShell 7 [Encoding] arguments. PowerShell 7 also takes code page numbers and
# registered encoding names; "Default" is kept so that Windows PowerShell 5.1
# scripts (-Encoding Default / -Encoding UTF8) still bind. Matching is
# case-insensitive, so "UTF8" is "utf8".
ENCODINGS = (
    "ascii ansi bigendianunicode bigendianutf32 oem unicode utf7 utf8 utf8BOM "
    "utf8NoBOM utf32 Default"
).split()

CONSOLE_COLORS = (
    "Black DarkBlue DarkGreen DarkCyan DarkRed DarkMagenta DarkYellow Gray DarkGray "
    "Blue Green Cyan Red Magenta Yellow White"
).split()

ERROR_CATEGORIES = (
    "NotSpecified OpenError CloseError DeviceError DeadlockDetected InvalidArgument "
    "InvalidData InvalidOperation InvalidResult InvalidType MetadataError "
    "NotImplemented NotInstalled ObjectNotFound OperationStopped OperationTimeout "
    "SyntaxError ParserError PermissionDenied ResourceBusy ResourceExists "
    "ResourceUnavailable ReadError WriteError FromStdErr SecurityError ProtocolError "
    "ConnectionError AuthenticationError LimitsExceeded QuotaExceeded NotEnabled"
).split()

MEMBER_TYPES = (
    "AliasProperty CodeProperty Property NoteProperty ScriptProperty Properties "
    "PropertySet Method CodeMethod ScriptMethod Methods ParameterizedProperty "
    "MemberSet Event Dynamic InferredProperty All"
).split()

SCOPED_ITEM_OPTIONS = "None ReadOnly Constant Private AllScope Unspecified".split()
VISIBILITY = ["Public", "Private"]
EXECUTION_POLICIES = (
    "AllSigned Bypass Default RemoteSigned Restricted Undefined Unrestricted".split()
)
EXECUTION_POLICY_SCOPES = "Process CurrentUser LocalMachine UserPolicy MachinePolicy".split()
COMMAND_TYPES = (
    "Alias Function Filter Cmdlet ExternalScript Application Script Configuration All".split()
)
HELP_CATEGORIES = (
    "Alias Cmdlet Provider General FAQ Glossary HelpFile ScriptCommand Function "
    "Filter ExternalScript All DefaultHelp DscResource Class Configuration"
).split()

EXCHANGE_ENVIRONMENTS = (
    "O365Default O365USGovGCCHigh O365USGovDoD O365GermanyCloud O365China".split()
)

LITERAL_PATH_ALIASES = ("PSPath", "LP")


def P(
    name: str,
    type: str = STR,
    *,
    pos: int | None = None,
    req: bool = False,
    sets: list[str] | None = None,
    aliases: tuple[str, ...] | list[str] = (),
    pipe: str = "",
    values: list[str] | None = None,
    rest: bool = False,
) -> dict:
    """One parameter declaration.

    ``sets``: None means every set of the cmdlet; otherwise a list of set specs
    ``"Name"``, ``"Name@N"`` (position N in that set), ``"Name!"`` (mandatory in
    that set), ``"Name?"`` (optional in that set), combinable (``"Name@0!"``).
    ``pipe``: ``"v"`` ByValue, ``"p"`` ByPropertyName, ``"vp"`` both.
    ``rest``: ValueFromRemainingArguments (``Write-Host a b c``); emitted as the
    optional flag ``"value_from_remaining_arguments": True``, which the bundled
    JSON never sets.
    """
    return {
        "name": name,
        "type": type,
        "pos": pos,
        "req": req,
        "sets": sets,
        "aliases": list(aliases),
        "pipe": pipe,
        "values": values,
        "rest": rest,
    }


def _set_spec(spec: str, pos: int | None, req: bool) -> tuple[str, int | None, bool]:
    if spec.endswith("!"):
        spec, req = spec[:-1], True
    elif spec.endswith("?"):
        spec, req = spec[:-1], False
    if "@" in spec:
        spec, _, p = spec.partition("@")
        pos = int(p)
    return spec, pos, req


def _cmdlet(
    name: str,
    params: list[dict],
    *,
    sets: list[str] | None = None,
    default: str | None = None,
    module: str = "local",
    common: bool = True,
) -> dict:
    set_names = list(sets) if sets else [ALL_SETS]
    default_set = default or set_names[0]
    assert default_set in set_names, (name, default_set)
    members: dict[str, list[dict]] = {s: [] for s in set_names}
    for p in params:
        specs = p["sets"] if p["sets"] is not None else set_names
        for spec in specs:
            set_name, pos, req = _set_spec(spec, p["pos"], p["req"])
            assert set_name in members, (name, p["name"], set_name)
            members[set_name].append({"name": p["name"], "required": req, "position": pos})
    parameter_sets = []
    for s in set_names:
        entries = members[s]
        positional = sorted(
            (e for e in entries if e["position"] is not None), key=lambda e: e["position"]
        )
        named = [e for e in entries if e["position"] is None]
        parameter_sets.append(
            {"name": s, "default": s == default_set, "parameters": positional + named}
        )
    parameters = []
    for p in params:
        d = {
            "name": p["name"],
            "type": p["type"],
            "aliases": p["aliases"],
            "pipeline_input": bool(p["pipe"]),
        }
        if p["pipe"]:
            by = []
            if "v" in p["pipe"]:
                by.append("ByValue")
            if "p" in p["pipe"]:
                by.append("ByPropertyName")
            d["pipeline_input_by"] = by
        if p["rest"]:
            d["value_from_remaining_arguments"] = True
        if p["values"]:
            d["accepted_values"] = list(p["values"])
        parameters.append(d)
    verb, _, noun = name.partition("-")
    return {
        "name": name,
        "verb": verb,
        "noun": noun,
        "file": None,
        "products": [],
        "exchange_server": [],
        "help_file": None,
        "default_parameter_set": default_set,
        "common_parameters": common,
        "parameter_sets": parameter_sets,
        "parameters": parameters,
        "module": module,
    }


def _should_process() -> list[dict]:
    return [P("WhatIf", SW, aliases=("wi",)), P("Confirm", SW, aliases=("cf",))]


def _path_pair(
    path_sets: list[str],
    literal_sets: list[str],
    *,
    path_type: str = STRS,
    pos: int | None = 0,
    req: bool = True,
    pipe: str = "vp",
    literal_pipe: str = "p",
) -> list[dict]:
    """-Path (positional) and -LiteralPath (PSPath, LP) in their own sets."""
    return [
        P("Path", path_type, pos=pos, req=req, sets=path_sets, pipe=pipe),
        P(
            "LiteralPath",
            path_type,
            req=True,
            sets=literal_sets,
            aliases=LITERAL_PATH_ALIASES,
            pipe=literal_pipe,
        ),
    ]


# --------------------------------------------------------------------------
# Where-Object: the script block set and 31 comparison sets.
# --------------------------------------------------------------------------

# (switch name, set name, alias); -EQ is optional in its set so that
# `Where-Object Enabled` binds to EqualSet (the default).
_WHERE_OPERATORS = [
    ("EQ", "EqualSet", "IEQ"),
    ("CEQ", "CaseSensitiveEqualSet", None),
    ("NE", "NotEqualSet", "INE"),
    ("CNE", "CaseSensitiveNotEqualSet", None),
    ("GT", "GreaterThanSet", "IGT"),
    ("CGT", "CaseSensitiveGreaterThanSet", None),
    ("LT", "LessThanSet", "ILT"),
    ("CLT", "CaseSensitiveLessThanSet", None),
    ("GE", "GreaterOrEqualSet", "IGE"),
    ("CGE", "CaseSensitiveGreaterOrEqualSet", None),
    ("LE", "LessOrEqualSet", "ILE"),
    ("CLE", "CaseSensitiveLessOrEqualSet", None),
    ("Like", "LikeSet", "ILike"),
    ("CLike", "CaseSensitiveLikeSet", None),
    ("NotLike", "NotLikeSet", "INotLike"),
    ("CNotLike", "CaseSensitiveNotLikeSet", None),
    ("Match", "MatchSet", "IMatch"),
    ("CMatch", "CaseSensitiveMatchSet", None),
    ("NotMatch", "NotMatchSet", "INotMatch"),
    ("CNotMatch", "CaseSensitiveNotMatchSet", None),
    ("Contains", "ContainsSet", "IContains"),
    ("CContains", "CaseSensitiveContainsSet", None),
    ("NotContains", "NotContainsSet", "INotContains"),
    ("CNotContains", "CaseSensitiveNotContainsSet", None),
    ("In", "InSet", "IIn"),
    ("CIn", "CaseSensitiveInSet", None),
    ("NotIn", "NotInSet", "INotIn"),
    ("CNotIn", "CaseSensitiveNotInSet", None),
    ("Is", "IsSet", None),
    ("IsNot", "IsNotSet", None),
]


def _where_object() -> dict:
    op_sets = [s for _, s, _ in _WHERE_OPERATORS]
    params = [
        P("InputObject", PSO, pipe="v"),
        P("FilterScript", SB, pos=0, req=True, sets=["ScriptBlockSet"]),
        P("Property", STR, pos=0, req=True, sets=op_sets + ["Not"]),
        P("Value", PSO, pos=1, sets=op_sets),
    ]
    for switch, set_name, alias in _WHERE_OPERATORS:
        params.append(
            P(switch, SW, req=switch != "EQ", sets=[set_name], aliases=(alias,) if alias else ())
        )
    params.append(P("Not", SW, req=True, sets=["Not"]))
    return _cmdlet(
        "Where-Object",
        params,
        sets=["EqualSet", "ScriptBlockSet", *op_sets[1:], "Not"],
        default="EqualSet",
    )


# --------------------------------------------------------------------------
# Object cmdlets (Microsoft.PowerShell.Core / .Utility)
# --------------------------------------------------------------------------


def _object_cmdlets() -> list[dict]:
    out = [_where_object()]

    out.append(
        _cmdlet(
            "ForEach-Object",
            [
                P("InputObject", PSO, pipe="v"),
                P("Begin", SB, sets=["ScriptBlockSet"]),
                P("Process", "ScriptBlock[]", pos=0, req=True, sets=["ScriptBlockSet"]),
                P("End", SB, sets=["ScriptBlockSet"]),
                P("RemainingScripts", "ScriptBlock[]", sets=["ScriptBlockSet"], rest=True),
                P("MemberName", STR, pos=0, req=True, sets=["PropertyAndMethodSet"]),
                P("ArgumentList", OBJS, sets=["PropertyAndMethodSet"], aliases=("Args",)),
                P("Parallel", SB, req=True, sets=["ParallelParameterSet"]),
                P("ThrottleLimit", INT, sets=["ParallelParameterSet"]),
                P("TimeoutSeconds", INT, sets=["ParallelParameterSet"]),
                P("AsJob", SW, sets=["ParallelParameterSet"]),
                P("UseNewRunspace", SW, sets=["ParallelParameterSet"]),
                *_should_process(),
            ],
            sets=["ScriptBlockSet", "PropertyAndMethodSet", "ParallelParameterSet"],
        )
    )

    select_all = ["DefaultParameter", "SkipLastParameter", "IndexParameter", "SkipIndexParameter"]
    out.append(
        _cmdlet(
            "Select-Object",
            [
                P("InputObject", PSO, pipe="v"),
                P("Property", OBJS, pos=0, sets=["DefaultParameter", "SkipLastParameter"]),
                P("ExcludeProperty", STRS, sets=["DefaultParameter", "SkipLastParameter"]),
                P("ExpandProperty", STR, sets=["DefaultParameter", "SkipLastParameter"]),
                P("Unique", SW),
                P("CaseInsensitive", SW),
                P("Last", INT, sets=["DefaultParameter"]),
                P("First", INT, sets=["DefaultParameter"]),
                P("Skip", INT, sets=["DefaultParameter"]),
                P("SkipLast", INT, sets=["SkipLastParameter"]),
                P("Wait", SW, sets=["DefaultParameter", "IndexParameter"]),
                P("Index", "Int32[]", sets=["IndexParameter"]),
                P("SkipIndex", "Int32[]", sets=["SkipIndexParameter"]),
            ],
            sets=select_all,
        )
    )

    out.append(
        _cmdlet(
            "Sort-Object",
            [
                P("Property", OBJS, pos=0),
                P("Descending", SW),
                P("Unique", SW),
                P("Stable", SW, sets=["Default"]),
                P("Top", INT, req=True, sets=["Top"]),
                P("Bottom", INT, req=True, sets=["Bottom"]),
                P("InputObject", PSO, pipe="v"),
                P("Culture", STR),
                P("CaseSensitive", SW),
            ],
            sets=["Default", "Top", "Bottom"],
        )
    )

    out.append(
        _cmdlet(
            "Group-Object",
            [
                P("Property", OBJS, pos=0),
                P("NoElement", SW),
                P("AsHashTable", SW),
                P("AsString", SW),
                P("InputObject", PSO, pipe="v"),
                P("Culture", STR),
                P("CaseSensitive", SW),
            ],
        )
    )

    out.append(
        _cmdlet(
            "Measure-Object",
            [
                P("Property", "PSPropertyExpression[]", pos=0),
                P("InputObject", PSO, pipe="v"),
                P("StandardDeviation", SW, sets=["GenericMeasure"]),
                P("Sum", SW, sets=["GenericMeasure"]),
                P("AllStats", SW, sets=["GenericMeasure"]),
                P("Average", SW, sets=["GenericMeasure"]),
                P("Maximum", SW, sets=["GenericMeasure"]),
                P("Minimum", SW, sets=["GenericMeasure"]),
                P("Line", SW, sets=["TextMeasure"]),
                P("Word", SW, sets=["TextMeasure"]),
                P("Character", SW, sets=["TextMeasure"]),
                P("IgnoreWhiteSpace", SW, sets=["TextMeasure"]),
            ],
            sets=["GenericMeasure", "TextMeasure"],
        )
    )

    out.append(
        _cmdlet(
            "Compare-Object",
            [
                P("ReferenceObject", "PSObject[]", pos=0, req=True),
                P("DifferenceObject", "PSObject[]", pos=1, req=True, pipe="v"),
                P("SyncWindow", INT),
                P("Property", OBJS),
                P("ExcludeDifferent", SW),
                P("IncludeEqual", SW),
                P("PassThru", SW),
                P("Culture", STR),
                P("CaseSensitive", SW),
            ],
        )
    )

    out.append(
        _cmdlet(
            "Get-Member",
            [
                P("InputObject", PSO, pipe="v"),
                P("Name", STRS, pos=0),
                P("MemberType", "PSMemberTypes", aliases=("Type",), values=MEMBER_TYPES),
                P("View", "PSMemberViewTypes", values=["Extended", "Adapted", "Base", "All"]),
                P("Static", SW),
                P("Force", SW),
            ],
        )
    )

    member_sets = [
        "TypeNameSet",
        "MemberSet",
        "NotePropertySingleMemberSet",
        "NotePropertyMultiMemberSet",
    ]
    out.append(
        _cmdlet(
            "Add-Member",
            [
                P("InputObject", PSO, req=True, pipe="v"),
                P(
                    "MemberType",
                    "PSMemberTypes",
                    pos=0,
                    req=True,
                    sets=["MemberSet"],
                    aliases=("Type",),
                    values=MEMBER_TYPES,
                ),
                P("Name", STR, pos=1, req=True, sets=["MemberSet"]),
                P("Value", OBJ, pos=2, sets=["MemberSet"]),
                P("SecondValue", OBJ, pos=3, sets=["MemberSet"]),
                P("NotePropertyName", STR, pos=0, req=True, sets=["NotePropertySingleMemberSet"]),
                P("NotePropertyValue", OBJ, pos=1, req=True, sets=["NotePropertySingleMemberSet"]),
                P(
                    "NotePropertyMembers",
                    "IDictionary",
                    pos=0,
                    req=True,
                    sets=["NotePropertyMultiMemberSet"],
                ),
                P("TypeName", STR, sets=["TypeNameSet!", *member_sets[1:]]),
                P("Force", SW, sets=member_sets[1:]),
                P("PassThru", SW),
            ],
            sets=member_sets,
        )
    )

    out.append(
        _cmdlet(
            "Get-Unique",
            [
                P("InputObject", PSO, pipe="v"),
                P("AsString", SW, sets=["AsString"]),
                P("OnType", SW, sets=["UniqueByType"]),
                P("CaseInsensitive", SW),
            ],
            sets=["AsString", "UniqueByType"],
        )
    )

    out.append(
        _cmdlet(
            "New-Object",
            [
                P("TypeName", STR, pos=0, req=True, sets=["Net"]),
                P("ArgumentList", OBJS, pos=1, sets=["Net"], aliases=("Args",)),
                P("ComObject", STR, pos=0, req=True, sets=["Com"]),
                P("Strict", SW, sets=["Com"]),
                P("Property", "IDictionary"),
            ],
            sets=["Net", "Com"],
        )
    )

    out.append(
        _cmdlet(
            "Get-Random",
            [
                P("SetSeed", INT),
                P("Maximum", OBJ, pos=0, sets=["RandomNumberParameterSet"]),
                P("Minimum", OBJ, sets=["RandomNumberParameterSet"]),
                P(
                    "InputObject",
                    OBJS,
                    pos=0,
                    req=True,
                    sets=["RandomListItemParameterSet", "ShuffleParameterSet"],
                    pipe="v",
                ),
                P("Count", INT, sets=["RandomNumberParameterSet", "RandomListItemParameterSet"]),
                P("Shuffle", SW, req=True, sets=["ShuffleParameterSet"]),
            ],
            sets=["RandomNumberParameterSet", "RandomListItemParameterSet", "ShuffleParameterSet"],
        )
    )

    out.append(
        _cmdlet(
            "New-TimeSpan",
            [
                P("Start", "DateTime", pos=0, sets=["Date"], aliases=("LastWriteTime",), pipe="p"),
                P("End", "DateTime", pos=1, sets=["Date"], pipe="p"),
                P("Days", INT, sets=["Time"]),
                P("Hours", INT, sets=["Time"]),
                P("Minutes", INT, sets=["Time"]),
                P("Seconds", INT, sets=["Time"]),
                P("Milliseconds", INT, sets=["Time"]),
            ],
            sets=["Date", "Time"],
        )
    )

    date_sets = [
        "DateAndFormat",
        "DateAndUFormat",
        "UnixTimeSecondsAndFormat",
        "UnixTimeSecondsAndUFormat",
    ]
    out.append(
        _cmdlet(
            "Get-Date",
            [
                P(
                    "Date",
                    "DateTime",
                    pos=0,
                    sets=date_sets[:2],
                    aliases=("LastWriteTime",),
                    pipe="vp",
                ),
                P("UnixTimeSeconds", "Int64", req=True, sets=date_sets[2:], aliases=("UnixTime",)),
                P("Year", INT),
                P("Month", INT),
                P("Day", INT),
                P("Hour", INT),
                P("Minute", INT),
                P("Second", INT),
                P("Millisecond", INT),
                P("DisplayHint", "DisplayHintType", values=["Date", "Time", "DateTime"]),
                P("Format", STR, sets=["DateAndFormat", "UnixTimeSecondsAndFormat"]),
                P("UFormat", STR, req=True, sets=["DateAndUFormat", "UnixTimeSecondsAndUFormat"]),
                P("AsUTC", SW),
            ],
            sets=date_sets,
        )
    )

    out.append(
        _cmdlet(
            "Start-Sleep",
            [
                P("Seconds", "Double", pos=0, req=True, sets=["Seconds"], pipe="vp"),
                P("Milliseconds", INT, req=True, sets=["Milliseconds"], aliases=("ms",), pipe="p"),
                P(
                    "Duration",
                    "TimeSpan",
                    req=True,
                    sets=["FromTimeSpan"],
                    aliases=("ts",),
                    pipe="vp",
                ),
            ],
            sets=["Seconds", "Milliseconds", "FromTimeSpan"],
        )
    )

    return out


# --------------------------------------------------------------------------
# Formatting and output
# --------------------------------------------------------------------------


def _format_common() -> list[dict]:
    return [
        P("GroupBy", OBJ),
        P("View", STR),
        P("ShowError", SW),
        P("DisplayError", SW),
        P("Force", SW),
        P("Expand", STR, values=["CoreOnly", "EnumOnly", "Both"]),
        P("InputObject", PSO, pipe="v"),
    ]


def _output_cmdlets() -> list[dict]:
    out = []
    out.append(
        _cmdlet(
            "Format-Table",
            [
                P("Property", OBJS, pos=0),
                P("AutoSize", SW),
                P("RepeatHeader", SW),
                P("HideTableHeaders", SW),
                P("Wrap", SW),
                *_format_common(),
            ],
        )
    )
    out.append(_cmdlet("Format-List", [P("Property", OBJS, pos=0), *_format_common()]))
    out.append(
        _cmdlet(
            "Format-Wide",
            [P("Property", OBJ, pos=0), P("AutoSize", SW), P("Column", INT), *_format_common()],
        )
    )
    out.append(
        _cmdlet(
            "Out-String",
            [
                P("Stream", SW, sets=["StreamFormatting"]),
                P("NoNewline", SW, sets=["NoNewLineFormatting"]),
                P("Width", INT),
                P("InputObject", PSO, pipe="v"),
            ],
            sets=["NoNewLineFormatting", "StreamFormatting"],
        )
    )
    out.append(
        _cmdlet(
            "Out-File",
            [
                P("FilePath", STR, pos=0, req=True, sets=["ByPath"], aliases=("Path",)),
                P(
                    "LiteralPath",
                    STR,
                    req=True,
                    sets=["ByLiteralPath"],
                    aliases=LITERAL_PATH_ALIASES,
                ),
                P("Encoding", "Encoding", pos=1, values=ENCODINGS),
                P("Append", SW),
                P("Force", SW),
                P("NoClobber", SW, aliases=("NoOverwrite",)),
                P("Width", INT),
                P("NoNewline", SW),
                P("InputObject", PSO, pipe="v"),
                *_should_process(),
            ],
            sets=["ByPath", "ByLiteralPath"],
        )
    )
    out.append(_cmdlet("Out-Null", [P("InputObject", PSO, pipe="v")]))
    out.append(_cmdlet("Out-Host", [P("Paging", SW), P("InputObject", PSO, pipe="v")]))
    out.append(
        _cmdlet(
            "Out-GridView",
            [
                P("InputObject", PSO, pipe="v"),
                P("Title", STR),
                P("PassThru", SW, sets=["PassThru"]),
                P("Wait", SW, sets=["Wait"]),
                P(
                    "OutputMode",
                    "OutputModeOption",
                    sets=["OutputMode"],
                    values=["None", "Single", "Multiple"],
                ),
            ],
            sets=["PassThru", "Wait", "OutputMode"],
        )
    )
    out.append(
        _cmdlet(
            "Tee-Object",
            [
                P("InputObject", PSO, pipe="v"),
                P("FilePath", STR, pos=0, req=True, sets=["File"], aliases=("Path",)),
                P("LiteralPath", STR, req=True, sets=["LiteralFile"], aliases=LITERAL_PATH_ALIASES),
                P("Append", SW, sets=["File", "LiteralFile"]),
                P("Encoding", "Encoding", sets=["File", "LiteralFile"], values=ENCODINGS),
                P("Variable", STR, req=True, sets=["Variable"]),
            ],
            sets=["File", "LiteralFile", "Variable"],
        )
    )
    out.append(
        _cmdlet(
            "Write-Host",
            [
                P("Object", OBJ, pos=0, aliases=("Msg", "Message"), pipe="v", rest=True),
                P("NoNewline", SW),
                P("Separator", OBJ),
                P("ForegroundColor", "ConsoleColor", values=CONSOLE_COLORS),
                P("BackgroundColor", "ConsoleColor", values=CONSOLE_COLORS),
            ],
        )
    )
    out.append(
        _cmdlet(
            "Write-Output",
            [
                P("InputObject", "PSObject[]", pos=0, req=True, pipe="v", rest=True),
                P("NoEnumerate", SW),
            ],
        )
    )
    for name in ("Write-Warning", "Write-Verbose", "Write-Debug"):
        out.append(_cmdlet(name, [P("Message", STR, pos=0, req=True, aliases=("Msg",), pipe="v")]))
    out.append(
        _cmdlet(
            "Write-Information",
            [
                P("MessageData", OBJ, pos=0, req=True, aliases=("Msg", "Message")),
                P("Tags", STRS, pos=1),
            ],
        )
    )
    error_detail = [
        P("RecommendedAction", STR),
        P("CategoryActivity", STR, aliases=("Activity",)),
        P("CategoryReason", STR, aliases=("Reason",)),
        P("CategoryTargetName", STR, aliases=("TargetName",)),
        P("CategoryTargetType", STR, aliases=("TargetType",)),
    ]
    out.append(
        _cmdlet(
            "Write-Error",
            [
                P("Exception", "Exception", req=True, sets=["WithException"]),
                P("ErrorRecord", "ErrorRecord", req=True, sets=["ErrorRecord"]),
                P(
                    "Message",
                    STR,
                    sets=["NoException@0!", "WithException"],
                    aliases=("Msg",),
                    pipe="v",
                ),
                P(
                    "Category",
                    "ErrorCategory",
                    sets=["NoException", "WithException"],
                    values=ERROR_CATEGORIES,
                ),
                P("ErrorId", STR, sets=["NoException", "WithException"]),
                P("TargetObject", OBJ, sets=["NoException", "WithException"]),
                *error_detail,
            ],
            sets=["NoException", "WithException", "ErrorRecord"],
        )
    )
    out.append(
        _cmdlet(
            "Write-Progress",
            [
                P("Activity", STR, pos=0),
                P("Status", STR, pos=1),
                P("Id", INT, pos=2),
                P("PercentComplete", INT),
                P("SecondsRemaining", INT),
                P("CurrentOperation", STR),
                P("ParentId", INT),
                P("Completed", SW),
                P("SourceId", INT),
            ],
        )
    )
    out.append(
        _cmdlet(
            "Read-Host",
            [
                P("Prompt", OBJ, pos=0, rest=True),
                P("AsSecureString", SW, sets=["AsSecureString"]),
                P("MaskInput", SW, sets=["AsString"]),
            ],
            sets=["AsString", "AsSecureString"],
        )
    )
    out.append(_cmdlet("Clear-Host", []))
    return out


# --------------------------------------------------------------------------
# CSV, JSON, CLIXML, HTML
# --------------------------------------------------------------------------


def _conversion_cmdlets() -> list[dict]:
    out = []
    csv_out = [
        P("IncludeTypeInformation", SW, aliases=("ITI",)),
        P("NoTypeInformation", SW, aliases=("NTI",)),
        P("QuoteFields", STRS, aliases=("QF",)),
        P("UseQuotes", "QuoteKind", aliases=("UQ",), values=["Never", "Always", "AsNeeded"]),
        P("NoHeader", SW),
    ]
    out.append(
        _cmdlet(
            "Export-Csv",
            [
                P("InputObject", PSO, req=True, pipe="v"),
                P("Path", STR, pos=0),
                P("LiteralPath", STR, aliases=LITERAL_PATH_ALIASES),
                P("Force", SW),
                P("NoClobber", SW, aliases=("NoOverwrite",)),
                P("Encoding", "Encoding", values=ENCODINGS),
                P("Append", SW),
                P("Delimiter", "Char", pos=1, sets=["Delimiter"]),
                P("UseCulture", SW, req=True, sets=["UseCulture"]),
                *csv_out,
                *_should_process(),
            ],
            sets=["Delimiter", "UseCulture"],
        )
    )
    out.append(
        _cmdlet(
            "ConvertTo-Csv",
            [
                P("InputObject", PSO, pos=0, req=True, pipe="v"),
                P("Delimiter", "Char", pos=1, sets=["Delimiter"]),
                P("UseCulture", SW, req=True, sets=["UseCulture"]),
                *csv_out,
            ],
            sets=["Delimiter", "UseCulture"],
        )
    )
    import_sets = ["DelimiterPath", "DelimiterLiteralPath", "CulturePath", "CultureLiteralPath"]
    out.append(
        _cmdlet(
            "Import-Csv",
            [
                P("Delimiter", "Char", pos=1, sets=["DelimiterPath", "DelimiterLiteralPath"]),
                *_path_pair(
                    ["DelimiterPath", "CulturePath"],
                    ["DelimiterLiteralPath", "CultureLiteralPath"],
                    pipe="v",
                ),
                P("UseCulture", SW, req=True, sets=["CulturePath", "CultureLiteralPath"]),
                P("Header", STRS),
                P("Encoding", "Encoding", values=ENCODINGS),
            ],
            sets=import_sets,
        )
    )
    out.append(
        _cmdlet(
            "ConvertFrom-Csv",
            [
                P("InputObject", "PSObject[]", pos=0, req=True, pipe="vp"),
                P("Delimiter", "Char", pos=1, sets=["Delimiter"]),
                P("UseCulture", SW, req=True, sets=["UseCulture"]),
                P("Header", STRS),
            ],
            sets=["Delimiter", "UseCulture"],
        )
    )
    out.append(
        _cmdlet(
            "ConvertTo-Json",
            [
                P("InputObject", OBJ, pos=0, req=True, pipe="v"),
                P("Depth", INT),
                P("Compress", SW),
                P("EnumsAsStrings", SW),
                P("AsArray", SW),
                P(
                    "EscapeHandling",
                    "StringEscapeHandling",
                    values=["Default", "EscapeNonAscii", "EscapeHtml"],
                ),
            ],
        )
    )
    out.append(
        _cmdlet(
            "ConvertFrom-Json",
            [
                P("InputObject", STR, pos=0, req=True, pipe="v"),
                P("AsHashtable", SW),
                P("Depth", INT),
                P("NoEnumerate", SW),
            ],
        )
    )
    out.append(
        _cmdlet(
            "Export-Clixml",
            [
                P("Path", STR, pos=0, req=True, sets=["ByPath"]),
                P(
                    "LiteralPath",
                    STR,
                    req=True,
                    sets=["ByLiteralPath"],
                    aliases=LITERAL_PATH_ALIASES,
                ),
                P("Depth", INT),
                P("InputObject", PSO, req=True, pipe="v"),
                P("Force", SW),
                P("NoClobber", SW, aliases=("NoOverwrite",)),
                P("Encoding", "Encoding", values=ENCODINGS),
                *_should_process(),
            ],
            sets=["ByPath", "ByLiteralPath"],
        )
    )
    out.append(
        _cmdlet(
            "Import-Clixml",
            [
                *_path_pair(["ByPath"], ["ByLiteralPath"]),
                P("IncludeTotalCount", SW),
                P("Skip", "UInt64"),
                P("First", "UInt64"),
            ],
            sets=["ByPath", "ByLiteralPath"],
        )
    )
    out.append(
        _cmdlet(
            "ConvertTo-Html",
            [
                P("InputObject", PSO, pipe="v"),
                P("Property", OBJS, pos=0),
                P("Body", STRS, pos=3, sets=["Page"]),
                P("Head", STRS, pos=1, sets=["Page"]),
                P("Title", STR, pos=2, sets=["Page"]),
                P("As", STR, values=["Table", "List"]),
                P("CssUri", "Uri", sets=["Page"], aliases=("cu", "uri")),
                P("Fragment", SW, req=True, sets=["Fragment"]),
                P("PostContent", STRS),
                P("PreContent", STRS),
                P("Meta", "Hashtable", sets=["Page"]),
                P("Charset", STR, sets=["Page"]),
                P("Transitional", SW, sets=["Page"]),
            ],
            sets=["Page", "Fragment"],
        )
    )
    return out


# --------------------------------------------------------------------------
# Files and locations (Microsoft.PowerShell.Management)
# --------------------------------------------------------------------------


def _item_filters() -> list[dict]:
    return [P("Filter", STR), P("Include", STRS), P("Exclude", STRS)]


def _file_cmdlets() -> list[dict]:
    out = []
    two = ["Path", "LiteralPath"]
    content_read = [
        *_path_pair(["Path"], ["LiteralPath"], pipe="p"),
        P("ReadCount", "Int64", pipe="p"),
        P("TotalCount", "Int64", aliases=("First", "Head"), pipe="p"),
        P("Tail", INT, aliases=("Last",)),
        *_item_filters(),
        P("Force", SW),
        P("Credential", "PSCredential", pipe="p"),
        P("Delimiter", STR),
        P("Wait", SW),
        P("Raw", SW),
        P("Encoding", "Encoding", values=ENCODINGS),
        P("AsByteStream", SW),
        P("Stream", STR),
    ]
    out.append(_cmdlet("Get-Content", content_read, sets=two))
    for name in ("Set-Content", "Add-Content"):
        out.append(
            _cmdlet(
                name,
                [
                    *_path_pair(["Path"], ["LiteralPath"], pipe="p"),
                    P("Value", OBJS, pos=1, req=True, pipe="vp"),
                    P("PassThru", SW),
                    *_item_filters(),
                    P("Force", SW),
                    P("Credential", "PSCredential", pipe="p"),
                    P("NoNewline", SW),
                    P("Encoding", "Encoding", values=ENCODINGS),
                    P("AsByteStream", SW),
                    P("Stream", STR),
                    *_should_process(),
                ],
                sets=two,
            )
        )
    out.append(
        _cmdlet(
            "Test-Path",
            [
                *_path_pair(["Path"], ["LiteralPath"]),
                *_item_filters(),
                P(
                    "PathType",
                    "TestPathType",
                    aliases=("Type",),
                    values=["Any", "Container", "Leaf"],
                ),
                P("IsValid", SW),
                P("Credential", "PSCredential", pipe="p"),
                P("OlderThan", "DateTime"),
                P("NewerThan", "DateTime"),
            ],
            sets=two,
        )
    )
    out.append(
        _cmdlet(
            "Join-Path",
            [
                P("Path", STRS, pos=0, req=True, aliases=("PSPath",), pipe="vp"),
                P("ChildPath", STR, pos=1, req=True, pipe="p"),
                P("AdditionalChildPath", STRS, pos=2, rest=True),
                P("Resolve", SW),
                P("Credential", "PSCredential", pipe="p"),
            ],
        )
    )
    split_sets = [
        "ParentSet",
        "LeafSet",
        "LeafBaseSet",
        "ExtensionSet",
        "QualifierSet",
        "NoQualifierSet",
        "IsAbsoluteSet",
        "LiteralPathSet",
    ]
    out.append(
        _cmdlet(
            "Split-Path",
            [
                P("Path", STRS, pos=0, req=True, sets=split_sets[:-1], pipe="vp"),
                P(
                    "LiteralPath",
                    STRS,
                    req=True,
                    sets=["LiteralPathSet"],
                    aliases=LITERAL_PATH_ALIASES,
                    pipe="p",
                ),
                P("Parent", SW, sets=["ParentSet"]),
                P("Leaf", SW, req=True, sets=["LeafSet"]),
                P("LeafBase", SW, req=True, sets=["LeafBaseSet"]),
                P("Extension", SW, req=True, sets=["ExtensionSet"]),
                P("Qualifier", SW, req=True, sets=["QualifierSet"]),
                P("NoQualifier", SW, req=True, sets=["NoQualifierSet"]),
                P("IsAbsolute", SW, req=True, sets=["IsAbsoluteSet"]),
                P("Resolve", SW),
                P("Credential", "PSCredential", pipe="p"),
            ],
            sets=split_sets,
        )
    )
    out.append(
        _cmdlet(
            "Get-ChildItem",
            [
                P("Path", STRS, pos=0, sets=["Items"], pipe="vp"),
                P(
                    "LiteralPath",
                    STRS,
                    req=True,
                    sets=["LiteralItems"],
                    aliases=LITERAL_PATH_ALIASES,
                    pipe="p",
                ),
                P("Filter", STR, pos=1),
                P("Include", STRS),
                P("Exclude", STRS),
                P("Recurse", SW, aliases=("s",)),
                P("Depth", "UInt32"),
                P("Force", SW),
                P("Name", SW),
                P("Attributes", "FlagsExpression[FileAttributes]"),
                P("FollowSymlink", SW),
                P("Directory", SW, aliases=("ad", "d")),
                P("File", SW, aliases=("af",)),
                P("Hidden", SW, aliases=("ah", "h")),
                P("ReadOnly", SW, aliases=("ar",)),
                P("System", SW, aliases=("as",)),
            ],
            sets=["Items", "LiteralItems"],
        )
    )
    out.append(
        _cmdlet(
            "Get-Item",
            [
                *_path_pair(["Path"], ["LiteralPath"]),
                *_item_filters(),
                P("Force", SW),
                P("Credential", "PSCredential", pipe="p"),
                P("Stream", STRS),
            ],
            sets=two,
        )
    )
    out.append(
        _cmdlet(
            "New-Item",
            [
                P("Path", STRS, sets=["pathSet@0!", "nameSet@0?"], pipe="p"),
                P("Name", STR, req=True, sets=["nameSet"], pipe="p"),
                P("ItemType", STR, aliases=("Type",), pipe="p"),
                P("Value", OBJ, aliases=("Target",), pipe="vp"),
                P("Force", SW),
                P("Credential", "PSCredential", pipe="p"),
                *_should_process(),
            ],
            sets=["pathSet", "nameSet"],
        )
    )
    out.append(
        _cmdlet(
            "Remove-Item",
            [
                *_path_pair(["Path"], ["LiteralPath"]),
                *_item_filters(),
                P("Recurse", SW),
                P("Force", SW),
                P("Credential", "PSCredential", pipe="p"),
                P("Stream", STRS),
                *_should_process(),
            ],
            sets=two,
        )
    )
    for name, extra in (
        ("Copy-Item", [P("Container", SW), P("Recurse", SW)]),
        ("Move-Item", []),
    ):
        out.append(
            _cmdlet(
                name,
                [
                    *_path_pair(["Path"], ["LiteralPath"]),
                    P("Destination", STR, pos=1, pipe="p"),
                    *extra,
                    P("Force", SW),
                    *_item_filters(),
                    P("PassThru", SW),
                    P("Credential", "PSCredential", pipe="p"),
                    *_should_process(),
                ],
                sets=two,
            )
        )
    out.append(
        _cmdlet(
            "Rename-Item",
            [
                *_path_pair(["ByPath"], ["ByLiteralPath"], path_type=STR),
                P("NewName", STR, pos=1, req=True, pipe="p"),
                P("Force", SW),
                P("PassThru", SW),
                P("Credential", "PSCredential", pipe="p"),
                *_should_process(),
            ],
            sets=["ByPath", "ByLiteralPath"],
        )
    )
    out.append(
        _cmdlet(
            "Get-Location",
            [
                P("PSProvider", STRS, sets=["Location"], pipe="p"),
                P("PSDrive", STRS, sets=["Location"], pipe="p"),
                P("Stack", SW, sets=["Stack"]),
                P("StackName", STRS, sets=["Stack"], pipe="p"),
            ],
            sets=["Location", "Stack"],
        )
    )
    out.append(
        _cmdlet(
            "Set-Location",
            [
                P("Path", STR, pos=0, sets=["Path"], pipe="vp"),
                P(
                    "LiteralPath",
                    STR,
                    req=True,
                    sets=["LiteralPath"],
                    aliases=LITERAL_PATH_ALIASES,
                    pipe="p",
                ),
                P("PassThru", SW),
                P("StackName", STR, sets=["Stack"], pipe="p"),
            ],
            sets=["Path", "LiteralPath", "Stack"],
        )
    )
    out.append(
        _cmdlet(
            "Select-String",
            [
                P("Culture", STR),
                P("Pattern", STRS, pos=0, req=True),
                P("Path", STRS, pos=1, req=True, sets=["File", "FileRaw"], pipe="p"),
                P(
                    "LiteralPath",
                    STRS,
                    req=True,
                    sets=["LiteralFile", "LiteralFileRaw"],
                    aliases=LITERAL_PATH_ALIASES,
                    pipe="p",
                ),
                P("InputObject", PSO, req=True, sets=["Object", "ObjectRaw"], pipe="v"),
                P("Raw", SW, req=True, sets=["FileRaw", "ObjectRaw", "LiteralFileRaw"]),
                P("Quiet", SW, sets=["File", "Object", "LiteralFile"]),
                P("SimpleMatch", SW),
                P("CaseSensitive", SW),
                P("List", SW),
                P("NoEmphasis", SW),
                P("Include", STRS),
                P("Exclude", STRS),
                P("NotMatch", SW),
                P("AllMatches", SW),
                P("Encoding", "Encoding", values=ENCODINGS),
                P("Context", "Int32[]"),
            ],
            sets=["File", "FileRaw", "Object", "ObjectRaw", "LiteralFile", "LiteralFileRaw"],
        )
    )
    out.append(
        _cmdlet(
            "Start-Transcript",
            [
                P("Path", STR, pos=0, sets=["ByPath"]),
                P("LiteralPath", STR, pos=0, sets=["ByLiteralPath"], aliases=LITERAL_PATH_ALIASES),
                P("OutputDirectory", STR, sets=["ByOutputDirectory"]),
                P("Append", SW),
                P("Force", SW),
                P("NoClobber", SW, aliases=("NoOverwrite",)),
                P("IncludeInvocationHeader", SW),
                P("UseMinimalHeader", SW),
                *_should_process(),
            ],
            sets=["ByPath", "ByLiteralPath", "ByOutputDirectory"],
        )
    )
    out.append(_cmdlet("Stop-Transcript", []))
    return out


# --------------------------------------------------------------------------
# Session: variables, aliases, history, commands, help, modules, security
# --------------------------------------------------------------------------


def _session_cmdlets() -> list[dict]:
    out = []
    scope = P("Scope", STR)
    out.append(
        _cmdlet(
            "Get-Variable",
            [
                P("Name", STRS, pos=0, pipe="p"),
                P("ValueOnly", SW),
                P("Include", STRS),
                P("Exclude", STRS),
                scope,
            ],
        )
    )
    out.append(
        _cmdlet(
            "Set-Variable",
            [
                P("Name", STRS, pos=0, req=True, pipe="p"),
                P("Value", OBJ, pos=1, pipe="vp"),
                P("Include", STRS),
                P("Exclude", STRS),
                P("Description", STR, pipe="p"),
                P("Option", "ScopedItemOptions", pipe="p", values=SCOPED_ITEM_OPTIONS),
                P("Force", SW),
                P("Visibility", "SessionStateEntryVisibility", pipe="p", values=VISIBILITY),
                P("PassThru", SW),
                scope,
                *_should_process(),
            ],
        )
    )
    out.append(
        _cmdlet(
            "New-Variable",
            [
                P("Name", STR, pos=0, req=True, pipe="p"),
                P("Value", OBJ, pos=1, pipe="vp"),
                P("Description", STR),
                P("Option", "ScopedItemOptions", values=SCOPED_ITEM_OPTIONS),
                P("Visibility", "SessionStateEntryVisibility", values=VISIBILITY),
                P("Force", SW),
                P("PassThru", SW),
                scope,
                *_should_process(),
            ],
        )
    )
    out.append(
        _cmdlet(
            "Remove-Variable",
            [
                P("Name", STRS, pos=0, req=True, pipe="p"),
                P("Include", STRS),
                P("Exclude", STRS),
                P("Force", SW),
                scope,
                *_should_process(),
            ],
        )
    )
    out.append(
        _cmdlet(
            "Clear-Variable",
            [
                P("Name", STRS, pos=0, req=True, pipe="p"),
                P("Include", STRS),
                P("Exclude", STRS),
                P("Force", SW),
                P("PassThru", SW),
                scope,
                *_should_process(),
            ],
        )
    )
    out.append(
        _cmdlet(
            "Get-Alias",
            [
                P("Name", STRS, pos=0, sets=["Default"], pipe="vp"),
                P("Definition", STRS, sets=["Definition"]),
                P("Exclude", STRS),
                scope,
            ],
            sets=["Default", "Definition"],
        )
    )
    out.append(
        _cmdlet(
            "Set-Alias",
            [
                P("Name", STR, pos=0, req=True, pipe="p"),
                P("Value", STR, pos=1, req=True, pipe="p"),
                P("Description", STR, pipe="p"),
                P("Option", "ScopedItemOptions", pipe="p", values=SCOPED_ITEM_OPTIONS),
                P("PassThru", SW),
                scope,
                P("Force", SW),
                *_should_process(),
            ],
        )
    )
    out.append(
        _cmdlet("Get-History", [P("Id", "Int64[]", pos=0, pipe="v"), P("Count", INT, pos=1)])
    )
    out.append(_cmdlet("Invoke-History", [P("Id", STR, pos=0), *_should_process()]))
    out.append(
        _cmdlet(
            "Clear-History",
            [
                P("Id", "Int32[]", pos=0, sets=["IDParameter"]),
                P("Count", INT, pos=1),
                P("CommandLine", STRS, sets=["CommandLineParameter"]),
                P("Newest", SW),
                *_should_process(),
            ],
            sets=["IDParameter", "CommandLineParameter"],
        )
    )
    out.append(
        _cmdlet(
            "Get-Command",
            [
                P("Name", STRS, pos=0, sets=["AllCommandSet"], pipe="vp"),
                P("Verb", STRS, sets=["CmdletSet"], pipe="p"),
                P("Noun", STRS, sets=["CmdletSet"], pipe="p"),
                P("Module", STRS, aliases=("PSSnapin",), pipe="p"),
                P("FullyQualifiedModule", "ModuleSpecification[]", pipe="p"),
                P(
                    "CommandType",
                    "CommandTypes",
                    sets=["AllCommandSet"],
                    aliases=("Type",),
                    pipe="p",
                    values=COMMAND_TYPES,
                ),
                P("TotalCount", INT, pipe="p"),
                P("Syntax", SW, pipe="p"),
                P("ShowCommandInfo", SW),
                # Position 1 in PowerShell, which has no position 0 in CmdletSet; kept named so
                # that `Get-Command *-Object` binds -Name as it does there.
                P("ArgumentList", OBJS, aliases=("Args",), rest=True),
                P("All", SW, pipe="p"),
                P("ListImported", SW, pipe="p"),
                P("ParameterName", STRS),
                P("ParameterType", "PSTypeName[]"),
                P("UseFuzzyMatching", SW, sets=["AllCommandSet"]),
                P("FuzzyMinimumDistance", "UInt32", sets=["AllCommandSet"]),
                P("UseAbbreviationExpansion", SW, sets=["AllCommandSet"]),
            ],
            sets=["CmdletSet", "AllCommandSet"],
        )
    )
    help_sets = ["AllUsersView", "DetailedView", "Examples", "Parameters", "Online", "ShowWindow"]
    out.append(
        _cmdlet(
            "Get-Help",
            [
                P("Name", STR, pos=0),
                P("Path", STR),
                P("Category", STRS, values=HELP_CATEGORIES),
                P("Component", STRS),
                P("Functionality", STRS),
                P("Role", STRS),
                P("Full", SW, sets=["AllUsersView"]),
                P("Detailed", SW, req=True, sets=["DetailedView"]),
                P("Examples", SW, req=True, sets=["Examples"]),
                P("Parameter", STRS, req=True, sets=["Parameters"]),
                P("Online", SW, req=True, sets=["Online"]),
                P("ShowWindow", SW, req=True, sets=["ShowWindow"]),
            ],
            sets=help_sets,
        )
    )

    module_version = [
        P("MinimumVersion", "Version", aliases=("Version",)),
        P("MaximumVersion", STR),
        P("RequiredVersion", "Version"),
    ]
    out.append(
        _cmdlet(
            "Import-Module",
            [
                P("Name", STRS, pos=0, req=True, sets=["Name", "WinCompat"], pipe="v"),
                P(
                    "FullyQualifiedName",
                    "ModuleSpecification[]",
                    pos=0,
                    req=True,
                    sets=["FullyQualifiedName"],
                    pipe="v",
                ),
                P("ModuleInfo", "PSModuleInfo[]", pos=0, req=True, sets=["ModuleInfo"], pipe="v"),
                P("Global", SW),
                P("Prefix", STR),
                P("Function", STRS),
                P("Cmdlet", STRS),
                P("Variable", STRS),
                P("Alias", STRS),
                P("Force", SW),
                P("SkipEditionCheck", SW, sets=["Name", "FullyQualifiedName", "ModuleInfo"]),
                P("PassThru", SW),
                P("AsCustomObject", SW),
                *[{**p, "sets": ["Name", "WinCompat"]} for p in module_version],
                P("ArgumentList", OBJS, aliases=("Args",)),
                P("DisableNameChecking", SW),
                P("NoClobber", SW, aliases=("NoOverwrite",)),
                P("Scope", STR, values=["Local", "Global"]),
                P("UseWindowsPowerShell", SW, req=True, sets=["WinCompat"], aliases=("UseWinPS",)),
            ],
            sets=["Name", "FullyQualifiedName", "ModuleInfo", "WinCompat"],
        )
    )
    out.append(
        _cmdlet(
            "Get-Module",
            [
                P("Name", STRS, pos=0, pipe="v"),
                P("FullyQualifiedName", "ModuleSpecification[]"),
                P("All", SW),
                P("ListAvailable", SW, req=True, sets=["Available"]),
                P("PSEdition", STR, sets=["Available"]),
                P("SkipEditionCheck", SW, sets=["Available"]),
                P("Refresh", SW, sets=["Available"]),
            ],
            sets=["Loaded", "Available"],
        )
    )
    gallery_scope = P("Scope", STR, values=["CurrentUser", "AllUsers"])
    out.append(
        _cmdlet(
            "Install-Module",
            [
                P("Name", STRS, pos=0, req=True, sets=["NameParameterSet"], pipe="vp"),
                P("InputObject", "PSObject[]", pos=0, req=True, sets=["InputObject"], pipe="v"),
                P("MinimumVersion", STR, sets=["NameParameterSet"], pipe="p"),
                P("MaximumVersion", STR, sets=["NameParameterSet"], pipe="p"),
                P("RequiredVersion", STR, sets=["NameParameterSet"], pipe="p"),
                P("Repository", STRS, sets=["NameParameterSet"]),
                P("Credential", "PSCredential", pipe="p"),
                gallery_scope,
                P("Proxy", "Uri", pipe="p"),
                P("ProxyCredential", "PSCredential", pipe="p"),
                P("AllowClobber", SW),
                P("SkipPublisherCheck", SW),
                P("Force", SW),
                P("AllowPrerelease", SW, sets=["NameParameterSet"]),
                P("AcceptLicense", SW),
                P("PassThru", SW),
                *_should_process(),
            ],
            sets=["NameParameterSet", "InputObject"],
        )
    )
    out.append(
        _cmdlet(
            "Update-Module",
            [
                P("Name", STRS, pos=0, pipe="vp"),
                P("RequiredVersion", STR, pipe="p"),
                P("MaximumVersion", STR, pipe="p"),
                P("Credential", "PSCredential", pipe="p"),
                gallery_scope,
                P("Proxy", "Uri", pipe="p"),
                P("ProxyCredential", "PSCredential", pipe="p"),
                P("Force", SW),
                P("AllowPrerelease", SW),
                P("AcceptLicense", SW),
                P("PassThru", SW),
                *_should_process(),
            ],
        )
    )
    out.append(
        _cmdlet(
            "Set-StrictMode",
            [
                P("Version", "Version", req=True, sets=["Version"], aliases=("v",)),
                P("Off", SW, req=True, sets=["Off"]),
            ],
            sets=["Version", "Off"],
        )
    )

    # Microsoft.PowerShell.Security
    out.append(
        _cmdlet(
            "ConvertTo-SecureString",
            [
                P("String", STR, pos=0, req=True, pipe="v"),
                P("SecureKey", "SecureString", pos=1, sets=["Secure"]),
                P("AsPlainText", SW, req=True, sets=["PlainText"]),
                P("Force", SW, sets=["PlainText"]),
                P("Key", "Byte[]", sets=["Open"]),
            ],
            sets=["Secure", "PlainText", "Open"],
        )
    )
    out.append(
        _cmdlet(
            "ConvertFrom-SecureString",
            [
                P("SecureString", "SecureString", pos=0, req=True, pipe="v"),
                P("SecureKey", "SecureString", pos=1, sets=["Secure"]),
                P("AsPlainText", SW, req=True, sets=["AsPlainText"]),
                P("Key", "Byte[]", sets=["Open"]),
            ],
            sets=["Secure", "AsPlainText", "Open"],
        )
    )
    out.append(
        _cmdlet(
            "Get-Credential",
            [
                P("Credential", "PSCredential", pos=0, sets=["CredentialSet"]),
                P("UserName", STR, pos=0, sets=["MessageSet"]),
                P("Message", STR, sets=["MessageSet"]),
                P("Title", STR, sets=["MessageSet"]),
            ],
            sets=["CredentialSet", "MessageSet"],
        )
    )
    out.append(
        _cmdlet(
            "Get-ExecutionPolicy",
            [
                P(
                    "Scope",
                    "ExecutionPolicyScope",
                    pos=0,
                    pipe="vp",
                    values=EXECUTION_POLICY_SCOPES,
                ),
                P("List", SW),
            ],
        )
    )
    out.append(
        _cmdlet(
            "Set-ExecutionPolicy",
            [
                P(
                    "ExecutionPolicy",
                    "ExecutionPolicy",
                    pos=0,
                    req=True,
                    pipe="vp",
                    values=EXECUTION_POLICIES,
                ),
                P(
                    "Scope",
                    "ExecutionPolicyScope",
                    pos=1,
                    pipe="vp",
                    values=EXECUTION_POLICY_SCOPES,
                ),
                P("Force", SW),
                *_should_process(),
            ],
        )
    )
    return out


# --------------------------------------------------------------------------
# Connection cmdlets (ExchangeOnlineManagement), see shared/protocol.md §5
# --------------------------------------------------------------------------

# Parameters the two Connect cmdlets share, in the docs' order of named ones.
_CONNECT_SHARED_NAMED = [
    P("AccessToken", STR),
    P("AppId", STR),
    P("BypassMailboxAnchoring", SW),
    P("Certificate", "X509Certificate2"),
    P("CertificateFilePath", STR),
    P("CertificatePassword", "SecureString"),
    P("CertificateThumbprint", STR),
    P("Credential", "PSCredential"),
]
_LOG_LEVEL = P("LogLevel", "LogLevel", values=["Default", "All"])


def _connection_cmdlets() -> list[dict]:
    out = []
    out.append(
        _cmdlet(
            "Connect-ExchangeOnline",
            [
                P("ConnectionUri", STR, pos=0),
                P("AzureADAuthorizationEndpointUri", STR, pos=1),
                P(
                    "ExchangeEnvironmentName",
                    "ExchangeEnvironment",
                    pos=2,
                    values=EXCHANGE_ENVIRONMENTS,
                ),
                P("PSSessionOption", "PSSessionOption", pos=3),
                P("DelegatedOrganization", STR, pos=4),
                P("Prefix", STR, pos=5),
                P("CommandName", STRS, pos=6),
                P("FormatTypeName", STRS, pos=7),
                *_CONNECT_SHARED_NAMED,
                P("Device", SW),
                P("DisableWAM", SW),
                P("EnableErrorReporting", SW),
                P("EXOModuleBasePath", STR),
                P("InlineCredential", SW),
                P("LoadCmdletHelp", SW),
                P("LogDirectoryPath", STR),
                _LOG_LEVEL,
                P("ManagedIdentity", SW),
                P("ManagedIdentityAccountId", STR),
                P("Organization", STR),
                P("PageSize", "UInt32"),
                P("ShowBanner", SW),
                P("ShowProgress", "Boolean"),
                P("SigningCertificate", "X509Certificate2"),
                P("SkipLoadingCmdletHelp", SW),
                P("SkipLoadingFormatData", SW),
                P("TrackPerformance", "Boolean"),
                P("UseMultithreading", "Boolean"),
                P("UserPrincipalName", STR),
                P("UseRPSSession", SW),
            ],
            module="connection",
        )
    )
    out.append(
        _cmdlet(
            "Connect-IPPSSession",
            [
                P("ConnectionUri", STR, pos=0),
                P("AzureADAuthorizationEndpointUri", STR, pos=1),
                P("DelegatedOrganization", STR, pos=2),
                P("PSSessionOption", "PSSessionOption", pos=3),
                P("Prefix", STR, pos=4),
                P("CommandName", STRS, pos=5),
                P("FormatTypeName", STRS, pos=6),
                *_CONNECT_SHARED_NAMED,
                P("DisableWAM", SW),
                P("EnableErrorReporting", SW),
                P("EnableSearchOnlySession", SW),
                P("EXOModuleBasePath", STR),
                P("LogDirectoryPath", STR),
                _LOG_LEVEL,
                P("Organization", STR),
                P("ShowBanner", SW),
                P("UserPrincipalName", STR),
                P("UseRPSSession", SW),
            ],
            module="connection",
        )
    )
    out.append(
        _cmdlet(
            "Disconnect-ExchangeOnline",
            [
                P("ConnectionId", STRS, req=True, sets=["ConnectionId"], pipe="p"),
                P("ModulePrefix", STRS, req=True, sets=["ModulePrefix"]),
                *_should_process(),
            ],
            sets=["DefaultParameterSet", "ConnectionId", "ModulePrefix"],
            module="connection",
        )
    )
    out.append(
        _cmdlet(
            "Get-ConnectionInformation",
            [
                P("ConnectionId", STRS, req=True, sets=["ConnectionId"]),
                P("ModulePrefix", STRS, req=True, sets=["ModulePrefix"]),
            ],
            sets=["Default", "ConnectionId", "ModulePrefix"],
            module="connection",
        )
    )
    return out


# Names that are also in the bundled exchange-cmdlets.json and that these
# entries replace on purpose (module "connection", ValidateSets added).
OVERRIDES = frozenset(
    {
        "Connect-ExchangeOnline",
        "Connect-IPPSSession",
        "Disconnect-ExchangeOnline",
        "Get-ConnectionInformation",
    }
)

CMDLETS: list[dict] = [
    *_object_cmdlets(),
    *_output_cmdlets(),
    *_conversion_cmdlets(),
    *_file_cmdlets(),
    *_session_cmdlets(),
    *_connection_cmdlets(),
]
