"""`{{ name|org_name }}`: a Vietnamese body's name in its English form on /en/ pages."""

from django import template

from tenants.org_names import in_language

register = template.Library()


@register.filter
def org_name(value: str) -> str:
    return in_language(str(value or ""))
