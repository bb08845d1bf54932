"""The REST endpoints the stand-in answers: Stripe's parameters in, Stripe's objects out."""

import copy
from fnmatch import fnmatchcase
from urllib.parse import urlsplit

from . import objects
from .errors import FakeStripeError, invalid_param, missing_param, no_such, not_allowed
from .params import boolean, integer, items, mapping, merge_metadata, text
from .state import now

# Only what something outside the stand-in calls: the Hub (billing/gateway.py), bin/bench
# (benchmarks/webhook_burst.py) or a developer following docs/STRIPE_MINTKIT_INTEGRATION.md §6.
# Each says which; a route nothing calls is cut, not kept "in case".
ROUTES = []


def route(method, template):
    def register(function):
        ROUTES.append((method, template.strip("/").split("/"), function))
        return function

    return register


def resolve(method, path):
    """The endpoint function for this request and the ids in its path, or (None, None)."""
    segments = path.strip("/").split("/")
    for route_method, template, function in ROUTES:
        if route_method != method or len(template) != len(segments):
            continue
        ids = []
        for expected, actual in zip(template, segments, strict=True):
            if expected == "{id}":
                ids.append(actual)
            elif expected != actual:
                break
        else:
            return function, ids
    return None, None


def filters(params, **readers):
    """The list filters ``params`` gives that ask for one value of a field, as {field: value}:
    each read with its reader (``text``, ``boolean``); a filter not given matches everything."""
    given = {name: read(params, name) for name, read in readers.items()}
    return {name: value for name, value in given.items() if value is not None}


def matches(record, wanted):
    return all(record[name] == value for name, value in wanted.items())


def page(records, params, url, *, newest_first=True):
    """One page of a list, newest first as Stripe lists, with limit/starting_after/ending_before."""
    limit = integer(params, "limit", minimum=1) or 10
    if limit > 100:
        raise invalid_param(
            "limit", "This value must be less than or equal to 100.", "parameter_invalid_integer"
        )
    ordered = list(records)
    if newest_first:
        # Records are stored oldest first; reversing keeps ties within one second in order.
        ordered = sorted(reversed(ordered), key=lambda record: record["created"], reverse=True)
    ids = [record["id"] for record in ordered]
    after, before = text(params, "starting_after"), text(params, "ending_before")
    for param, cursor in (("starting_after", after), ("ending_before", before)):
        if cursor and cursor not in ids:
            raise invalid_param(param, f"No such object: '{cursor}'", "resource_missing")
    if after:
        window = ordered[ids.index(after) + 1 :]
        data = window[:limit]
    elif before:
        window = ordered[: ids.index(before)]
        data = window[-limit:]
    else:
        window = ordered
        data = window[:limit]
    return objects.list_object(data, url, has_more=len(window) > limit)


def url(params, name, *, required=False, param=None):
    value = text(params, name, required=required, param=param)
    if value is not None:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise invalid_param(param or name, "Not a valid URL", "url_invalid")
    return value


def update_fields(record, params, fields):
    for field in fields:
        if field in params:
            record[field] = text(params, field)


# --- customers -------------------------------------------------------------------------------


# The Hub: checkout.ensure_customer (gateway.create_customer).
@route("POST", "/v1/customers")
def create_customer(state, params):
    customer = objects.customer(
        created=now(),
        email=text(params, "email"),
        name=text(params, "name"),
        description=text(params, "description"),
        phone=text(params, "phone"),
        metadata=merge_metadata({}, params),
    )
    state.customers[customer["id"]] = customer
    state.emit("customer.created", customer)
    return customer


# The Hub: an owner's new contact email (gateway.update_customer_email).
@route("POST", "/v1/customers/{id}")
def update_customer(state, params, customer_id):
    customer = state.get("customers", customer_id)
    before = copy.deepcopy(customer)
    update_fields(customer, params, ("email", "name", "description", "phone"))
    customer["metadata"] = merge_metadata(customer["metadata"], params)
    state.emit_update("customer.updated", customer, before)
    return customer


# --- products --------------------------------------------------------------------------------


