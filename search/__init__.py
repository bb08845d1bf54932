"""Public search over live storefronts."""
