"""disclosure endpoints."""

from ninja import Router

router = Router(tags=["disclosure"])
