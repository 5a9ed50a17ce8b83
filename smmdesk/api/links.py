"""Link keys: one spelling for the many ways of writing the same page or account.

Panels refuse a second order for a link that has an active one ("You have active order
with this link", `neworder.error.link_duplicate`), or worse, run both on top of each other.
To warn before that happens, SMMDesk compares links by a key that forgets what does not
choose the page: the scheme (http or https), the case of the host, `www.`/`m.`, a default
port, a trailing slash, tracking parameters, the parameters' order and the fragment. The
path and the remaining parameters keep their case: `/p/AbC` and `/p/abc` are different
posts. The key is only ever compared; the link sent is the one the user typed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import SplitResult, unquote, urlsplit

# Parameters that record where a click came from and never choose the page.
TRACKING_PARAMETERS = frozenset(
    {
        "igshid", "igsh", "si", "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid",
        "msclkid", "yclid", "twclid", "ttclid", "mc_cid", "mc_eid", "_ga", "_gl", "ref",
        "ref_src", "ref_url", "referer", "referrer", "feature", "is_from_webapp",
        "sender_device",
    }
)  # fmt: skip
TRACKING_PREFIXES = ("utm_",)
# Host prefixes that name the same site (its mobile or "www" face), dropped when a
# registrable name remains after them (`m.youtube.com`, not `m.io`).
SAME_SITE_PREFIXES = ("www.", "m.", "mobile.")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_WEB_SCHEMES = frozenset(_DEFAULT_PORTS)  # one page whichever of the two a link uses
_HAS_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_ESCAPE = re.compile(r"%[0-9a-fA-F]{2}")
# The links a reseller pastes by the thousand: an http(s) scheme or none, a plain ASCII
# host and a path without parameters, fragment or escapes. Their key needs no `urlsplit`
# (`_plain_key` computes what `_url_key` would, at a fifth of the cost).
_PLAIN_WEB_LINK = re.compile(r"(?:[Hh][Tt][Tt][Pp][Ss]?://)?([A-Za-z0-9.-]+)(/[^?#%\s]*)?")


def link_key(text: str | None) -> str | None:
    """The comparison key of a link, an `@handle` or a bare host; None when empty.

    `HTTPS://www.Instagram.com/p/AbC/?utm_source=x&igshid=1` -> `instagram.com/p/AbC`;
    `@Someone` and `someone` -> `@someone` (handles ignore case on the networks panels
    serve). Never raises: what does not parse as a URL is compared as typed.
    """
    value = (text or "").strip()
    if not value:
        return None
    if _is_handle(value):
        return "@" + value.lstrip("@").lower()
    plain = _plain_key(value)
    if plain is not None:
        return plain
    try:
        return _url_key(urlsplit(value if _HAS_SCHEME.match(value) else "//" + value))
    except ValueError:  # a port that is not a number, an unbalanced IPv6 bracket…
        return value


def plain_web_key(link: str) -> str | None:
    """`link_key` of a plain web address (`https://host/path`, or `host/path`: an ASCII
    host, no parameters, escapes or port), found with one regular expression; None for
    anything else (a handle, a link to parse). A mass order meets thousands of these."""
    return None if _is_handle(link) else _plain_key(link)


def order_link_key(link: str | None, fields: Mapping[str, str]) -> str | None:
    """What an order is guarded by: its link, or, for a subscription (which has no link),
    the account it follows (`username`)."""
    if link and link.strip():
        return link_key(link)
    return link_key(fields.get("username"))


def _is_handle(value: str) -> bool:
    if value.startswith("@"):
        return "/" not in value
    return not ("." in value or "/" in value or ":" in value or "?" in value or "#" in value)


def _plain_key(value: str) -> str | None:
    """What `_url_key` would make of `value` when it is a plain web address, else None."""
    plain = _PLAIN_WEB_LINK.fullmatch(value)
    if plain is None or not value.isprintable():
        return None
    host, path = plain.group(1, 2)  # no port, no IPv6 brackets: `_host` would add nothing
    return _site(host.lower().rstrip(".")) + (path or "").rstrip("/")


def _url_key(parts: SplitResult) -> str:
    scheme = parts.scheme.lower() or "https"
    key = _host(parts.hostname or "", parts.port, scheme) + _path(parts.path)
    query = _query(parts.query)
    if query:
        key += "?" + query
    if parts.fragment.startswith("!"):  # a "#!" route chooses the page; other fragments don't
        key += "#" + parts.fragment
    return key if scheme in _WEB_SCHEMES else f"{scheme}://{key}"


def _host(hostname: str, port: int | None, scheme: str) -> str:
    host = _site(hostname.rstrip("."))
    if ":" in host:
        host = f"[{host}]"
    # a default port is no part of the key, for http and https alike (one page, so both)
    if port is not None and not (scheme in _WEB_SCHEMES and port in _DEFAULT_PORTS.values()):
        host += f":{port}"
    return host


def _site(host: str) -> str:
    """The host without a same-site prefix: `www.x.com` and `m.x.com` are `x.com`."""
    if host.startswith(SAME_SITE_PREFIXES):
        for prefix in SAME_SITE_PREFIXES:
            if host.startswith(prefix) and "." in host[len(prefix) :]:
                return host[len(prefix) :]
    return host


def _path(path: str) -> str:
    """Escapes in upper case (`%2f` is `%2F`), no trailing slash; the case of the rest kept."""
    if "%" in path:
        path = _ESCAPE.sub(lambda match: match.group().upper(), path)
    return path.rstrip("/")


def _query(query: str) -> str:
    """The parameters that choose the page, in name order, each exactly as written."""
    kept = [pair for pair in query.split("&") if pair and not _is_tracking(pair)]
    return "&".join(sorted(kept))


def _is_tracking(pair: str) -> bool:
    name = unquote(pair.partition("=")[0]).lower()
    return name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIXES)
