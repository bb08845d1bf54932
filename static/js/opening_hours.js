/* Quick fills for the storefront editor's opening hours: "Mon–Fri 9–5", "every day 9–5" and
 * "copy the first day's hours to Mon–Fri". They only fill in Wagtail's inline rows (adding rows
 * with Wagtail's own "Add day" button); nothing is saved until the owner saves or publishes.
 * Loaded as a static file from the panel's media: no inline script, so it works under the CSP. */
(function () {
  "use strict";

  var WEEKDAYS = ["0", "1", "2", "3", "4"];
  var EVERY_DAY = ["0", "1", "2", "3", "4", "5", "6"];
  var DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

  function field(row, suffix) {
    return row.querySelector('[name$="-' + suffix + '"]');
  }

  function setValue(input, value) {
    if (!input) return;
    if (input.type === "checkbox") {
      input.checked = value;
    } else {
      input.value = value;
    }
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function liveRows(prefix) {
    var container = document.getElementById(prefix + "-FORMS");
    return Array.prototype.filter.call(
      container.querySelectorAll(":scope > [data-inline-panel-child]"),
      function (row) {
        return !row.classList.contains("deleted");
      }
    );
  }

  function rowForDay(prefix, day) {
    var rows = liveRows(prefix);
    var match = rows.find(function (row) {
      return field(row, "weekday").value === day;
    });
    if (match) return match;
    var unused = rows.find(function (row) {
      return field(row, "weekday").value === "";
    });
    if (unused) return unused;
    var addButton = document.getElementById(prefix + "-ADD");
    if (!addButton || addButton.disabled) return null;
    addButton.click();
    var added = liveRows(prefix);
    return added[added.length - 1];
  }

  function fill(prefix, days, hours) {
    days.forEach(function (day) {
      var row = rowForDay(prefix, day);
      if (!row) return;
      setValue(field(row, "weekday"), day);
      setValue(field(row, "opens"), hours.closed ? "" : hours.opens);
      setValue(field(row, "closes"), hours.closed ? "" : hours.closes);
      setValue(field(row, "closed"), Boolean(hours.closed));
    });
  }

  function firstFilledRow(prefix) {
    return liveRows(prefix).find(function (row) {
      return (
        field(row, "weekday").value !== "" &&
        (field(row, "closed").checked || (field(row, "opens").value && field(row, "closes").value))
      );
    });
  }

  function quickFill(panel, kind) {
    var prefix = panel.getAttribute("data-opening-hours");
    var status = panel.parentElement.querySelector("[data-opening-hours-status]");
    var message;
    if (kind === "weekdays") {
      fill(prefix, WEEKDAYS, { opens: "09:00", closes: "17:00" });
      message = "Monday to Friday filled in: 09:00–17:00.";
    } else if (kind === "every-day") {
      fill(prefix, EVERY_DAY, { opens: "09:00", closes: "17:00" });
      message = "Every day filled in: 09:00–17:00.";
    } else {
      var source = firstFilledRow(prefix);
      if (!source) {
        message = "Fill in the first day's hours, then copy them.";
      } else {
        var sourceDay = field(source, "weekday").value;
        fill(
          prefix,
          WEEKDAYS.filter(function (day) {
            return day !== sourceDay;
          }),
          {
            opens: field(source, "opens").value,
            closes: field(source, "closes").value,
            closed: field(source, "closed").checked,
          }
        );
        message = DAY_NAMES[Number(sourceDay)] + "'s hours copied to Monday to Friday.";
      }
    }
    if (status) status.textContent = message + " Save or publish to keep them.";
  }

  // Wagtail scrolls each added row into view, which on a narrow screen also scrolls the admin's
  // content sideways (towards its off-screen minimap). Bring the owner back to where they clicked.
  function returnTo(button) {
    button.scrollIntoView({ block: "nearest", inline: "nearest", behavior: "instant" });
    for (var element = button.parentElement; element; element = element.parentElement) {
      if (element.scrollLeft) element.scrollLeft = 0;
    }
    button.focus({ preventScroll: true });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-opening-hours-fill]");
    if (!button) return;
    var panel = button.closest("[data-opening-hours]");
    if (!panel) return;
    event.preventDefault();
    quickFill(panel, button.getAttribute("data-opening-hours-fill"));
    returnTo(button);
  });
})();
