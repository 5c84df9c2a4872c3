/* Forms keep what the citizen typed. Every public form that sends (method="post") is
   copied to sessionStorage (this tab only, gone when it closes) as it is typed; when the
   page is shown again — back from the "503 temporarily unavailable" page, a reload, a
   network error — untouched fields get their text back, with a note. The copy is deleted
   once the form was received: the server answers a received form with a redirect, so
   the next page loaded after sending came through one (Navigation Timing redirectCount).
   Passwords, files, hidden fields, CAPTCHA answers and honeypots are never kept.
   Without JavaScript or storage nothing happens; the browser's Back button still works.
   The 503 page (body[data-outage]) also loads it for its "go back" button. */
(function () {
  "use strict";
  var PREFIX = "form-keeper:";
  var PENDING = "form-keeper:pending";
  var SKIP = { password: 1, hidden: 1, file: 1, submit: 1, button: 1, reset: 1, image: 1 };
  var english = (document.documentElement.lang || "").indexOf("en") === 0;
  var NOTE = english
    ? "What you typed before has been put back in the form below. Check it, then send it again."
    : "Nội dung bạn đã nhập trước đó đã được điền lại vào biểu mẫu dưới đây. Vui lòng kiểm tra rồi gửi lại.";

  function storage() {
    try {
      var store = window.sessionStorage;
      store.setItem(PREFIX + "probe", "1");
      store.removeItem(PREFIX + "probe");
      return store;
    } catch (e) {
      return null;
    }
  }

  function kept(field) {
    if (!field.name || field.disabled || SKIP[field.type]) { return false; }
    if (/captcha|csrf/i.test(field.name)) { return false; }
    return !field.closest(".hp-field") && field.getAttribute("tabindex") !== "-1";
  }

  function fields(form) {
    return Array.prototype.filter.call(form.elements, kept);
  }

  function keyOf(form, index) {
    return PREFIX + location.pathname + "|" + (form.getAttribute("action") || "") + "|" + index;
  }

  function snapshot(form) {
    var data = {};
    fields(form).forEach(function (field) {
      var values = data[field.name] || (data[field.name] = []);
      if (field.type === "checkbox" || field.type === "radio") {
        if (field.checked) { values.push(field.value); }
      } else if (field.tagName === "SELECT" && field.multiple) {
        Array.prototype.forEach.call(field.selectedOptions, function (o) { values.push(o.value); });
      } else {
        values.push(field.value);
      }
    });
    return data;
  }

  function untouched(field) {
    if (field.type === "checkbox" || field.type === "radio") {
      return field.checked === field.defaultChecked;
    }
    if (field.tagName === "SELECT") {
      return Array.prototype.every.call(field.options, function (o) {
        return o.selected === o.defaultSelected;
      });
    }
    return field.value === field.defaultValue;
  }

  function restore(form, data) {
    var changed = false;
    var seen = {};
    fields(form).forEach(function (field) {
      var values = data[field.name];
      if (!values || !untouched(field)) { return; }
      if (field.type === "checkbox" || field.type === "radio") {
        var on = values.indexOf(field.value) !== -1;
        if (field.checked !== on) { field.checked = on; changed = true; }
      } else if (field.tagName === "SELECT") {
        Array.prototype.forEach.call(field.options, function (o) {
          var on = values.indexOf(o.value) !== -1;
          if (o.selected !== on) { o.selected = on; changed = true; }
        });
      } else {
        var position = seen[field.name] || 0;
        seen[field.name] = position + 1;
        var value = values[position];
        if (value && field.value !== value) { field.value = value; changed = true; }
      }
    });
    var before = form.previousElementSibling;
    if (changed && !(before && before.classList.contains("form-keeper-note"))) {
      var note = document.createElement("p");
      note.className = "form-keeper-note";
      note.setAttribute("role", "status");
      note.textContent = NOTE;
      form.parentNode.insertBefore(note, form);
    }
  }

  function settlePending(store) {
    var pending = store.getItem(PENDING);
    if (!pending || document.body.hasAttribute("data-outage")) { return; }
    var entries = performance.getEntriesByType ? performance.getEntriesByType("navigation") : [];
    if (entries.length && entries[0].redirectCount > 0) {
      store.removeItem(pending); // sent, received, redirected: nothing to keep
    }
    store.removeItem(PENDING);
  }

  function watch(store) {
    var forms = document.querySelectorAll("form");
    Array.prototype.forEach.call(forms, function (form, index) {
      if ((form.getAttribute("method") || "").toLowerCase() !== "post") { return; }
      var key = keyOf(form, index);
      var saved = store.getItem(key);
      if (saved) {
        try { restore(form, JSON.parse(saved)); } catch (e) { store.removeItem(key); }
      }
      var save = function () {
        try { store.setItem(key, JSON.stringify(snapshot(form))); } catch (e) { /* full */ }
      };
      form.addEventListener("input", save);
      form.addEventListener("change", save);
      form.addEventListener("submit", function () {
        save();
        store.setItem(PENDING, key);
      });
    });
  }

  function backButtons() {
    var buttons = document.querySelectorAll("[data-history-back]");
    Array.prototype.forEach.call(buttons, function (button) {
      if (history.length < 2) { return; }
      button.hidden = false;
      button.addEventListener("click", function () { history.back(); });
    });
  }

  function start() {
    backButtons();
    var store = storage();
    if (!store) { return; }
    settlePending(store);
    watch(store);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
