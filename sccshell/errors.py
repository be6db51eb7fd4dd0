"""Error families the run modes tell apart, importable without the network stack."""


class SignInFailed(Exception):
    """Signing in did not work: exit status 3."""


class ServiceFailed(Exception):
    """The service answered with an error: exit status 1."""


class ConfigFailed(Exception):
    """A profile or configuration file is wrong: exit status 2."""
