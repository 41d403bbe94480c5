/* Enhancements only: every page works without this file (CSP: no inline scripts). */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  // "Copy the session's address" for resuming later; shown only when scripts run.
  document.querySelectorAll("[data-copy-url]").forEach(function (button) {
    button.addEventListener("click", function () {
      var done = button.getAttribute("data-copied") || "";
      if (navigator.clipboard) {
        navigator.clipboard.writeText(window.location.origin + button.getAttribute("data-copy-url")).then(function () {
          var status = document.getElementById(button.getAttribute("aria-describedby"));
          if (status) { status.textContent = done; }
        });
      }
    });
  });
}());
