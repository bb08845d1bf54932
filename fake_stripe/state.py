"""The stand-in's objects and the transitions Stripe makes to them, each with Stripe's events."""

import copy
import threading
import time
from contextlib import contextmanager

from . import objects
from .errors import FakeStripeError, no_such, not_allowed

# Statuses in which Stripe still bills (or will bill) the subscription.
LIVE = frozenset({"trialing", "active", "past_due"})

# Portal actions: the label the hosted portal page shows for each, in the order it shows them.
PORTAL_ACTIONS = {
    "cancel_at_period_end": "Cancel at period end",
    "resume": "Don't cancel",
    "cancel_now": "Cancel now",
    "switch_price": "Switch plan",
    "end_trial": "End trial now",
    "trial_will_end": "Simulate trial ending",
    "fail_payment": "Simulate failed payment",
    "retry_payment": "Simulate successful payment retry",
    "pause": "Pause",
    "unpause": "Resume from pause",
}

# Which id prefix lives in which collection, and the name Stripe's errors use for it.
_KINDS = {
    "cus_": ("customers", "customer"),
    "prod_": ("products", "product"),
    "price_": ("prices", "price"),
    "cs_": ("checkout_sessions", "checkout.session"),
    "sub_": ("subscriptions", "subscription"),
    "in_": ("invoices", "invoice"),
    "bps_": ("portal_sessions", "billing_portal.session"),
}


_COLLECTIONS = (
    "customers",
    "products",
    "prices",
    "checkout_sessions",
    "subscriptions",
    "invoices",
    "portal_sessions",
    "checkout_orders",
)


def now():
    return int(time.time())


def changed_fields(before, after):
    """Stripe's ``previous_attributes``: the old value of every top-level field that changed."""
    return {key: before.get(key) for key in after if before.get(key) != after.get(key)}


def period_end(subscription):
    return max(item["current_period_end"] for item in subscription["items"]["data"])


# Stands for "this id did not exist before the write" in an undo log.
_ABSENT = object()


