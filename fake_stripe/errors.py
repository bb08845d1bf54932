"""Stripe-shaped API errors, raised by the stand-in's operations and rendered by its server."""

DOC_URL = "https://stripe.com/docs/error-codes/{}"


class FakeStripeError(Exception):
    """A failure answered the way Stripe answers it, so the SDK raises the matching class."""

    def __init__(
        self,
        status,
        message,
        *,
        error_type="invalid_request_error",
        code=None,
        param=None,
        **extra,
    ):
        super().__init__(message)
        self.status = status
        self.message = message
        self.error_type = error_type
        self.code = code
        self.param = param
        self.extra = extra

    def body(self):
        error = {
            "type": self.error_type,
            "code": self.code,
            "message": self.message,
            "param": self.param,
            **self.extra,
        }
        if self.code:
            error["doc_url"] = DOC_URL.format(self.code.replace("_", "-"))
        return {"error": error}


def missing_param(param):
    return FakeStripeError(
        400, f"Missing required param: {param}.", code="parameter_missing", param=param
    )


def invalid_param(param, message, code="parameter_invalid_empty"):
    return FakeStripeError(400, message, code=code, param=param)


def no_such(kind, object_id, param="id"):
    """404 for an id in the URL, 400 for an id given as a parameter, as Stripe does."""
    return FakeStripeError(
        404 if param == "id" else 400,
        f"No such {kind}: '{object_id}'",
        code="resource_missing",
        param=param,
    )


def not_allowed(message, param=None):
    """A request that is well formed but not possible in the object's current state."""
    return FakeStripeError(400, message, param=param)


def injected(status):
    """The failure a test asked for with ``fail_next``."""
    if status == 402:
        return FakeStripeError(
            402,
            "Your card was declined.",
            error_type="card_error",
            code="card_declined",
            decline_code="generic_decline",
        )
    if status == 429:
        return FakeStripeError(
            429,
            "Too many requests hit the API too quickly.",
            error_type="rate_limit_error",
            code="rate_limit",
        )
    if 400 <= status < 500:
        return FakeStripeError(status, "The request was rejected (injected by fail_next).")
    return FakeStripeError(
        status,
        "An unknown error occurred on Stripe's side (injected by fail_next).",
        error_type="api_error",
    )
