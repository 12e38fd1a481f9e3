/* Every form that posts is sent once: after the first submit its buttons show a busy state
 * ("Sending…", aria-disabled) and further submits are ignored, so a double tap over slow Wi-Fi
 * is one request. The server is safe either way (a check-in form carries a one-time id, the
 * organiser's buttons the state they were shown with); this spares people a confusing second
 * answer. Buttons are not `disabled`: a disabled button would drop its own name and value from
 * the form. After a while (no answer) or on coming Back to the page, the form can be sent again.
 */
(function () {
  "use strict";

  var BUSY_LABEL = "Sending…";
  var RETRY_AFTER_MS = 20000;

  function submitButtons(form) {
    return Array.prototype.filter.call(form.querySelectorAll("button, input[type=submit]"), function (button) {
      return (button.getAttribute("type") || "submit").toLowerCase() === "submit";
    });
  }

  function release(form) {
    if (!form.mingleBusy) { return; }
    form.mingleBusy = false;
    window.clearTimeout(form.mingleBusyTimer);
    form.removeAttribute("aria-busy");
    submitButtons(form).forEach(function (button) {
      button.removeAttribute("aria-disabled");
      button.classList.remove("is-busy");
      if (button.mingleIdleHtml !== undefined) {
        button.innerHTML = button.mingleIdleHtml;
        delete button.mingleIdleHtml;
      }
    });
  }

  function markBusy(form, submitter) {
    form.mingleBusy = true;
    form.setAttribute("aria-busy", "true");
    submitButtons(form).forEach(function (button) {
      button.setAttribute("aria-disabled", "true");
      button.classList.add("is-busy");
    });
    if (submitter && submitter.tagName === "BUTTON") {
      submitter.mingleIdleHtml = submitter.innerHTML;
      submitter.textContent = BUSY_LABEL;
    }
    form.mingleBusyTimer = window.setTimeout(function () { release(form); }, RETRY_AFTER_MS);
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== "post") { return; }
    if (event.defaultPrevented || form.hasAttribute("data-no-busy")) { return; }
    if (form.mingleBusy) { event.preventDefault(); return; }
    markBusy(form, event.submitter || submitButtons(form)[0]);
  });

  // Back to a page kept in the browser's memory: its forms work again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { document.querySelectorAll("form").forEach(release); }
  });
})();