class Collection(dict):
    """The objects of one kind by id, keeping an undo log while a write is under way.

    Inside ``FakeStripeState.atomic`` every object handed out (or replaced, or added) is copied
    into the log the first time, before the caller can change it; a failed write puts back only
    what it touched instead of copying the whole state up front.
    """

    def __init__(self):
        super().__init__()
        self.undo = None

    def _keep(self, key):
        if self.undo is not None and key not in self.undo:
            before = dict.get(self, key, _ABSENT)
            self.undo[key] = before if before is _ABSENT else copy.deepcopy(before)

    def __getitem__(self, key):
        self._keep(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self._keep(key)
        return super().get(key, default)

    def __setitem__(self, key, value):
        self._keep(key)
        super().__setitem__(key, value)

    def __delitem__(self, key):
        self._keep(key)
        super().__delitem__(key)

    def pop(self, key, *default):
        self._keep(key)
        return super().pop(key, *default)

    def values(self):
        for key in self:
            self._keep(key)
        return super().values()

    def items(self):
        for key in self:
            self._keep(key)
        return super().items()

    def begin(self):
        self.undo = {}

    def commit(self):
        self.undo = None

    def rollback(self):
        for key, before in self.undo.items():
            if before is _ABSENT:
                super().pop(key, None)
            else:
                super().__setitem__(key, before)
        self.undo = None


class FakeStripeState:
    """Every object the stand-in knows, as the plain dicts its API returns.

    All reads and writes happen under ``lock``; the server holds it for a whole API call so a
    response and the events it caused are one consistent snapshot. ``changes`` counts the writes,
    so the state file knows when it is behind.
    """

    def __init__(self):
        self.lock = threading.RLock()
        # Set by the server once it knows its address; the hosted pages' URLs start with it.
        self.base_url = ""
        # How many webhook endpoints will receive each event (Stripe's ``pending_webhooks``).
        self.webhook_endpoints = 0
        self.portal_configuration = objects.new_id("bpc_")
        self.customers = Collection()
        self.products = Collection()
        self.prices = Collection()
        self.checkout_sessions = Collection()
        self.subscriptions = Collection()
        self.invoices = Collection()
        self.portal_sessions = Collection()
        # What paying a Checkout Session buys (line items, free period, subscription metadata,
        # and "price", the first line's price id); Stripe keeps this off the session object.
        self.checkout_orders = Collection()
        self.events = []
        self.request = {"id": None, "idempotency_key": None}
        self.changes = 0

    def reset(self):
        """Forget everything, emptying the same dicts and list that callers may hold."""
        with self.lock:
            for name in _COLLECTIONS:
                getattr(self, name).clear()
            self.events.clear()
            self.changes += 1

    def mark_changed(self):
        """Something changed outside an API write (a hosted page, a delivery): count it."""
        with self.lock:
            self.changes += 1

    def snapshot(self):
        """Everything a restart should keep, as JSON-ready data; serialise it under ``lock``."""
        with self.lock:
            return {
                "portal_configuration": self.portal_configuration,
                "events": self.events,
                **{name: getattr(self, name) for name in _COLLECTIONS},
            }

    def restore(self, saved):
        """Take over a snapshot(), refilling the same dicts and list that callers may hold.

        Raises ValueError, changing nothing, when ``saved`` is not shaped like a snapshot().
        """
        if not isinstance(saved, dict):
            raise ValueError("the saved state is not a JSON object")
        expected = {"portal_configuration": str, "events": list} | dict.fromkeys(_COLLECTIONS, dict)
        wrong = [name for name, kind in expected.items() if not isinstance(saved.get(name), kind)]
        if wrong:
            raise ValueError(f"no valid {', '.join(wrong)}")
        with self.lock:
            self.portal_configuration = saved["portal_configuration"]
            self.events[:] = saved["events"]
            for name in _COLLECTIONS:
                collection = getattr(self, name)
                collection.clear()
                collection.update(saved[name])

    @contextmanager
    def atomic(self):
        """A request that fails leaves everything as it was, as a failed Stripe request does.

        Only the objects the request touches are copied (see ``Collection``), so a write costs the
        same with ten objects or ten thousand.
        """
        with self.lock:
            collections = [getattr(self, name) for name in _COLLECTIONS]
            for collection in collections:
                collection.begin()
            first_new_event = len(self.events)
            try:
                yield
            except FakeStripeError:
                for collection in collections:
                    collection.rollback()
                del self.events[first_new_event:]
                raise
            finally:
                # (After a rollback there is nothing left to forget.) Anything else raised is a
                # bug half-way through: what it did is kept, not guessed at.
                for collection in collections:
                    collection.commit()
                self.changes += 1

    @contextmanager
    def api_request(self, request_id, idempotency_key):
        """Events emitted inside name the API request that caused them, as Stripe's do."""
        with self.lock:
            self.request = {"id": request_id, "idempotency_key": idempotency_key}
            try:
                yield
            finally:
                self.request = {"id": None, "idempotency_key": None}

    # --- lookups ---------------------------------------------------------------------------

    def find(self, object_id):
        """The object with this id, whatever its kind, or None."""
        with self.lock:
            for prefix, (collection, _) in _KINDS.items():
                if object_id.startswith(prefix):
                    return getattr(self, collection).get(object_id)
            if object_id.startswith("si_"):
                return self.subscription_item(object_id, missing_ok=True)
            if object_id.startswith("evt_"):
                return next((e for e in self.events if e["id"] == object_id), None)
            # Products may be created with an id of the caller's choosing.
            return self.products.get(object_id)

    def get(self, collection, object_id, *, param="id"):
        """The object, or the 404 (id in the URL) or 400 (id as a parameter) Stripe answers."""
        kind = next(name for attr, name in _KINDS.values() if attr == collection)
        found = getattr(self, collection).get(object_id)
        if found is None:
            raise no_such(kind, object_id, param)
        return found

    def subscription_item(self, item_id, *, missing_ok=False, param="id"):
        for subscription in self.subscriptions.values():
            for item in subscription["items"]["data"]:
                if item["id"] == item_id:
                    return item
        if missing_ok:
            return None
        raise no_such("subscription_item", item_id, param)

    def product_name(self, product_id):
        found = self.products.get(product_id)
        return found["name"] if found else product_id

    # --- events and expansion --------------------------------------------------------------

    def emit(self, event_type, obj, previous_attributes=None):
        """Record an event carrying a snapshot of ``obj`` as it is now."""
        event = objects.event(
            event_type=event_type,
            created=now(),
            data_object=copy.deepcopy(obj),
            previous_attributes=copy.deepcopy(previous_attributes),
            request=dict(self.request),
            pending_webhooks=self.webhook_endpoints,
        )
        self.events.append(event)
        return event

    def emit_update(self, event_type, obj, before):
        """An ``*.updated`` event with what changed, or nothing when nothing did."""
        previous = changed_fields(before, obj)
        return [self.emit(event_type, obj, previous)] if previous else []

    def expand(self, obj, paths):
        """A copy of ``obj`` with each dotted path's ids replaced by the full objects."""
        result = copy.deepcopy(obj)
        for path in paths:
            self._expand_path(result, path.split("."), path)
        return result

    def _expand_path(self, node, parts, path):
        head, rest = parts[0], parts[1:]
        if isinstance(node, dict) and node.get("object") == "list" and head == "data" and rest:
            for child in node["data"]:
                self._expand_path(child, rest, path)
            return
        if (
            head == "line_items"
            and isinstance(node, dict)
            and node.get("object") == ("checkout.session")
        ):
            node[head] = self.checkout_line_items(node["id"])
        elif not isinstance(node, dict) or head not in node or head in ("id", "object"):
            raise not_allowed(f"This property cannot be expanded ({path}).", param="expand")
        elif isinstance(node[head], str):
            target = self.find(node[head])
            if target is None:
                raise not_allowed(f"This property cannot be expanded ({path}).", param="expand")
            node[head] = copy.deepcopy(target)
        if rest and node[head] is not None:
            self._expand_path(node[head], rest, path)

    # --- Checkout --------------------------------------------------------------------------

    def checkout_line_items(self, session_id):
        return objects.list_object(
            copy.deepcopy(self.checkout_orders[session_id]["line_items"]),
            f"/v1/checkout/sessions/{session_id}/line_items",
        )

    def checkout_session(self, session_id, *, param="id"):
        """The session, expired first if its 24 hours are over (Stripe expires them lazily too)."""
        with self.lock:
            session = self.get("checkout_sessions", session_id, param=param)
            if session["status"] == "open" and now() >= session["expires_at"]:
                self.expire_checkout(session)
            return session

    def expire_checkout(self, session):
        if session["status"] != "open":
            raise not_allowed(
                f"Only Checkout Sessions with status `open` can be expired; this one is "
                f"`{session['status']}`."
            )
        session.update(status="expired", url=None)
        return [self.emit("checkout.session.expired", session)]

    def complete_checkout(self, session_id):
        """What paying on the hosted checkout page does; a completed session is left alone."""
        with self.lock:
            session = self.checkout_session(session_id)
            if session["status"] == "complete":
                return []
            if session["status"] != "open":
                raise not_allowed("This Checkout Session has expired and can no longer be paid.")
            order = self.checkout_orders[session_id]
            started = now()
            trial_days = order["trial_period_days"]
            trial_end = started + trial_days * 86_400 if trial_days else None
            subscription_id = objects.new_id("sub_")
            items = []
            for line in order["line_items"]:
                price = self.prices[line["price"]["id"]]
                recurring = price["recurring"]
                items.append(
                    objects.subscription_item(
                        created=started,
                        subscription_id=subscription_id,
                        price_object=price,
                        quantity=line["quantity"],
                        period_start=started,
                        period_end=trial_end
                        or objects.add_interval(
                            started, recurring["interval"], recurring["interval_count"]
                        ),
                    )
                )
            subscription = objects.subscription(
                subscription_id=subscription_id,
                created=started,
                customer_id=session["customer"],
                currency=session["currency"],
                items=items,
                status="trialing" if trial_end else "active",
                trial_start=started if trial_end else None,
                trial_end=trial_end,
                metadata=dict(order["metadata"]),
            )
            self.subscriptions[subscription_id] = subscription
            invoice = self._new_invoice(
                subscription, billing_reason="subscription_create", paid=True, trial=bool(trial_end)
            )
            session.update(
                status="complete",
                payment_status="no_payment_required" if trial_end else "paid",
                subscription=subscription_id,
                invoice=invoice["id"],
                url=None,
            )
            return [
                self.emit("checkout.session.completed", session),
                self.emit("customer.subscription.created", subscription),
                self.emit("invoice.paid", invoice),
            ]

    def _new_invoice(self, subscription, *, billing_reason, paid, trial=False):
        customer = self.customers[subscription["customer"]]
        invoice_id = objects.new_id("in_")
        lines = [
            objects.invoice_line(
                invoice_id=invoice_id,
                item=item,
                product_name=self.product_name(item["price"]["product"]),
                period_start=item["current_period_start"],
                period_end=item["current_period_end"],
                trial=trial,
            )
            for item in subscription["items"]["data"]
        ]
        invoice = objects.invoice(
            invoice_id=invoice_id,
            number=f"{customer['invoice_prefix']}-{customer['next_invoice_sequence']:04d}",
            created=now(),
            customer_object=customer,
            subscription_object=subscription,
            lines=lines,
            billing_reason=billing_reason,
            paid=paid,
        )
        customer["next_invoice_sequence"] += 1
        self.invoices[invoice_id] = invoice
        subscription["latest_invoice"] = invoice_id
        return invoice

    # --- subscription changes (shared by the API and the hosted portal) -------------------

    def set_cancel_at_period_end(self, subscription, flag):
        if flag:
            subscription.update(
                cancel_at_period_end=True,
                cancel_at=period_end(subscription),
                # Stripe records when the cancellation was asked for, not when it takes effect.
                canceled_at=now(),
                cancellation_details={
                    "comment": None,
                    "feedback": None,
                    "reason": "cancellation_requested",
                },
            )
        else:
            subscription.update(
                cancel_at_period_end=False,
                cancel_at=None,
                canceled_at=None,
                cancellation_details={"comment": None, "feedback": None, "reason": None},
            )

    def cancel(self, subscription):
        if subscription["status"] == "canceled":
            raise not_allowed(f"This subscription has already been canceled: {subscription['id']}.")
        stopped = now()
        subscription.update(
            status="canceled",
            canceled_at=stopped,
            ended_at=stopped,
            cancel_at=None,
            cancel_at_period_end=False,
            cancellation_details={
                "comment": None,
                "feedback": None,
                "reason": "cancellation_requested",
            },
        )

    def switch_price(self, subscription, item, price_id, *, param="price"):
        price = self.get("prices", price_id, param=param)
        if not price["active"] or price["type"] != "recurring":
            raise not_allowed(
                f"The price {price_id} is not an active recurring price and cannot be used for a "
                "subscription.",
                param=param,
            )
        if price["currency"] != subscription["currency"]:
            raise not_allowed(
                f"The price {price_id} is in {price['currency']}, but this subscription is "
                f"billed in {subscription['currency']}.",
                param=param,
            )
        item.update(price=copy.deepcopy(price), plan=objects.plan(price))

    def _start_period(self, subscription, start):
        for item in subscription["items"]["data"]:
            recurring = item["price"]["recurring"]
            item.update(
                current_period_start=start,
                current_period_end=objects.add_interval(
                    start, recurring["interval"], recurring["interval_count"]
                ),
            )
        subscription["billing_cycle_anchor"] = start
        if subscription["cancel_at_period_end"]:
            subscription["cancel_at"] = period_end(subscription)

    def end_trial(self, subscription):
        """Trial over and the first payment taken: returns the paid invoice."""
        ended = now()
        subscription.update(status="active", trial_end=ended)
        self._start_period(subscription, ended)
        return self._new_invoice(subscription, billing_reason="subscription_cycle", paid=True)

    def fail_payment(self, subscription):
        """A renewal (or the first charge after the trial) declined: returns the open invoice."""
        failed = now()
        if subscription["status"] == "trialing":
            subscription["trial_end"] = failed
        subscription["status"] = "past_due"
        self._start_period(subscription, failed)
        return self._new_invoice(subscription, billing_reason="subscription_cycle", paid=False)

    def retry_payment(self, subscription):
        """Stripe's retry of the open invoice succeeded: returns the now paid invoice."""
        invoice = self.invoices[subscription["latest_invoice"]]
        paid = now()
        invoice.update(
            status="paid",
            amount_paid=invoice["amount_due"],
            amount_remaining=0,
            attempt_count=invoice["attempt_count"] + 1,
            auto_advance=False,
            next_payment_attempt=None,
        )
        invoice["status_transitions"] = {**invoice["status_transitions"], "paid_at": paid}
        subscription["status"] = "active"
        return invoice

    def pause(self, subscription):
        subscription["status"] = "paused"

    def unpause(self, subscription):
        subscription["status"] = "active"
        self._start_period(subscription, now())

    # --- the hosted portal's actions -------------------------------------------------------

    def available_actions(self, subscription):
        """The portal actions that make sense for this subscription now, in display order."""
        status = subscription["status"]
        allowed = {
            "cancel_at_period_end": status in LIVE and not subscription["cancel_at_period_end"],
            "resume": status != "canceled" and subscription["cancel_at_period_end"],
            "cancel_now": status != "canceled",
            "switch_price": status in LIVE and bool(self.switchable_prices(subscription)),
            "end_trial": status == "trialing",
            "trial_will_end": status == "trialing",
            "fail_payment": status in ("trialing", "active"),
            "retry_payment": status == "past_due",
            "pause": status in ("trialing", "active"),
            "unpause": status == "paused",
        }
        return [action for action in PORTAL_ACTIONS if allowed[action]]

    def switchable_prices(self, subscription):
        """Active recurring prices in the subscription's currency it is not already on."""
        current = {item["price"]["id"] for item in subscription["items"]["data"]}
        return [
            price
            for price in self.prices.values()
            if price["active"]
            and price["type"] == "recurring"
            and price["currency"] == subscription["currency"]
            and price["id"] not in current
        ]

    def portal_action(self, subscription_id, action, **params):
        """Do what pressing a hosted portal button does; returns the events, in order."""
        with self.lock:
            subscription = self.get("subscriptions", subscription_id)
            if action not in PORTAL_ACTIONS:
                raise not_allowed(f"Unknown portal action: {action!r}.", param="action")
            if action not in self.available_actions(subscription):
                raise not_allowed(
                    f"“{PORTAL_ACTIONS[action]}” is not possible for a subscription that is "
                    f"{subscription['status']}.",
                    param="action",
                )
            before = copy.deepcopy(subscription)
            return getattr(self, f"_portal_{action}")(subscription, before, **params)

    def _portal_cancel_at_period_end(self, subscription, before):
        self.set_cancel_at_period_end(subscription, True)
        return self.emit_update("customer.subscription.updated", subscription, before)

    def _portal_resume(self, subscription, before):
        self.set_cancel_at_period_end(subscription, False)
        return self.emit_update("customer.subscription.updated", subscription, before)

    def _portal_cancel_now(self, subscription, before):
        self.cancel(subscription)
        return [self.emit("customer.subscription.deleted", subscription)]

    def _portal_switch_price(self, subscription, before, price=None):
        if not price:
            raise not_allowed("Choose the plan to switch to.", param="price")
        self.switch_price(subscription, subscription["items"]["data"][0], price)
        return self.emit_update("customer.subscription.updated", subscription, before)

    def _portal_end_trial(self, subscription, before):
        invoice = self.end_trial(subscription)
        return [
            *self.emit_update("customer.subscription.updated", subscription, before),
            self.emit("invoice.paid", invoice),
        ]

    def _portal_trial_will_end(self, subscription, before):
        return [self.emit("customer.subscription.trial_will_end", subscription)]

    def _portal_fail_payment(self, subscription, before):
        invoice = self.fail_payment(subscription)
        return [
            self.emit("invoice.payment_failed", invoice),
            *self.emit_update("customer.subscription.updated", subscription, before),
        ]

    def _portal_retry_payment(self, subscription, before):
        invoice = self.retry_payment(subscription)
        return [
            self.emit("invoice.paid", invoice),
            *self.emit_update("customer.subscription.updated", subscription, before),
        ]

    def _portal_pause(self, subscription, before):
        self.pause(subscription)
        return [self.emit("customer.subscription.paused", subscription)]

    def _portal_unpause(self, subscription, before):
        self.unpause(subscription)
        return [self.emit("customer.subscription.resumed", subscription)]
