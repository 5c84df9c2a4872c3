"""dialogue endpoints."""

from ninja import Router

router = Router(tags=["dialogue"])
