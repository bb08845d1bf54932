"""Owners' public storefront pages and their scoped Wagtail editor."""
