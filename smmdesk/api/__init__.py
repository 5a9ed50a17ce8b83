"""The API v2 client: pure Python and httpx, no Qt.

A script can use it directly::

    with PanelClient("https://panel.example/api/v2", key) as panel:
        order_id = panel.add("1", link="https://instagram.com/p/x", quantity=100)
"""

from .client import PanelClient, batches, is_loopback, order_params, validate_panel_url
from .errors import (
    ApiError,
    ConnectionFailed,
    InvalidPanelUrl,
    PanelError,
    ProtocolError,
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

__all__ = [
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
