"""Subscription plans, Stripe Checkout, webhooks and the Studio access rule."""
