"""The shared page cache: anonymous GETs of public pages served from Django's cache."""
