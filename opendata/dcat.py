"""The catalogue as DCAT-AP 2 in JSON-LD (what the EU and national open-data portals harvest),
and each dataset in the shape of CKAN's action API (``package_show``)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from django.utils.translation import gettext as _

from portal.licence import OPEN_DATA_LICENCE as LICENCE
from tenants.models import Tenant

from .catalogue import Dataset

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
FILE_TYPES = "http://publications.europa.eu/resource/authority/file-type/"
IANA = "https://www.iana.org/assignments/media-types/"
LANGUAGES = {
    "vi": "http://publications.europa.eu/resource/authority/language/VIE",
    "en": "http://publications.europa.eu/resource/authority/language/ENG",
}


def _when(moment: datetime | None) -> dict | None:
    if moment is None:
        return None
    return {"@value": moment.isoformat(), "@type": "xsd:dateTime"}


def _text(value: str, language: str) -> dict:
    return {"@value": value, "@language": language}


def _publisher(tenant: Tenant, base: str) -> dict:
    return {"@id": f"{base}/#publisher", "@type": "foaf:Agent", "foaf:name": tenant.name}


def _contact(tenant: Tenant) -> dict:
    point: dict = {"@type": "vcard:Organization", "vcard:fn": tenant.name}
    if tenant.email:
        point["vcard:hasEmail"] = {"@id": f"mailto:{tenant.email}"}
    return point


def _dataset(dataset: Dataset, tenant: Tenant, base: str, language: str) -> dict:
    node = {
        "@id": dataset.uri(base),
        "@type": "dcat:Dataset",
        "dct:identifier": dataset.name,
        "dct:title": _text(dataset.title, language),
        "dct:description": _text(dataset.description, language),
        "dct:publisher": _publisher(tenant, base),
        "dcat:contactPoint": _contact(tenant),
        "dct:accrualPeriodicity": {"@id": dataset.frequency_uri},
        "dcat:keyword": [_text(k, language) for k in dataset.keywords],
        "dcat:landingPage": {"@id": dataset.landing_page},
        "dct:language": {"@id": LANGUAGES[language]},
        "dcat:distribution": [
            {
                "@id": f"{dataset.uri(base)}/{d.id}",
                "@type": "dcat:Distribution",
                "dct:title": _text(d.title, language),
                "dcat:accessURL": {"@id": d.url},
                "dcat:downloadURL": {"@id": d.url},
                "dct:format": {"@id": FILE_TYPES + d.format.replace("ATOM", "ATOM_FEED")},
                "dcat:mediaType": {"@id": IANA + d.media_type},
                "dct:license": {"@id": LICENCE.url},
            }
            for d in dataset.distributions
        ],
    }
    if dataset.modified is not None:
        node["dct:modified"] = _when(dataset.modified)
    return node


def catalog(tenant: Tenant, datasets: list[Dataset], base: str, language: str, url: str) -> dict:
    modified = max((d.modified for d in datasets if d.modified), default=None)
    document = {
        "@context": CONTEXT,
        "@id": url,
        "@type": "dcat:Catalog",
        "dct:title": _text(tenant.name, language),
        "dct:description": _text(_("Dữ liệu mở của %(name)s") % {"name": tenant.name}, language),
        "dct:publisher": _publisher(tenant, base),
        "foaf:homepage": {"@id": f"{base}/"},
        "dct:language": {"@id": LANGUAGES[language]},
        "dct:license": {"@id": LICENCE.url},
        "dcat:dataset": [_dataset(d, tenant, base, language) for d in datasets],
    }
    if modified is not None:
        document["dct:modified"] = _when(modified)
    return document


def package(dataset: Dataset, tenant: Tenant, base: str) -> dict:
    """A dataset as CKAN's package_show answers it (the fields harvesters read)."""
    # An empty dataset still needs a date: harvesters compare it to decide what to fetch.
    stamp = _ckan_time(dataset.modified or tenant.updated_at)
    organization = {
        "id": f"{tenant.pk}",
        "name": tenant.slug,
        "title": tenant.name,
        "description": "",
        "type": "organization",
        "is_organization": True,
        "state": "active",
    }
    return {
        "id": _package_id(base, dataset.name),
        "name": dataset.name,
        "title": dataset.title,
        "notes": dataset.description,
        "url": dataset.landing_page,
        "license_id": LICENCE.id,
        "license_title": LICENCE.title,
        "license_url": LICENCE.url,
        "metadata_created": stamp,
        "metadata_modified": stamp,
        "state": "active",
        "type": "dataset",
        "private": False,
        "organization": organization,
        "owner_org": organization["id"],
        "tags": [{"name": k, "display_name": k} for k in dataset.keywords],
        "extras": [
            {"key": "frequency", "value": dataset.frequency_uri},
            {"key": "frequency_label", "value": dataset.frequency_label},
            {"key": "dcat_identifier", "value": dataset.uri(base)},
            {"key": "item_count", "value": str(dataset.count)},
        ],
        "num_resources": len(dataset.distributions),
        "resources": [
            {
                "id": d.id,
                "package_id": _package_id(base, dataset.name),
                "name": d.title,
                "description": "",
                "url": d.url,
                "format": d.format,
                "mimetype": d.media_type,
                "last_modified": stamp,
                "state": "active",
                "position": position,
            }
            for position, d in enumerate(dataset.distributions)
        ],
    }


def _package_id(base: str, name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{base}/du-lieu-mo/{name}"))


def _ckan_time(moment: datetime) -> str:
    """CKAN's own format: naive UTC with microseconds (2026-12-04T10:00:00.000000)."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds")
