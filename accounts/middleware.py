"""django-auditlog's middleware, with the client address from the shared trusted-proxy rule
(auditlog's own believes the first X-Forwarded-For entry, which any client can write)."""

from auditlog.middleware import AuditlogMiddleware as _AuditlogMiddleware

from portal.client_address import client_address


class AuditlogMiddleware(_AuditlogMiddleware):
    @staticmethod
    def _get_remote_addr(request):
        return client_address(request) or None