# The Hub: sync_stripe_plans.
@route("POST", "/v1/products")
def create_product(state, params):
    product_id = text(params, "id")
    if product_id and state.find(product_id):
        raise FakeStripeError(
            400, "Product already exists.", code="resource_already_exists", param="id"
        )
    product = objects.product(
        object_id=product_id,
        created=now(),
        name=text(params, "name", required=True),
        description=text(params, "description"),
        active=boolean(params, "active") is not False,
        metadata=merge_metadata({}, params),
        url=url(params, "url"),
    )
    state.products[product["id"]] = product
    state.emit("product.created", product)
    return product


# The Hub: sync_stripe_plans finds a plan's product.
@route("GET", "/v1/products")
def list_products(state, params):
    wanted = filters(params, active=boolean)
    ids = items(params, "ids")
    records = [
        p for p in state.products.values() if matches(p, wanted) and (not ids or p["id"] in ids)
    ]
    return page(records, params, "/v1/products")


# --- prices ----------------------------------------------------------------------------------


def take_lookup_key(state, params):
    """Stripe keeps lookup keys unique; ``transfer_lookup_key=true`` moves one to a new price."""
    lookup_key = text(params, "lookup_key")
    if lookup_key is None:
        return None
    holder = next((p for p in state.prices.values() if p["lookup_key"] == lookup_key), None)
    if holder is not None:
        if not boolean(params, "transfer_lookup_key"):
            raise invalid_param(
                "lookup_key",
                f"A price (`{holder['id']}`) already uses that lookup key.",
                None,
            )
        holder["lookup_key"] = None
    return lookup_key


# The Hub: sync_stripe_plans (a changed amount is a new price).
@route("POST", "/v1/prices")
def create_price(state, params):
    product_data = mapping(params, "product_data")
    if product_data:
        product_id = create_product(state, product_data)["id"]
    else:
        product_id = text(params, "product", required=True)
        state.get("products", product_id, param="product")
    currency = text(params, "currency", required=True).lower()
    unit_amount = integer(params, "unit_amount", required=True, minimum=0)
    recurring_params = mapping(params, "recurring")
    recurring = None
    if recurring_params:
        interval = text(recurring_params, "interval", required=True, param="recurring[interval]")
        if interval not in ("day", "week", "month", "year"):
            raise invalid_param(
                "recurring[interval]",
                "Invalid recurring[interval]: must be one of day, week, month, or year",
                "parameter_invalid_string",
            )
        count = integer(
            recurring_params, "interval_count", minimum=1, param="recurring[interval_count]"
        )
        recurring = {"interval": interval, "interval_count": count or 1}
    price = objects.price(
        created=now(),
        product_id=product_id,
        currency=currency,
        unit_amount=unit_amount,
        recurring=recurring,
        lookup_key=take_lookup_key(state, params),
        nickname=text(params, "nickname"),
        active=boolean(params, "active") is not False,
        metadata=merge_metadata({}, params),
    )
    state.prices[price["id"]] = price
    state.emit("price.created", price)
    return price


# The Hub: sync_stripe_plans finds a product's current price.
@route("GET", "/v1/prices")
def list_prices(state, params):
    wanted = filters(params, product=text, currency=text, type=text, active=boolean)
    if "currency" in wanted:
        wanted["currency"] = wanted["currency"].lower()  # as Stripe stores them
    lookup_keys = items(params, "lookup_keys")
    records = [
        p
        for p in state.prices.values()
        if matches(p, wanted) and (not lookup_keys or p["lookup_key"] in lookup_keys)
    ]
    return page(records, params, "/v1/prices")


# --- Checkout Sessions -----------------------------------------------------------------------


def checkout_lines(state, params):
    lines = items(params, "line_items")
    if not lines:
        raise missing_param("line_items")
    result = []
    for index, line in enumerate(lines):
        where = f"line_items[{index}]"
        if not isinstance(line, dict):
            raise invalid_param(where, f"Invalid object: {where} must be a hash.")
        if "price_data" in line:
            raise invalid_param(
                f"{where}[price_data]",
                "The offline Stripe stand-in only takes existing prices: pass "
                f"{where}[price] instead.",
                "parameter_unknown",
            )
        price_id = text(line, "price", required=True, param=f"{where}[price]")
        price = state.get("prices", price_id, param=f"{where}[price]")
        if not price["active"]:
            raise invalid_param(
                f"{where}[price]",
                "The price specified is inactive. This field only accepts active prices.",
                None,
            )
        if price["type"] != "recurring":
            raise invalid_param(
                f"{where}[price]",
                "The offline Stripe stand-in only sells recurring prices in `subscription` mode.",
                None,
            )
        if result and price["currency"] != result[0]["currency"]:
            raise invalid_param(
                f"{where}[price]", "All prices in a Checkout Session must share a currency.", None
            )
        quantity = integer(line, "quantity", minimum=1, param=f"{where}[quantity]") or 1
        result.append(
            objects.checkout_line_item(price, quantity, state.product_name(price["product"]))
        )
    return result


