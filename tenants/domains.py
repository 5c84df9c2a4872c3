"""Hostnames: normalisation, validation and the Decree 224 Art. 11(4) naming pattern."""

from __future__ import annotations

import ipaddress
import re
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .text import compact_name, fold_vietnamese

if TYPE_CHECKING:
    from .models import Tenant

_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
# Administrative prefixes dropped from a province's name in its hostname.
_PROVINCE_PREFIXES = ("tinh ", "thanh pho ")


def normalize_hostname(hostname: str) -> str:
    return (hostname or "").strip().lower().rstrip(".")


def validate_hostname(hostname: str) -> None:
    """Accept DNS names (RFC 1123 labels) and bracketed IPv6 or IPv4 literals."""
    host = normalize_hostname(hostname)
    if host.startswith("[") and host.endswith("]"):
        try:
            ipaddress.IPv6Address(host[1:-1])
        except ValueError as exc:
            raise ValidationError(_("Địa chỉ IPv6 không hợp lệ."), code="invalid") from exc
        return
    if not host or len(host) > 253:
        raise ValidationError(_("Tên miền phải có từ 1 đến 253 ký tự."), code="invalid")
    try:
        ipaddress.IPv4Address(host)
        return
    except ValueError:
        pass
    if not all(_LABEL.match(label) for label in host.split(".")):
        raise ValidationError(
            _("Tên miền chỉ gồm chữ thường không dấu, chữ số, dấu gạch ngang và dấu chấm."),
            code="invalid",
        )


def province_label(name: str) -> str:
    folded = fold_vietnamese(name).lower()
    for prefix in _PROVINCE_PREFIXES:
        if folded.startswith(prefix):
            folded = folded[len(prefix) :]
            break
    return compact_name(folded)


def suggest_hostname(tenant: Tenant, zone: str = "gov.vn") -> str:
    """The Decree 224 pattern: tentinhthanh.gov.vn, tencoquan.tentinhthanh.gov.vn.

    The root takes its name without the "Tỉnh"/"Thành phố" prefix; every site
    below it takes its full name, folded, under the root's hostname.
    """
    if tenant.parent_id is None:
        return f"{province_label(tenant.name)}.{zone}"
    root = tenant.parent.get_root()
    return f"{compact_name(tenant.name)}.{province_label(root.name)}.{zone}"
