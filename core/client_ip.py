"""The client's address, read the way the deployment's proxies are configured.

``TRUSTED_PROXY_COUNT`` (settings, from the environment) says how many reverse proxies stand
between clients and the application, each appending the address it was reached from to
``X-Forwarded-For`` (nginx's ``$proxy_add_x_forwarded_for``):

- ``0``: the connecting address (``REMOTE_ADDR``) is the client's; ``X-Forwarded-For`` is
  ignored, since anyone can write it.
- ``N``: the N-th entry from the right of ``X-Forwarded-For`` is the client's (the entries
  left of it were written by the client and are not trusted). A request without that many
  entries did not pass through every proxy, so its connecting address is used.

django-axes (lockouts) calls :func:`client_ip` through ``AXES_CLIENT_IP_CALLABLE``; DRF's
throttling reads the same entry through ``NUM_PROXIES``.
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    """Return the client's address for ``request`` (see the module's docstring)."""
    remote = request.META.get("REMOTE_ADDR", "")
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    chain = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if len(chain) < count:
        return remote
    try:
        return str(ipaddress.ip_address(chain[-count]))
    except ValueError:  # our own proxy wrote that entry; a malformed one is not trusted
        return remote