# The Hub: checkout.
@route("POST", "/v1/checkout/sessions")
def create_checkout_session(state, params):
    mode = text(params, "mode", required=True)
    if mode != "subscription":
        raise invalid_param(
            "mode",
            f"The offline Stripe stand-in only supports mode=subscription, not {mode}.",
            "parameter_invalid_string",
        )
    # Stripe would create a customer on the fly; the Hub always makes its own first, so one
    # missing here is a bug worth a loud error.
    customer = state.get("customers", text(params, "customer", required=True), param="customer")
    line_items = checkout_lines(state, params)
    subscription_data = mapping(params, "subscription_data")
    trial_days = integer(
        subscription_data,
        "trial_period_days",
        minimum=1,
        param="subscription_data[trial_period_days]",
    )
    if trial_days is not None and trial_days > 730:
        raise invalid_param(
            "subscription_data[trial_period_days]",
            "This value must be less than or equal to 730.",
            "parameter_invalid_integer",
        )
    session = objects.checkout_session(
        created=now(),
        customer_object=customer,
        client_reference_id=text(params, "client_reference_id"),
        line_items=line_items,
        metadata=merge_metadata({}, params),
        success_url=url(params, "success_url", required=True),
        cancel_url=url(params, "cancel_url"),
        base_url=state.base_url,
    )
    state.checkout_sessions[session["id"]] = session
    state.checkout_orders[session["id"]] = {
        "line_items": line_items,
        # The Hub sells one price per session; its tests check that price here.
        "price": line_items[0]["price"]["id"],
        "trial_period_days": trial_days,
        "metadata": merge_metadata({}, subscription_data, param="subscription_data[metadata]"),
    }
    return session


# The Hub: the checkout success page; bin/bench's burst.
@route("GET", "/v1/checkout/sessions/{id}")
def retrieve_checkout_session(state, params, session_id):
    return state.checkout_session(session_id)


# The Hub: a new checkout, and account deletion, expire the open ones.
@route("POST", "/v1/checkout/sessions/{id}/expire")
def expire_checkout_session(state, params, session_id):
    session = state.checkout_session(session_id)
    state.expire_checkout(session)
    return session


# The Hub: finds the open ones to expire (gateway.expire_open_checkout_sessions).
@route("GET", "/v1/checkout/sessions")
def list_checkout_sessions(state, params):
    wanted = filters(params, customer=text, subscription=text)
    records = [
        state.checkout_session(s["id"])
        for s in list(state.checkout_sessions.values())
        if matches(s, wanted)
    ]
    # After checkout_session(), which expires a session past its 24 hours.
    wanted_status = filters(params, status=text)
    records = [s for s in records if matches(s, wanted_status)]
    return page(records, params, "/v1/checkout/sessions")


# --- subscriptions ---------------------------------------------------------------------------


# The Hub: every webhook and reconcile_subscriptions re-read the subscription.
@route("GET", "/v1/subscriptions/{id}")
def retrieve_subscription(state, params, subscription_id):
    return state.get("subscriptions", subscription_id)


# The Hub: account deletion lists the customer's subscriptions.
@route("GET", "/v1/subscriptions")
def list_subscriptions(state, params):
    wanted = filters(params, customer=text)
    price_id, status = text(params, "price"), text(params, "status")
    records = [
        s
        for s in state.subscriptions.values()
        if matches(s, wanted)
        # Like Stripe: no status means every subscription that is not canceled.
        and (
            status == "all"
            or (status is None and s["status"] != "canceled")
            or (status == "ended" and s["status"] in ("canceled", "incomplete_expired"))
            or s["status"] == status
        )
        and (price_id is None or any(i["price"]["id"] == price_id for i in s["items"]["data"]))
    ]
    return page(records, params, "/v1/subscriptions")


