/* The editors' rich-text editor: django-prose-editor's Tiptap/ProseMirror bundle, set up
   to produce what content/sanitize.py keeps (headings 2-4, bold/italic, lists, links,
   tables, images from the site's own library with alt text). Loaded as a module from our
   own origin: no import map, no inline script (the admin's CSP allows neither). */
import { label } from "./editor-i18n.js";
import {
  Blockquote, Bold, BulletList, Document, Dropcursor, Extension, Gapcursor, HardBreak,
  Heading, History, HorizontalRule, HTML, Image, Italic, Link, ListItem, Menu, OrderedList,
  Paragraph, Plugin, Strike, Subscript, Superscript, Table, TableCell, TableHeader, TableRow, Text,
  Underline, createTextareaEditor,
} from "../../django_prose_editor/editor.js";

const MENU_GROUPS = [
  { group: "blockType -lists" },
  { group: "lists" },
  { group: "nodes -blockType -lists" },
  { group: "marks" },
  { group: "link" },
  { group: "media" },
  { group: "table" },
  { group: "history" },
  { group: "utility" },
];

function element(tag, attrs, children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([key, value]) => {
    if (key === "text") { node.textContent = value; } else { node.setAttribute(key, value); }
  });
  (children || []).forEach((child) => node.append(child));
  return node;
}

function siteOf(textarea) {
  const form = textarea.form;
  const field = form && form.elements.namedItem("tenant");
  return field && field.value ? field.value : "";
}

/* The picker: a modal listing the site's library; choosing a picture asks for its alt
   text (prefilled from the library, required) and inserts it. */
function openPicker(editor, textarea) {
  const dialog = element("dialog", { class: "library-picker", "aria-labelledby": "library-picker-title" });
  const status = element("p", { class: "library-picker-status", role: "status" });
  const list = element("ul", { class: "library-picker-list" });
  const altInput = element("input", { type: "text", id: "library-picker-alt", name: "alt", maxlength: "300", "aria-describedby": "library-picker-alt-help" });
  const altError = element("p", { class: "errornote", id: "library-picker-alt-error", hidden: "" });
  const preview = element("img", { class: "library-picker-preview", alt: "" });
  const insert = element("button", { type: "submit", class: "default", text: label("insert image") });
  const cancel = element("button", { type: "button", text: label("Cancel") });
  const form = element("form", { method: "dialog", class: "library-picker-form", hidden: "" }, [
    preview,
    element("label", { for: "library-picker-alt", text: label("alt label") }),
    altInput,
    element("p", { class: "help", id: "library-picker-alt-help", text: label("alt help") }),
    altError,
    element("div", { class: "library-picker-buttons" }, [insert]),
  ]);
  dialog.append(
    element("h2", { id: "library-picker-title", text: label("picker title") }),
    status, list, form,
    element("div", { class: "library-picker-buttons" }, [cancel]),
  );
  let chosen = null;

  function choose(image, button) {
    chosen = image;
    list.querySelectorAll("button[aria-pressed]").forEach((b) => b.setAttribute("aria-pressed", "false"));
    button.setAttribute("aria-pressed", "true");
    preview.src = image.thumb;
    altInput.value = image.alt || "";
    altError.hidden = true;
    form.hidden = false;
    altInput.focus();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const alt = altInput.value.trim();
    if (!chosen) { return; }
    if (!alt) {
      altError.textContent = label("alt required");
      altError.hidden = false;
      altInput.setAttribute("aria-invalid", "true");
      altInput.setAttribute("aria-describedby", "library-picker-alt-error library-picker-alt-help");
      altInput.focus();
      return;
    }
    const attrs = { src: chosen.src, alt: alt };
    if (chosen.width) { attrs.width = chosen.width; }
    if (chosen.height) { attrs.height = chosen.height; }
    dialog.close();
    editor.chain().focus().insertContent({ type: "image", attrs: attrs }).run();
  });
  cancel.addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => { dialog.remove(); editor.commands.focus(); });
  textarea.closest(".prose-editor").append(dialog);
  dialog.showModal();

  const site = siteOf(textarea);
  if (!site) {
    status.textContent = label("picker no site");
    return;
  }
  const url = textarea.dataset.libraryUrl + "?tenant=" + encodeURIComponent(site);
  fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then((response) => response.json().then((data) => ({ ok: response.ok, data: data })))
    .then(({ ok, data }) => {
      if (!ok) { status.textContent = data.error || label("picker failed"); return; }
      if (!data.images.length) { status.textContent = label("picker empty"); return; }
      data.images.forEach((image) => {
        const button = element("button", { type: "button", class: "library-picker-item", "aria-pressed": "false", "data-image-id": String(image.id) }, [
          element("img", { src: image.thumb, alt: "", loading: "lazy" }),
          element("span", { text: image.alt }),
        ]);
        button.addEventListener("click", () => choose(image, button));
        list.append(element("li", {}, [button]));
      });
      const first = list.querySelector("button");
      if (first) { first.focus(); }
    })
    .catch(() => { status.textContent = label("picker failed"); });
}

/* Text pasted from Word: its settings (<xml>), styles, conditional comments and <o:p>
   markers go before ProseMirror reads the HTML (their text would otherwise become
   paragraphs); classes and inline styles go too. The server sanitises again on save. */
