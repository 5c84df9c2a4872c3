"""Lock-outs go to the audit trail as they happen; a sign-in starts the idle timer."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .idle import mark_active
from .lockout import record_lockout


@receiver(user_locked_out)
def audit_lockout(sender, request, username, ip_address, **kwargs) -> None:
    record_lockout(request, username or "", ip_address or "")


@receiver(user_logged_in)
def start_idle_clock(sender, request, user, **kwargs) -> None:
    """A fresh sign-in starts the staff idle timer (accounts/idle.py)."""
    if request is not None and hasattr(request, "session"):
        mark_active(request)