def subscription_item_changes(state, subscription, params):
    """Apply ``items[n][id]`` + ``items[n][price]``: the only item change the Hub makes."""
    for index, change in enumerate(items(params, "items")):
        where = f"items[{index}]"
        if not isinstance(change, dict):
            raise invalid_param(where, f"Invalid object: {where} must be a hash.")
        item_id = text(change, "id", param=f"{where}[id]")
        if item_id is None or "deleted" in change:
            raise invalid_param(
                where,
                "The offline Stripe stand-in only swaps the price of an existing item: pass "
                f"{where}[id] and {where}[price].",
                None,
            )
        item = next((i for i in subscription["items"]["data"] if i["id"] == item_id), None)
        if item is None:
            raise no_such("subscription_item", item_id, f"{where}[id]")
        price_id = text(change, "price", param=f"{where}[price]")
        if price_id:
            state.switch_price(subscription, item, price_id, param=f"{where}[price]")
        quantity = integer(change, "quantity", minimum=1, param=f"{where}[quantity]")
        if quantity:
            item["quantity"] = quantity


# Kept for developers: docs §6 scripts cancel-at-period-end, plan switch and trial end with
# it, the API twin of the hosted portal's buttons (which Stripe's own API also offers).
@route("POST", "/v1/subscriptions/{id}")
def update_subscription(state, params, subscription_id):
    subscription = state.get("subscriptions", subscription_id)
    before = copy.deepcopy(subscription)
    if subscription["status"] == "canceled" and set(params) - {
        "metadata",
        "cancellation_details",
        "expand",
    }:
        raise not_allowed(
            "A canceled subscription can only update its cancellation_details and metadata."
        )
    subscription["metadata"] = merge_metadata(subscription["metadata"], params)
    cancellation = mapping(params, "cancellation_details")
    if cancellation:
        subscription["cancellation_details"] = {
            **subscription["cancellation_details"],
            "comment": text(cancellation, "comment", param="cancellation_details[comment]"),
            "feedback": text(cancellation, "feedback", param="cancellation_details[feedback]"),
        }
    subscription_item_changes(state, subscription, params)
    cancel_at_period_end = boolean(params, "cancel_at_period_end")
    if cancel_at_period_end is not None:
        state.set_cancel_at_period_end(subscription, cancel_at_period_end)
    paid_invoice = None
    trial_end = text(params, "trial_end")
    if trial_end == "now":
        if subscription["status"] != "trialing":
            raise invalid_param("trial_end", "This subscription is not in a trial.", None)
        paid_invoice = state.end_trial(subscription)
    elif trial_end is not None:
        raise invalid_param(
            "trial_end", "The offline Stripe stand-in only takes trial_end=now.", None
        )
    state.emit_update("customer.subscription.updated", subscription, before)
    if paid_invoice:
        state.emit("invoice.paid", paid_invoice)
    return subscription


# The Hub: account deletion cancels the subscription.
@route("DELETE", "/v1/subscriptions/{id}")
def cancel_subscription(state, params, subscription_id):
    subscription = state.get("subscriptions", subscription_id)
    state.cancel(subscription)
    state.emit("customer.subscription.deleted", subscription)
    return subscription


# --- invoices, portal sessions, events -------------------------------------------------------


# The Hub: the Manage billing button; bin/bench's burst.
@route("POST", "/v1/billing_portal/sessions")
def create_portal_session(state, params):
    customer = state.get("customers", text(params, "customer", required=True), param="customer")
    session = objects.portal_session(
        created=now(),
        customer_id=customer["id"],
        return_url=url(params, "return_url"),
        configuration_id=state.portal_configuration,
        base_url=state.base_url,
    )
    state.portal_sessions[session["id"]] = session
    return session


# bin/bench's burst replays the stand-in's events.
@route("GET", "/v1/events")
def list_events(state, params):
    single = text(params, "type")
    patterns = items(params, "types") or ([single] if single else [])
    records = [
        e for e in state.events if not patterns or any(fnmatchcase(e["type"], p) for p in patterns)
    ]
    return page(records, params, "/v1/events")
