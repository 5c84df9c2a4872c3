/* A small rich-text editor for the admin: a toolbar over a contenteditable area that
   writes back into the original textarea. The server sanitises whatever arrives. */
(function () {
  "use strict";
  var BUTTONS = [
    ["bold", "B", "Đậm"],
    ["italic", "I", "Nghiêng"],
    ["formatBlock:h2", "H2", "Tiêu đề mục"],
    ["formatBlock:h3", "H3", "Tiêu đề nhỏ"],
    ["formatBlock:p", "¶", "Đoạn văn"],
    ["insertUnorderedList", "•", "Danh sách"],
    ["insertOrderedList", "1.", "Danh sách đánh số"],
    ["formatBlock:blockquote", "❝", "Trích dẫn"],
    ["createLink", "Liên kết", "Chèn liên kết"],
    ["unlink", "Bỏ liên kết", "Bỏ liên kết"],
    ["removeFormat", "Xóa định dạng", "Xóa định dạng"]
  ];

  function run(command, area) {
    area.focus();
    if (command === "createLink") {
      var url = window.prompt("Địa chỉ liên kết (https://…)", "https://");
      if (url && /^(https?:|mailto:|tel:|\/)/i.test(url)) {
        document.execCommand("createLink", false, url);
      }
      return;
    }
    var parts = command.split(":");
    document.execCommand(parts[0], false, parts[1] ? "<" + parts[1] + ">" : null);
  }

  function enhance(textarea) {
    var wrapper = document.createElement("div");
    wrapper.className = "rte";
    var toolbar = document.createElement("div");
    toolbar.className = "rte-toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", "Định dạng văn bản");
    var area = document.createElement("div");
    area.className = "rte-area";
    area.contentEditable = "true";
    area.setAttribute("role", "textbox");
    area.setAttribute("aria-multiline", "true");
    var label = document.querySelector('label[for="' + textarea.id + '"]');
    if (label) {
      if (!label.id) { label.id = textarea.id + "-label"; }
      area.setAttribute("aria-labelledby", label.id);
    }
    area.innerHTML = textarea.value;
    BUTTONS.forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = spec[1];
      button.title = spec[2];
      button.setAttribute("aria-label", spec[2]);
      button.addEventListener("click", function () { run(spec[0], area); sync(); });
      toolbar.appendChild(button);
    });
    var source = document.createElement("button");
    source.type = "button";
    source.textContent = "HTML";
    source.title = "Xem/sửa mã HTML";
    source.setAttribute("aria-pressed", "false");
    toolbar.appendChild(source);

    function sync() { textarea.value = area.innerHTML; }
    area.addEventListener("input", sync);
    source.addEventListener("click", function () {
      var showing = textarea.classList.toggle("rte-source-visible");
      source.setAttribute("aria-pressed", showing ? "true" : "false");
      if (!showing) { area.innerHTML = textarea.value; }
      area.hidden = showing;
    });
    textarea.classList.add("rte-hidden");
    textarea.parentNode.insertBefore(wrapper, textarea);
    wrapper.appendChild(toolbar);
    wrapper.appendChild(area);
    wrapper.appendChild(textarea);
    if (textarea.form) {
      textarea.form.addEventListener("submit", function () {
        if (!textarea.classList.contains("rte-source-visible")) { sync(); }
      });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-rich-text]").forEach(enhance);
  });
})();
