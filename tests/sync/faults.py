"""A lossy network between simulated phones and the server, for tests/sync/test_stateful.py.

Every exchange is told its fault up front (the test draws it), so a failing example says exactly
which message was lost or doubled:

- ``DROP_REQUEST``: the request never reaches the server;
- ``DROP_RESPONSE``: the server acts on it, the phone never hears back;
- ``DUPLICATE``: the server receives it twice (a retransmission), the phone reads the second
  answer (the first one went to a connection that had already timed out).

The transport keeps what the server answered (``Delivery.served``) apart from what the phone
received (``Delivery.received``): the test may look at the first, the phone only at the second.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from flask.testing import FlaskClient

T = TypeVar("T")


class Fault(enum.Enum):
    NONE = "none"
    DROP_REQUEST = "drop_request"
    DROP_RESPONSE = "drop_response"
    DUPLICATE = "duplicate"

    def __repr__(self) -> str:  # short in Hypothesis's printed steps
        return f"Fault.{self.name}"


class ServerFailure(AssertionError):
    """The server answered a sync request with something other than 200: a bug under test."""


@dataclass
class Delivery:
    """What one faulty exchange did: the server's answers and the one the phone got (if any)."""

    fault: Fault
    served: list[Any] = field(default_factory=list)
    observed: list[Any] = field(default_factory=list)
    received: Any = None

    @property
    def reached_server(self) -> bool:
        return bool(self.served)

    @property
    def answered(self) -> bool:
        return self.fault not in (Fault.DROP_REQUEST, Fault.DROP_RESPONSE)


def deliver(
    fault: Fault, send: Callable[[], T], observe: Callable[[], Any] | None = None
) -> Delivery:
    """Run ``send`` zero, one or two times as ``fault`` says; ``observe`` runs after each send
    (e.g. a fingerprint of the database, to compare a duplicate's effect with the original's)."""
    delivery = Delivery(fault)
    if fault is Fault.DROP_REQUEST:
        return delivery
    for _ in range(2 if fault is Fault.DUPLICATE else 1):
        delivery.served.append(send())
        if observe is not None:
            delivery.observed.append(observe())
    if delivery.answered:
        delivery.received = delivery.served[-1]
    return delivery


class FaultyTransport:
    """JSON POSTs over one logged-in Flask test client, each with a chosen fault."""

    def __init__(self, client: FlaskClient, csrf: str) -> None:
        self.client, self.csrf = client, csrf

    def send(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        response = self.client.post(path, json=body, headers={"X-CSRF-Token": self.csrf})
        if response.status_code != 200:
            raise ServerFailure(
                f"{path} answered {response.status_code}: {response.get_data(as_text=True)[:500]}"
                f"\nrequest: {body!r}"[:2000]
            )
        return response.get_json()

    def post(
        self,
        path: str,
        body: dict[str, Any],
        fault: Fault = Fault.NONE,
        observe: Callable[[], Any] | None = None,
    ) -> Delivery:
        return deliver(fault, lambda: self.send(path, body), observe)


def rebatch(outbox: list[T], start: int, length: int) -> list[T]:
    """A slice of the outbox as a push might send it: any start, at least one entry (when there
    is one). Out-of-range numbers wrap, so any drawn integers make a valid batch."""
    if not outbox:
        return []
    start %= len(outbox)
    return outbox[start : start + 1 + length % (len(outbox) - start)]
