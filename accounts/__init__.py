"""Owner accounts: the business profile that comes with every sign-up."""
