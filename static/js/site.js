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
    var label = button ? button.textContent : "";
    if (button && button.dataset.busyLabel) {
      button.setAttribute("aria-busy", "true");
      button.textContent = button.dataset.busyLabel;
    }
    // Back from Stripe's page (the browser restores this one as it was): ready to use again.
    window.addEventListener("pageshow", function () {
      form.dataset.submitted = "false";
      if (button && button.dataset.busyLabel) {
        button.removeAttribute("aria-busy");
        button.textContent = label;
      }
    }, { once: true });
  });

  // A web address suggested from a name as it is typed, until the owner writes their own;
  // the server checks and completes it either way.
  function slugify(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }
  document.querySelectorAll("[data-slug-from]").forEach(function (slugInput) {
    var source = document.getElementById(slugInput.dataset.slugFrom);
    if (!source) {
      return;
    }
    var suggestion = slugInput.value;
    source.addEventListener("input", function () {
      if (slugInput.value !== suggestion) {
        return;
      }
      suggestion = slugify(source.value).slice(0, slugInput.maxLength > 0 ? slugInput.maxLength : 255);
      slugInput.value = suggestion;
    });
  });
})();
