"""django-auditlog's middleware, with the client address from the shared trusted-proxy rule
(auditlog's own believes the first X-Forwarded-For entry, which any client can write); and
the staff idle-session timeout (accounts/idle.py)."""

from auditlog.middleware import AuditlogMiddleware as _AuditlogMiddleware

from portal.client_address import client_address

from . import idle


class AuditlogMiddleware(_AuditlogMiddleware):
    @staticmethod
    def _get_remote_addr(request):
        return client_address(request) or None


class StaffIdleTimeoutMiddleware:
    """After AuthenticationMiddleware and MessageMiddleware: an idle staff session is
    signed out before the view runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if idle.has_expired(request):
            response = idle.expired_response(request)
            if response is not None:
                return response
        return self.get_response(request)
