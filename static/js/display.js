/* Text size and high-contrast controls. Optional: without JavaScript the
   controls stay hidden and the browser's own zoom still works. */
(function () {
  "use strict";
  var root = document.documentElement;
  var KEY = "portal-display";
  var state = { size: 0, contrast: false };
  try { state = Object.assign(state, JSON.parse(localStorage.getItem(KEY) || "{}")); } catch (e) { /* ignore */ }

  function apply() {
    root.classList.remove("text-size-1", "text-size-2", "text-size-3");
    if (state.size > 0) { root.classList.add("text-size-" + state.size); }
    root.classList.toggle("high-contrast", !!state.contrast);
    var button = document.querySelector('[data-display="contrast"]');
    if (button) { button.setAttribute("aria-pressed", state.contrast ? "true" : "false"); }
    try { localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* ignore */ }
  }

  apply();
  document.addEventListener("DOMContentLoaded", function () {
    var controls = document.querySelector(".display-controls");
    if (!controls) { return; }
    controls.hidden = false;
    controls.addEventListener("click", function (event) {
      var action = event.target.getAttribute("data-display");
      if (action === "larger") { state.size = Math.min(3, state.size + 1); }
      if (action === "smaller") { state.size = Math.max(0, state.size - 1); }
      if (action === "contrast") { state.contrast = !state.contrast; }
      apply();
    });
    apply();
  });
})();

/* Main menu: on narrow screens, with JavaScript, the list folds behind a "Danh mục"
   button so the page content is not pushed below a screen of links. Without
   JavaScript the whole menu stays visible. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector(".menu-toggle");
    var menu = button && button.closest(".main-menu");
    if (!menu) { return; }
    document.documentElement.classList.add("menu-enhanced");
    button.hidden = false;
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("is-open", open);
    });
  });
})();
