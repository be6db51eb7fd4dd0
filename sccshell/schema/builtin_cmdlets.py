"""Parameter lists of the cmdlets sccshell runs itself (filled in below)."""

CMDLETS: list[dict] = []
