/* Article tools: print / save-as-PDF and the phone's own share sheet (which offers Zalo,
   Facebook, mail…). Both buttons stay hidden when JavaScript or the feature is missing. */
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  if (navigator.share) {
    document.querySelectorAll("[data-share]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var canonical = document.querySelector('link[rel="canonical"]');
        navigator.share({
          title: document.title,
          url: canonical ? canonical.href : window.location.href
        }).catch(function () { /* the reader closed the sheet */ });
      });
    });
  }
})();
