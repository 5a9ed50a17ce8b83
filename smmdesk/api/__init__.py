"""The API v2 client: pure Python and httpx, no Qt.

A script can use it directly::

    with PanelClient("https://panel.example/api/v2", key) as panel:
        order_id = panel.add("1", link="https://instagram.com/p/x", quantity=100)
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
    RefillState,
    RefillStatus,
    Service,
    ServiceType,
)
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
    "ProtocolError",
    "RateLimited",
    "RefillState",
    "RefillStatus",
    "RequestTimeout",
    "RetryPolicy",
    "Service",
    "ServiceType",
    "TransportError",
    "add_arguments",
    "batches",
    "estimate_charge",
    "is_loopback",
    "order_fields",
    "order_params",
    "validate_order",
    "validate_panel_url",
]
