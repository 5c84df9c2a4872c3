"""Security headers Django's SecurityMiddleware does not send."""

from django.conf import settings

# No inline scripts anywhere; the admin's own templates need inline styles.
PUBLIC_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; media-src 'self'; object-src 'none'; "
    "frame-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)
ADMIN_CSP = PUBLIC_CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
PERMISSIONS_POLICY = "geolocation=(), camera=(), microphone=(), payment=(), usb=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            is_admin = request.path.startswith("/admin/")
            response["Content-Security-Policy"] = ADMIN_CSP if is_admin else PUBLIC_CSP
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
        return response
