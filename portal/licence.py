"""The licence of everything the portal publishes as open data: one constant, read by the
DCAT-AP catalogue and the CKAN API (opendata/), the open-data page /du-lieu-mo/ and the
public read API (its OpenAPI document and index, api/v1.py).

Open data of state bodies is free to reuse with attribution (Decree 47/2020/NĐ-CP);
CC BY 4.0 is the licence national portals map that to."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Licence:
    id: str  # CKAN's licence id (license_id, license_list)
    spdx: str  # SPDX identifier (OpenAPI 3.1 info.license.identifier)
    title: str
    url: str

    def as_dict(self) -> dict[str, str]:
        return {"id": self.id, "spdx": self.spdx, "title": self.title, "url": self.url}


OPEN_DATA_LICENCE = Licence(
    id="cc-by",
    spdx="CC-BY-4.0",
    title="Creative Commons Attribution 4.0 (CC BY 4.0)",
    url="https://creativecommons.org/licenses/by/4.0/",
)
