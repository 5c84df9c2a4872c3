"""documents endpoints."""

from ninja import Router

router = Router(tags=["documents"])
