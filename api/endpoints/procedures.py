"""procedures endpoints."""

from ninja import Router

router = Router(tags=["procedures"])
