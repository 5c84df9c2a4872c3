// The print button needs JavaScript, so it is shown only when JavaScript runs.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
