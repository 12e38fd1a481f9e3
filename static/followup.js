/* The attendee page's "people you met" follows the rounds: when the rounds section shows another
 * moment (rounds.js fires "mingle:updated"), the section is read again, after a random pause of up
 * to JITTER_MS so that a full room does not ask the server at the same instant. Never while the
 * person is typing a note in it; without JavaScript, a reload shows the same. */
(function () {
  "use strict";
  var JITTER_MS = 8000;
  var region = document.getElementById("followup-live");
  if (!region) { return; }
  var url = region.getAttribute("data-section-url");
  var timer = null;

  function busyEditing() {
    var active = document.activeElement;
    return active && region.contains(active) && /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(active.tagName);
  }

  function refresh() {
    timer = null;
    if (busyEditing()) {
      document.activeElement.addEventListener("blur", schedule, { once: true });
      return;
    }
    fetch(url, { credentials: "same-origin", headers: { accept: "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) { if (html !== null && html !== region.innerHTML) { region.innerHTML = html; } })
      .catch(function () { /* the next round tries again */ });
  }

  function schedule() {
    if (timer === null) { timer = window.setTimeout(refresh, Math.random() * JITTER_MS); }
  }

  document.addEventListener("mingle:updated", function (event) {
    if (event.target && event.target.id === "my-rounds") { schedule(); }
  });
})();
