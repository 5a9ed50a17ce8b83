"""`OrderDraft`: one order, in one shape, from the form to the wire.

The form builds it, the journal stores it, the confirmation shows it and the client sends
it: what the user confirms is, field for field, what leaves. The rule that `key` and
`action` can never be overwritten lives here, once, for the form and for scripts alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType

from .models import Service

# Form fields an order may never carry: the client sets them itself.
RESERVED_FIELDS = frozenset({"key", "action"})
# Columns of their own in the journal; every other field is kept by name beside them.
REQUEST_FIELDS = ("link", "quantity", "runs", "interval")
_NOT_FIELDS = RESERVED_FIELDS | {"service"}


def _empty() -> Mapping[str, str]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class OrderDraft:
    """The service and every `add` field by name, as strings exactly as they will be sent
    (list fields one item per line), plus the charge the user was shown."""

    service: Service
    fields: Mapping[str, str] = field(default_factory=_empty, hash=False)
    charge_estimate: Decimal | None = None
    currency: str | None = None

    def __post_init__(self) -> None:
        check_field_names(self.fields, also=("service",))
        frozen = MappingProxyType({name: str(value) for name, value in self.fields.items()})
        object.__setattr__(self, "fields", frozen)

    @classmethod
    def of_frozen(
        cls,
        service: Service,
        fields: MappingProxyType[str, str],
        charge_estimate: Decimal | None,
        currency: str | None,
    ) -> OrderDraft:
        """A draft of fields already frozen as strings, kept without the copy the
        constructor makes: a mass-order check makes thousands (the copy was a fifth of
        checking a line). The reserved names are refused all the same."""
        if not _NOT_FIELDS.isdisjoint(fields):
            check_field_names(fields, also=("service",))
        draft = object.__new__(cls)
        put = object.__setattr__
        put(draft, "service", service)
        put(draft, "fields", fields)
        put(draft, "charge_estimate", charge_estimate)
        put(draft, "currency", currency)
        return draft

    @classmethod
    def of(
        cls,
        service: Service,
        link: str | None = None,
        quantity: int | None = None,
        runs: int | None = None,
        interval: int | None = None,
        *,
        fields: Mapping[str, str] | None = None,
        charge_estimate: Decimal | None = None,
        currency: str | None = None,
    ) -> OrderDraft:
        """A draft from the common fields and the type's own (`fields`)."""
        common = {"link": link, "quantity": quantity, "runs": runs, "interval": interval}
        named = {name: str(value) for name, value in common.items() if value is not None}
        check_field_names(fields or {}, also=("service",))
        return cls(service, {**named, **(fields or {})}, charge_estimate, currency)

    @property
    def link(self) -> str | None:
        return self.fields.get("link")

    @property
    def quantity(self) -> int | None:
        return _whole(self.fields.get("quantity"))

    @property
    def runs(self) -> int | None:
        return _whole(self.fields.get("runs"))

    @property
    def interval(self) -> int | None:
        return _whole(self.fields.get("interval"))

    @property
    def type_fields(self) -> Mapping[str, str]:
        """The fields besides link, quantity, runs and interval (comments, username…)."""
        return {k: v for k, v in self.fields.items() if k not in REQUEST_FIELDS}

    def params(self) -> dict[str, str]:
        """The `add` request's form fields, `key` and `action` aside."""
        return {"service": self.service.id, **self.fields}


def check_field_names(fields: Mapping[str, object], also: tuple[str, ...] = ()) -> None:
    """Refuse a field that would overwrite what the client itself sends."""
    clashes = (RESERVED_FIELDS | set(also)).intersection(fields)
    if clashes:
        raise ValueError(f"an order may not set the field(s) {', '.join(sorted(clashes))}")


def add_params(service: str, fields: Mapping[str, object]) -> dict[str, str]:
    """The form fields of an `add`: None dropped, list values joined one per line."""
    check_field_names(fields)
    params: dict[str, str] = {"service": str(service)}
    for name, value in fields.items():
        if value is None:
            continue
        if isinstance(value, list | tuple):
            value = "\n".join(str(v).strip() for v in value if str(v).strip())
        params[name] = str(value)
    return params


def _whole(text: str | None) -> int | None:
    return int(text) if text is not None and text.isascii() and text.isdigit() else None
