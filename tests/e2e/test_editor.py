"""The editors' rich-text editor in real Chromium, under the admin's own CSP: an editor
pastes a Word document with a table, inserts a picture from the site's library with its
alt text, saves; once approved, the published page shows a clean table and the picture."""

import re

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from playwright.sync_api import expect

from content.models import Article
from portal import publishing as workflow
from tenants.models import Role
from tests.content.factories import ArticleFactory, CategoryFactory, ImageFactory
from tests.content.test_rich_text import WORD_PASTE
from tests.tenants.factories import MembershipFactory

pytestmark = pytest.mark.e2e

ALT = "Toàn cảnh buổi tiếp công dân tại xã An Bình"


def _signed_in_context(browser, user, tenant, site_url):
    client = Client(HTTP_HOST=tenant.domains.get(is_primary=True).hostname)
    client.force_login(user)
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # CSP enforced
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site_url(tenant)}]
    )
    return context


def test_paste_from_word_and_a_library_picture_reach_the_published_page(
    browser, e2e_sites, site_url, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    commune, province = e2e_sites["commune"], e2e_sites["province"]
    category = CategoryFactory(tenant=commune, name_vi="Tin tức", slug="tin-tuc")
    own = ImageFactory(tenant=commune, alt_vi="Tiếp công dân")
    ImageFactory(tenant=province, alt_vi="Ảnh của tỉnh")  # never offered to the commune
    editor = MembershipFactory(tenant=commune, role=Role.EDITOR).user
    approver = MembershipFactory(tenant=commune, role=Role.APPROVER).user
    earlier = ArticleFactory(tenant=commune, category=category, title_vi="Lịch tháng 11")

    context = _signed_in_context(browser, editor, commune, site_url)
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.on("pageerror", lambda error: console.append(f"pageerror: {error}"))
    page.goto(site_url(commune, "/admin/content/article/add/"))
    page.fill("#id_title_vi", "Lịch tiếp công dân tháng 12")
    page.select_option("#id_category", str(category.pk))

    editor_box = page.locator(".prose-editor", has=page.locator("#id_body_vi"))
    prose = editor_box.locator(".ProseMirror")
    prose.wait_for()
    toolbar = editor_box.get_by_role("toolbar", name="Định dạng văn bản")
    assert toolbar.get_by_role("button", name="Đậm").count() == 1
    assert toolbar.get_by_role("button", name="Chèn bảng").count() == 1

    # Paste Word's HTML the way the browser hands it over.
    prose.click()
    page.evaluate(
        """([selector, html]) => {
            const target = document.querySelector(selector);
            const data = new DataTransfer();
            data.setData("text/html", html);
            data.setData("text/plain", "Kế hoạch tiếp công dân");
            target.dispatchEvent(new ClipboardEvent("paste", {
                clipboardData: data, bubbles: true, cancelable: true }));
        }""",
        [".prose-editor:has(#id_body_vi) .ProseMirror", WORD_PASTE],
    )
    assert prose.locator("table td", has_text="Chủ tịch UBND xã").count() == 1
    assert "Số từ:" in page.locator(".prose-word-count").first.inner_text()

    # A link to an internal item: the dialog suggests the site's own pages.
    # Select the bold words through the editor itself: a double-click selects one word, and
    # ProseMirror takes the DOM selection over asynchronously (Ctrl+K could come first).
    page.evaluate(
        """selector => {
            const dom = document.querySelector(selector);
            const strong = [...dom.querySelectorAll("strong")]
                .find(node => node.textContent.includes("Kế hoạch"));
            const view = dom.editor.view;
            const from = view.posAtDOM(strong, 0);
            const to = view.posAtDOM(strong, strong.childNodes.length);
            dom.editor.chain().focus().setTextSelection({ from, to }).run();
        }""",
        ".prose-editor:has(#id_body_vi) .ProseMirror",
    )
    page.keyboard.press("Control+k")
    address = page.locator("dialog input[name=href]")
    address.wait_for()
    suggestions = page.locator(f"datalist#{address.get_attribute('list')} option")
    suggestions.first.wait_for(state="attached")
    offered = suggestions.evaluate_all("options => options.map(o => [o.value, o.label])")
    assert [earlier.get_absolute_url(), "Lịch tháng 11"] in offered
    address.fill(earlier.get_absolute_url())
    page.get_by_role("button", name="Cập nhật").click()
    expect(prose.locator(f'a[href="{earlier.get_absolute_url()}"]')).to_have_count(1)

    # A picture from the library: only the commune's own; its alt text is required.
    page.keyboard.press("Control+End")
    toolbar.get_by_role("button", name="Ảnh từ thư viện").click()
    dialog = page.get_by_role("dialog", name="Chọn ảnh từ thư viện ảnh của đơn vị")
    items = dialog.locator(".library-picker-item")
    items.first.wait_for()
    assert items.count() == 1 and "Ảnh của tỉnh" not in dialog.inner_text()
    items.first.click()
    alt = dialog.get_by_label("Văn bản thay thế (alt) — bắt buộc")
    assert alt.input_value() == "Tiếp công dân"
    alt.fill("")
    dialog.get_by_role("button", name="Chèn ảnh").click()
    assert dialog.get_by_text("Hãy nhập văn bản thay thế (alt) cho ảnh.").is_visible()
    alt.fill(ALT)
    dialog.get_by_role("button", name="Chèn ảnh").click()
    expect(prose.locator(f'img[alt="{ALT}"]')).to_have_count(1)

    page.locator('input[name="_save"]').click()
    page.wait_for_url(re.compile(r"/admin/content/article/(\d+/change/)?$"))
    assert not [m for m in console if "Content Security Policy" in m or "pageerror" in m], console

    article = Article.objects.get(title_vi="Lịch tiếp công dân tháng 12")
    body = article.body_vi
    for junk in ("Mso", "mso-", "o:p", "style=", "class=", "Normal0", "&nbsp;"):
        assert junk not in body, (junk, body)
    workflow.publish(article, by=approver)

    public = context.new_page()
    public.goto(site_url(commune, article.get_absolute_url()))
    text_body = public.locator(".article-body")
    table = text_body.locator("table")
    assert table.count() == 1
    assert table.locator("th").first.inner_text().strip() == "Lịch tháng 12"
    assert table.locator('td[rowspan="2"]').inner_text().strip() == "Thứ Hai"
    assert table.evaluate("t => t.outerHTML").count("class=") == 0
    assert text_body.locator(f'a[href="{earlier.get_absolute_url()}"]').count() == 1
    image = text_body.locator(f'img[alt="{ALT}"]')
    assert image.count() == 1
    assert image.get_attribute("src") == default_storage.url(own.file.name)
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")  # really served
    context.close()


def test_the_editor_and_its_picker_have_no_accessibility_violations(
    page, e2e_sites, site_url, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    commune = e2e_sites["commune"]
    ImageFactory(tenant=commune, alt_vi="Tiếp công dân")
    editor = MembershipFactory(tenant=commune, role=Role.EDITOR).user
    client = Client(HTTP_HOST=commune.domains.get(is_primary=True).hostname)
    client.force_login(editor)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": site_url(commune),
            }
        ]
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url(commune, "/admin/content/article/add/"))
    box = page.locator(".prose-editor", has=page.locator("#id_body_vi"))
    box.get_by_role("toolbar", name="Định dạng văn bản").wait_for()
    assert _axe(page, ".prose-editor") == []
    # The toolbar works from the keyboard: a focused button runs on Enter.
    prose = box.locator(".ProseMirror")
    prose.click()
    page.keyboard.type("Chào bà con")
    page.keyboard.press("Control+a")
    box.get_by_role("button", name="Đậm").focus()
    page.keyboard.press("Enter")
    expect(prose.locator("strong", has_text="Chào bà con")).to_have_count(1)
    assert "Số từ: 3" in box.locator(".prose-word-count").inner_text()
    box.get_by_role("button", name="Ảnh từ thư viện").click()
    page.locator(".library-picker-item").first.click()
    assert _axe(page, ".library-picker") == []


def _axe(page, selector):
    from tests.e2e.conftest import AXE_JS

    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("async (s) => await axe.run(s, {resultTypes: ['violations']})", selector)
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
