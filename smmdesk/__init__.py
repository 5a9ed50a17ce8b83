"""SMMDesk: a desktop for resellers of SMM panel services speaking API v2."""

from functools import cache


@cache
def _read_version() -> str:
    """The version comes from one place, the package metadata in pyproject.toml.

    Read on first use: importing importlib.metadata costs ~25 ms that the first painted
    window should not pay.
    """
    from importlib import metadata

    try:
        return metadata.version("smmdesk")
    except metadata.PackageNotFoundError:
        return "0.0.0+unknown"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return _read_version()
    if name == "USER_AGENT":
        return f"SMMDesk/{_read_version()}"
    raise AttributeError(f"module 'smmdesk' has no attribute {name!r}")
