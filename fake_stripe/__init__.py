"""An offline stand-in for the part of Stripe's API, hosted pages and webhooks the Hub uses."""
