// After a security key is registered (django-otp-webauthn's event), continue to the
// address the page names: the recovery codes on first enrolment, the key list otherwise.
document.addEventListener("otp_webauthn.register_complete", function () {
  var target = document.getElementById("passkey-registration");
  if (target && target.dataset.continue) {
    window.location.assign(target.dataset.continue);
  }
});
