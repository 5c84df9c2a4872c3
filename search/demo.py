"""Demo data: the other apps seed their items; here the index is rebuilt from them."""

from search.rebuild import rebuild


def seed(tenants, out) -> None:
    stored = rebuild()
    out.write(f"search: {stored} index rows\n")
