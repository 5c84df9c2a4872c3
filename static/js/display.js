/* Text size and high-contrast controls. Optional: without JavaScript the
   controls stay hidden and the browser's own zoom still works. */
(function () {
  "use strict";
  var root = document.documentElement;
  var KEY = "portal-display";
  var state = { size: 0, contrast: false };
  try { state = Object.assign(state, JSON.parse(localStorage.getItem(KEY) || "{}")); } catch (e) { /* ignore */ }

  // Classes change only when they differ: touching the root's class attribute makes
  // the browser restyle the whole page, which on a slow phone is a long task.
  function setClass(name, on) {
    if (root.classList.contains(name) !== on) { root.classList.toggle(name, on); }
  }

  function apply() {
    for (var size = 1; size <= 3; size++) { setClass("text-size-" + size, Number(state.size) === size); }
    setClass("high-contrast", !!state.contrast);
    var button = document.querySelector('[data-display="contrast"]');
    if (button) { button.setAttribute("aria-pressed", state.contrast ? "true" : "false"); }
  }

  function save() {
    try { localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* ignore */ }
  }

  apply();
  document.addEventListener("DOMContentLoaded", function () {
    var controls = document.querySelector(".display-controls");
    if (!controls) { return; }
    controls.addEventListener("click", function (event) {
      var action = event.target.getAttribute("data-display");
      if (action === "larger") { state.size = Math.min(3, state.size + 1); }
      if (action === "smaller") { state.size = Math.max(0, state.size - 1); }
      if (action === "contrast") { state.contrast = !state.contrast; }
      apply();
      save();
    });
    apply();
  });
})();

/* Main menu: on narrow screens the list is folded behind a "Danh mục" button by CSS
   from the first paint (no layout shift); without JavaScript noscript.css unfolds it.
   Escape closes an open dropdown and returns focus to its parent link. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector(".menu-toggle");
    var menu = button && button.closest(".main-menu");
    if (!menu) { return; }
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("is-open", open);
    });
    menu.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") { return; }
      var item = event.target.closest(".has-children");
      if (!item) { return; }
      item.classList.add("is-dismissed");
      item.querySelector("a").focus();
    });
    function reopen(event) {
      var item = event.target.closest(".has-children");
      if (item && !item.contains(event.relatedTarget)) { item.classList.remove("is-dismissed"); }
    }
    menu.addEventListener("focusout", reopen);
    menu.addEventListener("mouseout", reopen);
  });
})();

/* After a failed submit the page comes back with an error summary: focus moves to it so
   that screen reader and keyboard users start from the list of what to fix. */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var summary = document.querySelector(".form-error-summary");
  if (!summary) { return; }
  if (!summary.hasAttribute("tabindex")) { summary.setAttribute("tabindex", "-1"); }
  summary.focus();
});
