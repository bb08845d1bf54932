"""Stripe's form encoding (``a[b][0][c]=v``) decoded into nested dicts, lists and typed values."""

import re
from urllib.parse import parse_qsl

from .errors import FakeStripeError, invalid_param, missing_param

_KEY = re.compile(r"^([^\[\]]+)((?:\[[^\[\]]*\])*)$")
_PART = re.compile(r"\[([^\[\]]*)\]")


def decode(encoded):
    """``items[0][price]=p&expand[]=x`` becomes ``{"items": [{"price": "p"}], "expand": ["x"]}``."""
    root = {}
    for key, value in parse_qsl(encoded, keep_blank_values=True):
        match = _KEY.match(key)
        parts = [match.group(1), *_PART.findall(match.group(2))] if match else [key]
        node = root
        for position, part in enumerate(parts):
            # "[]" appends, like Rails and Stripe do; the SDK itself always sends indexes.
            name = str(len(node)) if part == "" else part
            if position == len(parts) - 1:
                node[name] = value
            else:
                child = node.get(name)
                if not isinstance(child, dict):
                    child = node[name] = {}
                node = child
    return _listify(root)


def _listify(value, key=None):
    if not isinstance(value, dict):
        return value
    # Metadata keys are the caller's own strings, even when they look like indexes.
    if key == "metadata":
        return value
    items = {name: _listify(child, name) for name, child in value.items()}
    if items and all(name.isdigit() for name in items):
        return [items[name] for name in sorted(items, key=int)]
    return items


def text(params, name, *, required=False, param=None):
    value = params.get(name)
    if value is None or value == "":
        if required:
            raise missing_param(param or name)
        return None
    if not isinstance(value, str):
        raise invalid_param(param or name, f"Invalid string: {param or name} must be a string.")
    return value


def integer(params, name, *, required=False, minimum=None, param=None):
    raw = text(params, name, required=required, param=param)
    if raw is None:
        return None
    try:
        value = int(raw)
    except ValueError:
        raise FakeStripeError(
            400, f"Invalid integer: {raw}", code="parameter_invalid_integer", param=param or name
        ) from None
    if minimum is not None and value < minimum:
        raise FakeStripeError(
            400,
            f"This value must be greater than or equal to {minimum}.",
            code="parameter_invalid_integer",
            param=param or name,
        )
    return value


def boolean(params, name, *, param=None):
    raw = text(params, name, param=param)
    if raw is None:
        return None
    if raw not in ("true", "false"):
        raise invalid_param(param or name, f"Invalid boolean: {raw}")
    return raw == "true"


def mapping(params, name, *, param=None):
    value = params.get(name)
    if value is None or value == "":
        return {}
    if isinstance(value, list):
        value = {str(index): item for index, item in enumerate(value)}
    if not isinstance(value, dict):
        raise invalid_param(param or name, f"Invalid object: {param or name} must be a hash.")
    return value


def items(params, name, *, param=None):
    """A list parameter; a plain ``expand=x`` counts as a one-element list."""
    value = params.get(name)
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        raise invalid_param(param or name, f"Invalid array: {param or name} must be a list.")
    return value


def merge_metadata(current, params, *, param="metadata"):
    """Stripe's update rule: keys merge, an empty value deletes a key, ``metadata=`` clears all."""
    if "metadata" not in params:
        return current
    if params["metadata"] == "":
        return {}
    updates = mapping(params, "metadata", param=param)
    merged = dict(current)
    for key, value in updates.items():
        if not isinstance(value, str):
            raise invalid_param(f"{param}[{key}]", "Metadata values must be strings.")
        if value == "":
            merged.pop(key, None)
        else:
            merged[key] = value
    return merged
