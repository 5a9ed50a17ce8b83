"""SMMDesk: a desktop for resellers of SMM panel services speaking API v2."""

from importlib import metadata


def _read_version() -> str:
    """The version comes from one place, the package metadata in pyproject.toml."""
    try:
        return metadata.version("smmdesk")
    except metadata.PackageNotFoundError:
        return "0.0.0+unknown"


__version__ = _read_version()
USER_AGENT = f"SMMDesk/{__version__}"
