// Small progressive enhancements shared by every page; the site works without them.
(function () {
  "use strict";
  // Busy state for submit buttons, and no accidental double submissions (e.g. paying twice).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset.submitted === "true") {
      event.preventDefault();
      return;
    }
    form.dataset.submitted = "true";
    var button = event.submitter || form.querySelector("[type=submit]");
    if (button && button.dataset.busyLabel) {
      button.setAttribute("aria-busy", "true");
      button.textContent = button.dataset.busyLabel;
    }
    // Forms may be submitted again after the browser navigates back to this page.
    window.addEventListener("pageshow", function () { form.dataset.submitted = "false"; }, { once: true });
  });
})();
