"""manage.py commands: plans to Stripe, reconcile subscriptions, the offline Stripe stand-in."""
