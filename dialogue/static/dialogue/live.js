// Live answers on a dialogue session page: polls the JSON endpoint and fills in new
// answers. Without JavaScript a reload shows the same (the page renders every answer).
(function () {
  "use strict";
  var list = document.getElementById("session-questions");
  if (!list || !list.dataset.updatesUrl) { return; }
  var since = list.dataset.since;
  var status = document.getElementById("live-status");
  var interval = parseInt(list.dataset.interval || "5000", 10);

  function para(className, text) {
    var p = document.createElement("p");
    p.className = className;
    p.textContent = text;
    return p;
  }

  function fill(box, item) {
    box.textContent = "";
    var by = para("answer-by", "");
    var strong = document.createElement("strong");
    strong.textContent = item.answered_by;
    by.appendChild(strong);
    by.appendChild(document.createTextNode(" " + list.dataset.answerLabel + ":"));
    box.appendChild(by);
    box.appendChild(para("answer-text", item.answer));
  }

  function apply(item) {
    var box = list.querySelector('[data-answer-for="' + item.id + '"]');
    if (!box) {
      var li = document.createElement("li");
      li.className = "session-question";
      li.id = "q-" + item.id;
      var asker = para("asker", "");
      var name = document.createElement("strong");
      name.textContent = item.name + (item.locality ? " (" + item.locality + ")" : "");
      asker.appendChild(name);
      li.appendChild(asker);
      li.appendChild(para("question-text", item.content));
      box = document.createElement("div");
      box.className = "session-answer";
      box.setAttribute("data-answer-for", item.id);
      li.appendChild(box);
      list.appendChild(li);
      var empty = document.getElementById("no-questions");
      if (empty) { empty.remove(); }
    }
    fill(box, item);
  }

  function poll() {
    var url = list.dataset.updatesUrl + "?since=" + encodeURIComponent(since);
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        data.answers.forEach(apply);
        if (data.answers.length) {
          since = data.answers[data.answers.length - 1].answered_at;
          if (status) { status.textContent = list.dataset.newAnswer; }
        }
        if (data.phase !== "finished") { window.setTimeout(poll, interval); }
      })
      .catch(function () { window.setTimeout(poll, interval * 3); });
  }
  window.setTimeout(poll, interval);
})();
