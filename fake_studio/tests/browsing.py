"""How the Studio stand-in's tests visit it: a cookie-keeping browser, roughly, without proxies."""

import urllib.error
import urllib.request
from http.cookiejar import CookieJar


def browser():
    """A cookie-keeping, redirect-following opener, without proxies: a browser, roughly."""
    return urllib.request.build_opener(
        urllib.request.ProxyHandler({}), urllib.request.HTTPCookieProcessor(CookieJar())
    )


def read(opener, url, data=None):
    """(status, body text) of a GET, or a POST of ``data``; error answers are returned too."""
    try:
        with opener.open(url, data=data, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
