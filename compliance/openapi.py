"""OpenAPI 3.1 description of the read-only compliance API (served at openapi.json)."""

_SCORES = {
    "type": ["object", "null"],
    "properties": {
        "measured_at": {"type": "string", "format": "date-time"},
        "a": {"type": ["number", "null"], "description": "Axis (a) 0–100"},
        "b": {"type": ["number", "null"], "description": "Axis (b) 0–100"},
        "c": {"type": ["number", "null"], "description": "Axis (c) 0–100"},
        "overall": {"type": ["number", "null"]},
    },
}
_ERRORS = {
    "401": {"description": "Missing or unknown token"},
    "403": {"description": "Revoked token, or a site outside the consumer's subtree"},
    "429": {"description": "Rate limit exceeded (see Retry-After)"},
}
_SLUG = {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}

SCHEMA = {
    "openapi": "3.1.0",
    "info": {
        "title": "Compliance measurement API (Decree 224/2026 Art. 12)",
        "version": "1.0",
        "description": "Read-only indicator results of every site in the consumer's subtree. "
        "Statuses: pass, partial, fail, na (not applicable), not_measured.",
    },
    "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "schemas": {"Scores": _SCORES},
    },
    "security": [{"bearer": []}],
    "paths": {
        "/api/compliance/": {
            "get": {
                "summary": "Sites of the consumer's subtree with their latest scores",
                "parameters": [
                    {
                        "name": "after",
                        "in": "query",
                        "schema": {"type": "integer"},
                        "description": "Cursor from the previous page's `next`",
                    }
                ],
                "responses": {
                    "200": {
                        "description": "A page of up to 100 sites",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "scope": {"type": "string"},
                                        "sites": {
                                            "type": "array",
                                            "items": {
                                                "type": "object",
                                                "properties": {
                                                    "slug": {"type": "string"},
                                                    "name": {"type": "string"},
                                                    "kind": {"type": "string"},
                                                    "depth": {"type": "integer"},
                                                    "hostname": {"type": ["string", "null"]},
                                                    "scores": {
                                                        "$ref": "#/components/schemas/Scores"
                                                    },
                                                },
                                            },
                                        },
                                        "next": {"type": ["integer", "null"]},
                                    },
                                }
                            }
                        },
                    },
                    **_ERRORS,
                },
            }
        },
        "/api/compliance/sites/{slug}/": {
            "get": {
                "summary": "Latest run of one site, every indicator with its evidence",
                "parameters": [_SLUG],
                "responses": {
                    "200": {"description": "The run (null when never measured)"},
                    **_ERRORS,
                },
            }
        },
        "/api/compliance/subtree/{slug}/": {
            "get": {
                "summary": "Scores of a subtree: weighted by sites and by branch",
                "parameters": [_SLUG],
                "responses": {"200": {"description": "Roll-up of the subtree"}, **_ERRORS},
            }
        },
    },
}
