"""Whether the header shows the citizen sign-in link: a setting, never per user, so
cached pages stay the same for everyone."""

from django.http import HttpRequest

from . import oidc


def citizen_sign_in(request: HttpRequest) -> dict:
    return {"citizen_sign_in": oidc.is_configured(), "citizen_provider": oidc.provider_name()}
