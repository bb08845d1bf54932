"""Whether payments go to the offline Stripe stand-in rather than to Stripe itself."""


def is_offline_stand_in(api_base, secret_key, stand_in_secret_key):
    """True when the Hub would talk to the stand-in: its key, or an address Stripe never has.

    Takes the values rather than reading settings so that production settings can ask it while
    they load (and refuse to start).
    """
    return secret_key == stand_in_secret_key or not api_base.startswith("https://")
