"""The API v2 client: pure Python and httpx, no Qt.

A script can use it directly::

    with PanelClient("https://panel.example/api/v2", key) as panel:
        order_id = panel.add("1", link="https://instagram.com/p/x", quantity=100)

`add` returns the order ID; `place(draft)` returns the whole answer as a `PlacedOrder`,
with the charge and currency when the panel states them.
"""

from typing import TYPE_CHECKING, Any

from .errors import (
    AnswerTooLarge,
    ApiError,
    ConnectionFailed,
    InvalidPanelUrl,
    PanelError,
    ProtocolError,
    RateLimited,
    RequestTimeout,
    TransportError,
)
from .forms import (
    FieldKind,
    FieldSpec,
    add_arguments,
    estimate_charge,
    order_fields,
    validate_order,
)
from .models import (
    Balance,
    OrderState,
    OrderStatus,
    PlacedOrder,
    RefillState,
    RefillStatus,
    Service,
    ServiceList,
    ServiceType,
    SkippedItem,
)
from .refusals import RefusalKind, human_refusal, refusal_kind
from .retry import RetryPolicy
from .urls import is_loopback, validate_panel_url

if TYPE_CHECKING:
    from .client import PanelClient, batches, order_params

_LAZY_FROM_CLIENT = frozenset({"PanelClient", "batches", "order_params"})


def __getattr__(name: str) -> Any:
    """The client (and httpx with it) is imported on first use, not at start-up."""
    if name in _LAZY_FROM_CLIENT:
        from . import client

        return getattr(client, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "AnswerTooLarge",
    "ApiError",
    "Balance",
    "ConnectionFailed",
    "FieldKind",
    "FieldSpec",
    "InvalidPanelUrl",
    "OrderState",
    "OrderStatus",
    "PanelClient",
    "PanelError",
    "PlacedOrder",
    "ProtocolError",
    "RateLimited",
    "RefillState",
    "RefillStatus",
    "RefusalKind",
    "RequestTimeout",
    "RetryPolicy",
    "Service",
    "ServiceList",
    "ServiceType",
    "SkippedItem",
    "TransportError",
    "add_arguments",
    "batches",
    "estimate_charge",
    "human_refusal",
    "is_loopback",
    "order_fields",
    "order_params",
    "refusal_kind",
    "validate_order",
    "validate_panel_url",
]