function cleanPastedHtml(html) {
  const doc = new DOMParser().parseFromString(html, "text/html");
  doc.querySelectorAll("xml, style, script, meta, link, title").forEach((node) => node.remove());
  Array.from(doc.getElementsByTagName("o:p")).forEach((node) => node.remove());
  const walker = doc.createTreeWalker(doc, NodeFilter.SHOW_COMMENT);
  const comments = [];
  while (walker.nextNode()) { comments.push(walker.currentNode); }
  comments.forEach((node) => node.remove());
  doc.body.querySelectorAll("[class], [style], [lang]").forEach((node) => {
    node.removeAttribute("class");
    node.removeAttribute("style");
    node.removeAttribute("lang");
  });
  return doc.body.innerHTML;
}

const wordPaste = Extension.create({
  name: "wordPaste",
  addProseMirrorPlugins() {
    return [new Plugin({ props: { transformPastedHTML: cleanPastedHtml } })];
  },
});

function libraryImage(textarea) {
  return Extension.create({
    name: "libraryImage",
    addMenuItems({ menu, buttons }) {
      menu.defineItem({
        name: "libraryImage",
        groups: "media",
        command: (editor) => openPicker(editor, textarea),
        button: buttons.material("add_photo_alternate", "library image"),
      });
    },
  });
}

/* The link dialog suggests the site's own pages (categories, newest articles) as the
   address is typed: a <datalist>, so the browser's own keyboard handling applies. */
const linkLists = new Map();

function suggestInternalLinks(wrapper, textarea) {
  const observer = new MutationObserver(() => {
    const input = wrapper.querySelector("dialog input[name=href]:not([list])");
    const site = siteOf(textarea);
    if (!input || !site) { return; }
    const id = "prose-internal-links-" + site;
    input.setAttribute("list", id);
    if (document.getElementById(id)) { return; }
    const datalist = element("datalist", { id: id });
    document.body.append(datalist);
    if (!linkLists.has(site)) {
      const url = textarea.dataset.linksUrl + "?tenant=" + encodeURIComponent(site);
      linkLists.set(site, fetch(url, { credentials: "same-origin" })
        .then((response) => (response.ok ? response.json() : { links: [] }))
        .catch(() => ({ links: [] })));
    }
    linkLists.get(site).then((data) => {
      data.links.forEach((link) => {
        datalist.append(element("option", { value: link.url, label: link.title }));
      });
    });
  });
  observer.observe(wrapper, { childList: true, subtree: true });
}

function countWords(text) {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

function translateMenu(root) {
  root.querySelectorAll("[title]").forEach((node) => {
    const translated = label(node.getAttribute("title"));
    node.setAttribute("title", translated);
    node.setAttribute("aria-label", translated);
  });
}

function enhance(textarea) {
  if (textarea.closest(".prose-editor")) { return; }
  const editor = createTextareaEditor(textarea, [
    Document, Paragraph, Text, HardBreak, Dropcursor, Gapcursor, History,
    Menu.configure({ groups: MENU_GROUPS }),
    HTML,
    Heading.configure({ levels: [2, 3, 4] }),
    Bold, Italic, Underline, Strike, Subscript, Superscript,
    BulletList, OrderedList, ListItem, Blockquote, HorizontalRule,
    Link.configure({ enableTarget: false, protocols: ["http", "https", "mailto", "tel"] }),
    Image,
    Table, TableRow, TableHeader, TableCell,
    wordPaste,
    libraryImage(textarea),
  ]);
  const wrapper = textarea.closest(".prose-editor");
  // The editable area is named by the field's own label ("Nội dung [vi]").
  const fieldLabel = textarea.id && document.querySelector('label[for="' + textarea.id + '"]');
  if (fieldLabel) {
    if (!fieldLabel.id) { fieldLabel.id = textarea.id + "-label"; }
    editor.view.dom.setAttribute("aria-labelledby", fieldLabel.id);
  }
  editor.view.dom.setAttribute("aria-multiline", "true");
  // The menu bar is mounted after the editor: name it and translate it once it is there.
  const decorate = () => {
    const menubar = wrapper && wrapper.querySelector(".prose-menubar");
    if (!menubar) { return false; }
    menubar.setAttribute("role", "toolbar");
    menubar.setAttribute("aria-label", label("toolbar"));
    translateMenu(menubar);
    return true;
  };
  if (wrapper && !decorate()) {
    const observer = new MutationObserver(() => { if (decorate()) { observer.disconnect(); } });
    observer.observe(wrapper, { childList: true, subtree: true });
  }
  const counter = element("p", { class: "prose-word-count", "aria-live": "off" });
  const update = () => {
    counter.textContent = label("words").replace("%(count)s", String(countWords(editor.getText())));
  };
  editor.on("update", update);
  update();
  if (wrapper) {
    wrapper.append(counter);
    suggestInternalLinks(wrapper, textarea);
  }
  textarea.dispatchEvent(new CustomEvent("prose-editor:ready", { detail: { editor: editor, textarea: textarea }, bubbles: true }));
}

function start() {
  document.querySelectorAll("textarea[data-rich-text]").forEach(enhance);
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start);
} else {
  start();
}
