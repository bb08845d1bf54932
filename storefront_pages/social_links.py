"""The social and web links a storefront can show: which networks, their checks, their icons."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible


@dataclass(frozen=True)
class SocialNetwork:
    field: str
    label: str
    icon: str
    # Hosts a link to this network may use (and their subdomains); empty means any website.
    hosts: tuple[str, ...]
    example: str


SOCIAL_NETWORKS = [
    SocialNetwork(
        "instagram_url",
        "Instagram",
        "instagram",
        ("instagram.com",),
        "https://www.instagram.com/yourbusiness",
    ),
    SocialNetwork(
        "facebook_url",
        "Facebook",
        "facebook",
        ("facebook.com", "fb.com"),
        "https://www.facebook.com/yourbusiness",
    ),
    SocialNetwork(
        "tiktok_url", "TikTok", "tiktok", ("tiktok.com",), "https://www.tiktok.com/@yourbusiness"
    ),
    SocialNetwork("x_url", "X", "x", ("x.com", "twitter.com"), "https://x.com/yourbusiness"),
    SocialNetwork("website_url", "Website", "website", (), "https://www.yourbusiness.co.uk"),
]
SOCIAL_NETWORKS_BY_FIELD = {network.field: network for network in SOCIAL_NETWORKS}


@deconstructible
class NetworkHostValidator:
    """A link to a network must point at that network, so its icon and label tell the truth."""

    def __init__(self, label, hosts):
        self.label = label
        self.hosts = tuple(hosts)

    def __call__(self, value):
        host = (urlsplit(value).hostname or "").lower()
        if not any(host == allowed or host.endswith(f".{allowed}") for allowed in self.hosts):
            raise ValidationError(
                "This is not a %(label)s address: it should start with https://%(host)s/.",
                code="wrong_network",
                params={"label": self.label, "host": f"www.{self.hosts[0]}"},
            )

    def __eq__(self, other):
        return (
            isinstance(other, NetworkHostValidator)
            and self.label == other.label
            and self.hosts == other.hosts
        )


def social_links(page):
    """The page's filled-in links, in the order customers see them: label, url, icon."""
    return [
        {"label": network.label, "url": getattr(page, network.field), "icon": network.icon}
        for network in SOCIAL_NETWORKS
        if getattr(page, network.field)
    ]
