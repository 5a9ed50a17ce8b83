"""Answers recorded from panels of both widespread dialects (IDs and words as seen),
used to check that `smmdesk.api` reads every form of the protocol."""

from __future__ import annotations

PERFECTPANEL_SERVICES = """[
 {"service": 1, "name": "Followers", "type": "Default", "category": "First Category",
  "rate": "0.90", "min": "50", "max": "10000", "refill": true, "cancel": true},
 {"service": "2", "name": "Comments", "type": "Custom Comments", "category": "Second Category",
  "rate": 8, "min": 10, "max": 1500, "refill": false, "cancel": 1, "dripfeed": "1",
  "desc": "Real comments\\nStart 0-1h", "average_time": "2 hours"}
]"""

SMARTPANEL_SERVICES = """{"status": "success", "data": [
 {"service": "7", "name": "Likes", "type": "custom_comments_package", "category": "IG",
  "rate": "1.2", "min": "100", "max": "5000", "refill": "0", "cancel": "false",
  "dripfeed": "true"}]}"""

SMARTPANEL_EMPTY = '{"status": "success", "data": "Empty Data"}'
BOM_AND_SPACES = '\ufeff  \n {"balance": "100.84292", "currency": "USD"}\n'
SMARTPANEL_BALANCE = '{"status": "success", "balance": "12.5", "currency": "EUR"}'
SMARTPANEL_ERROR = '{"status": "error", "message": "Incorrect service ID"}'
ERROR_WITH_ORDER = '{"error": "low balance", "order": 32}'
ERRORS_LIST = '{"errors": ["Link is invalid", "Quantity is too low"]}'
PHP_NOTICE = '<br /><b>Notice</b>: Undefined index: x in /var/www/api.php<br />{"order": 5}'
CLOUDFLARE = "<!DOCTYPE html><html><head><title>Just a moment...</title></head></html>"
TRUNCATED = '{"charge": "0.27819", "start_co'

MULTI_STATUS = """{
 "1": {"charge": "0.27819", "start_count": "3572", "status": "Partial", "remains": "157",
       "currency": "USD"},
 "10": {"error": "Incorrect order ID"},
 "100": {"charge": "1.44219", "start_count": "234", "status": "In progress",
         "remains": "10", "currency": "USD"},
 "ord_7f": {"status": "Active", "posts": 5},
 "ab12": {"status": "In_Progress", "runs": 3, "remains": "Unknown"},
 "55": "Incorrect order ID",
 "56": {"status": "Order Cancelled", "remains": "-12", "charge": 0}
}"""

MULTI_REFILL = """[{"order": 1, "refill": 1}, {"order": 2, "refill": "ref_2"},
 {"order": 3, "refill": {"error": "Incorrect order ID"}}]"""
MULTI_REFILL_STATUS = """[{"refill": 1, "status": "Completed"},
 {"refill": 2, "status": "Rejected"}, {"refill": 3, "status": {"error": "Refill not found"}}]"""
MULTI_CANCEL = """[{"order": 2, "cancel": 1},
 {"order": 9, "cancel": {"error": "Incorrect order ID"}}]"""
SINGLE_REFILL_VERBOSE = '{"refill": "12345", "status": 200, "message": "Refill has been placed!"}'
SINGLE_CANCEL = '{"status": "success", "message": "Cancellation request added"}'

# Second survey (api-v2.md, "More seen in the field").
DRIPFEED_STATUS = '{"status": "In progress", "runs": 3, "orders": [101, 102, "ord_103"]}'
SUBSCRIPTION_STATUS = (
    '{"status": "Active", "expiry": "2026-12-31 23:59", "posts": 5, "orders": [7, 8]}'
)
MULTI_REFILL_STATUS_KEYS = """[{"refill": 1, "status": "tasks.status.completed"},
 {"refill": 2, "status": "Processed"}, {"refill": 3, "status": "tasks.status.in_progress"},
 {"refill": 4, "status": "Awaiting"}]"""
ADD_WITH_CHARGE = '{"order": 23501, "charge": "2.7819", "currency": "EUR"}'
UNTRANSLATED_ERRORS = {
    "neworder.error.not_enough_funds": "Not enough funds on the panel balance",
    "neworder.error.incorrect_service_id": "The panel does not know this service",
    "neworder.error.link_duplicate": (
        "This link already has an active order on the panel: wait until it is completed"
    ),
    "neworder.error.link": "The panel does not accept this link",
    "neworder.error.min_quantity": "The quantity is below the service's minimum",
    "neworder.error.max_quantity": "The quantity is above the service's maximum",
}
