"""Whether the header shows the citizen sign-in link: a setting, never per user, so
cached pages stay the same for everyone. The provider's state is a callable: only the
templates that show a sign-in offer ask for it (cached a minute in `oidc`)."""

from django.http import HttpRequest

from . import oidc


def citizen_sign_in(request: HttpRequest) -> dict:
    return {
        "citizen_sign_in": oidc.is_configured(),
        "citizen_provider": oidc.provider_name(),
        "citizen_provider_status": oidc.provider_status,
    }
