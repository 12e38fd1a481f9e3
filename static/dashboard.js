/* The organiser dashboard: the attendee list refreshes itself on live notices (was inline in
   dashboard.html; the Content-Security-Policy allows no inline script). A refresh replaces the
   list's HTML, so the "Here" ticks (and the focus on one) are carried over to the new list: the
   people still in it keep their tick, and the button says how many are ticked. */
(function () {
  "use strict";
  var list = document.getElementById("attendee-list");
  var announcer = document.getElementById("attendee-announcer");
  var tickedButton = document.getElementById("check-in-ticked");
  var busy = false, again = false;
  function hereBoxes() {
    return Array.prototype.slice.call(list.querySelectorAll('input[type="checkbox"][name="attendee"]'));
  }
  function showTickedCount() {
    if (!tickedButton) { return; }
    var ticked = hereBoxes().filter(function (box) { return box.checked; }).length;
    tickedButton.textContent = ticked === 0 ? "Check in the people ticked \u201cHere\u201d"
      : "Check in the " + ticked + (ticked === 1 ? " person" : " people") + " ticked \u201cHere\u201d";
  }
  function replaceList(html) {
    var ticked = {};
    hereBoxes().forEach(function (box) { if (box.checked) { ticked[box.value] = true; } });
    var focused = document.activeElement;
    var focusedTick = focused && focused.name === "attendee" && list.contains(focused) ? focused.value : null;
    list.innerHTML = html;
    hereBoxes().forEach(function (box) {
      if (ticked[box.value]) { box.checked = true; }
      if (box.value === focusedTick) { box.focus(); }
    });
    showTickedCount();
  }
  list.addEventListener("change", function (event) {
    if (event.target && event.target.name === "attendee") { showTickedCount(); }
  });
  function count() {
    var node = list.querySelector("[data-count]");
    return node ? Number(node.getAttribute("data-count")) : 0;
  }
  function localiseTimes() {
    list.querySelectorAll("time[data-local-time]").forEach(function (node) {
      var when = new Date(node.getAttribute("datetime"));
      if (!isNaN(when)) { node.textContent = when.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }); }
    });
  }
  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    var before = count();
    fetch(list.getAttribute("data-source"), { credentials: "same-origin", headers: { accept: "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null) { return; }
        replaceList(html);
        localiseTimes();
        var after = count();
        if (after !== before) { announcer.textContent = after + (after === 1 ? " person" : " people") + " in the list."; }
      })
      .catch(function () {})
      .then(function () { busy = false; if (again) { again = false; refresh(); } });
  }
  localiseTimes();
  showTickedCount();  // ticks the browser kept on a reload or Back
  mingleLive(list.getAttribute("data-stream"), function (message) {
    if (message.topic === "attendees" || message.topic === "connected" || message.topic === "poll") { refresh(); }
  });
  var secret = document.getElementById("organiser-link");
  secret.addEventListener("focus", function () { secret.select(); });
  // Copy the organiser link in one click (the button shows only where scripts run).
  var copy = document.getElementById("copy-organiser-link");
  var copyStatus = document.getElementById("copy-status");
  function copied(ok) {
    copy.textContent = ok ? "Copied" : "Copy the link";
    copyStatus.textContent = ok ? "Organiser link copied." : "Could not copy: select the link and copy it by hand.";
    if (ok) { window.setTimeout(function () { copy.textContent = "Copy the link"; }, 3000); }
  }
  copy.hidden = false;
  copy.addEventListener("click", function () {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(secret.value).then(function () { copied(true); }, function () { copied(false); });
    } else {
      secret.focus();
      secret.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (error) { ok = false; }
      copied(ok);
    }
  });
})();
