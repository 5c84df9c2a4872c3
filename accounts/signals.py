"""Lock-outs go to the audit trail as they happen."""

from axes.signals import user_locked_out
from django.dispatch import receiver

from .lockout import record_lockout


@receiver(user_locked_out)
def audit_lockout(sender, request, username, ip_address, **kwargs) -> None:
    record_lockout(request, username or "", ip_address or "")
