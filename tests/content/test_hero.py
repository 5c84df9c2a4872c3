"""The site's home-page picture: chosen by its admins, shown with its alt text, renditions
and reserved size; the platform's default picture when a site has none."""

import re

import pytest
from django.urls import reverse

from content.images import process_image
from content.models import Image, SiteHero
from tests.content.factories import ImageFactory, uploaded_jpeg

pytestmark = pytest.mark.django_db


def _hero_html(html: str) -> str:
    found = re.search(r'<div class="site-hero">(.*?)</div>', html, re.S)
    assert found, "no hero on the home page"
    return found.group(1)


def test_site_without_a_hero_shows_the_default_picture_with_a_reserved_size(commune, site_client):
    hero = _hero_html(site_client(commune).get("/").content.decode())
    assert "hero-default.svg" in hero
    assert 'alt=""' in hero  # decorative: it says nothing about the site
    assert 'width="1600"' in hero and 'height="400"' in hero


def test_chosen_hero_shows_with_its_alt_renditions_and_size(commune, site_client):
    image = ImageFactory(
        tenant=commune,
        alt_vi="Cánh đồng lúa xã An Bình",
        alt_en="Rice fields of An Binh",
        file=uploaded_jpeg(size=(2000, 600)),
    )
    process_image(image.pk)
    SiteHero.objects.create(tenant=commune, image=image)
    client = site_client(commune)

    hero = _hero_html(client.get("/").content.decode())
    assert 'alt="Cánh đồng lúa xã An Bình"' in hero
    assert 'width="2000"' in hero and 'height="600"' in hero
    assert "480w" in hero and "1600w" in hero and 'type="image/webp"' in hero
    assert 'loading="eager"' in hero  # the largest thing on the page: not lazy
    assert "hero-default.svg" not in hero
    assert 'alt="Rice fields of An Binh"' in _hero_html(client.get("/en/").content.decode())


def test_changing_the_hero_shows_at_once_on_the_cached_home_page(commune, site_client):
    client = site_client(commune)
    assert "hero-default.svg" in client.get("/").content.decode()
    image = ImageFactory(tenant=commune, alt_vi="Trụ sở Ủy ban")
    SiteHero.objects.create(tenant=commune, image=image)
    assert 'alt="Trụ sở Ủy ban"' in client.get("/").content.decode()


def test_site_admin_chooses_the_hero_but_an_editor_cannot(
    commune, commune_site_admin, commune_editor, site_client
):
    image = ImageFactory(tenant=commune)
    form = {"tenant": commune.pk, "image": image.pk, "_save": "1"}
    add_url = reverse("admin:content_sitehero_add")

    editor = site_client(commune, commune_editor)
    assert editor.post(add_url, form).status_code == 403
    assert not SiteHero.objects.exists()

    admin = site_client(commune, commune_site_admin)
    assert admin.post(add_url, form).status_code == 302
    assert SiteHero.objects.get().image == image


def test_hero_image_must_come_from_the_sites_own_library(
    commune, other_commune, commune_site_admin, site_client
):
    foreign = ImageFactory(tenant=other_commune)
    client = site_client(commune, commune_site_admin)
    response = client.post(
        reverse("admin:content_sitehero_add"),
        {"tenant": commune.pk, "image": foreign.pk, "_save": "1"},
    )
    assert response.status_code == 200  # the form again, with the choice refused
    assert not SiteHero.objects.exists()
    assert Image.objects.filter(tenant=other_commune).count() == 1


def test_the_creation_task_leaves_renditions_its_caller_already_made(commune):
    """The demo seed makes an image's renditions itself; the task queued when the image
    was created must not encode them a second time, and still makes them when missing."""
    from django.core.files.storage import default_storage

    from content.tasks import make_image_renditions

    made = ImageFactory(tenant=commune, file=uploaded_jpeg(size=(1600, 400)))
    process_image(made.pk)
    made.refresh_from_db()
    first_file = made.renditions[0]["webp"]
    written_at = default_storage.get_modified_time(first_file)
    make_image_renditions(made.pk)
    made.refresh_from_db()
    assert made.renditions[0]["webp"] == first_file
    assert default_storage.get_modified_time(first_file) == written_at

    missing = ImageFactory(tenant=commune, file=uploaded_jpeg(size=(1600, 400)))
    Image.objects.filter(pk=missing.pk).update(renditions=[])
    make_image_renditions(missing.pk)
    missing.refresh_from_db()
    assert missing.renditions


@pytest.mark.django_db(transaction=True)
def test_a_demo_image_saved_outside_a_transaction_is_encoded_once(commune, monkeypatch):
    """Without a transaction the creation task runs at the save (eager Celery, as in
    `make demo` without Redis); the seed's own call must then leave its renditions."""
    from content import demo, images

    encoded = []
    make = images.make_renditions
    monkeypatch.setattr(
        images, "make_renditions", lambda image: encoded.append(image.pk) or make(image)
    )
    image = demo._image(commune, 1, "Ảnh minh họa")
    image.refresh_from_db()
    assert encoded == [image.pk]
    assert [entry["width"] for entry in image.renditions][-1] == 1200
