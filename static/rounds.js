/* Live rounds on Mingle pages (organiser, phone, projector).
 *
 * Any element with data-fragment-url and data-stream-url is a live region: on every notice whose
 * topic is listed in data-topics (plus "connected" and "poll", which mean "catch up"), it
 * re-reads its HTML from the server and swaps it in when it changed. Countdowns
 * ([data-ends-at]) tick here, in the browser, from the end time the server sent, corrected
 * by the server's clock ([data-server-now]) so a phone whose clock is off still counts right.
 */
(function () {
  "use strict";

  function two(n) { return (n < 10 ? "0" : "") + n; }

  function clockText(seconds) {
    var s = Math.max(0, Math.ceil(seconds));
    return Math.floor(s / 60) + ":" + two(s % 60);
  }

  function tickCountdowns(root) {
    var nodes = (root || document).querySelectorAll("[data-ends-at]");
    nodes.forEach(function (node) {
      if (node.mingleOffset === undefined) {
        node.mingleOffset = Number(node.getAttribute("data-server-now")) - Date.now();
      }
      var left = (Number(node.getAttribute("data-ends-at")) - (Date.now() + node.mingleOffset)) / 1000;
      var text = left > 0 ? clockText(left) : (node.getAttribute("data-done-text") || "0:00");
      if (node.textContent !== text) { node.textContent = text; }
      node.classList.toggle("is-over", left <= 0);
    });
  }

  // What a reader would notice: the text (without the ticking digits) and the end times.
  // Regions are swapped only when this changes, so screen readers hear real changes only.
  function signature(root) {
    var copy = root.cloneNode(true);
    var ends = [];
    copy.querySelectorAll("[data-ends-at]").forEach(function (node) {
      ends.push(node.getAttribute("data-ends-at"));
      node.textContent = "";
    });
    return copy.textContent.replace(/\s+/g, " ").trim() + "|" + ends.join(",");
  }

  function liveRegion(region) {
    var url = region.getAttribute("data-fragment-url");
    var topics = (region.getAttribute("data-topics") || "rounds").split(/\s+/).concat(["connected", "poll"]);
    var loading = false;
    var again = false;
    var deferred = false;

    function busyEditing() {
      // Never replace a form the organiser is filling in; refresh once they leave it.
      var active = document.activeElement;
      return active && region.contains(active) && /^(INPUT|SELECT|TEXTAREA)$/.test(active.tagName);
    }

    function refresh() {
      if (busyEditing()) {
        if (!deferred) {
          deferred = true;
          document.activeElement.addEventListener("blur", function () { deferred = false; refresh(); }, { once: true });
        }
        return;
      }
      if (loading) { again = true; return; }
      loading = true;
      fetch(url, { credentials: "same-origin", headers: { "accept": "text/html" } })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (html === null) { return; }
          var incoming = document.createElement("div");
          incoming.innerHTML = html;
          if (signature(incoming) !== signature(region)) {
            region.innerHTML = html;
            tickCountdowns(region);
            region.dispatchEvent(new CustomEvent("mingle:updated", { bubbles: true }));
          }
        })
        .catch(function () { /* the next notice or poll tries again */ })
        .then(function () {
          loading = false;
          if (again) { again = false; refresh(); }
        });
    }

    window.mingleLive(region.getAttribute("data-stream-url"), function (message) {
      if (topics.indexOf(message.topic) !== -1) { refresh(); }
    });
  }

  // A form marked data-once is sent once: a double click must not start two rounds.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-once")) { return; }
    if (form.mingleSent) { event.preventDefault(); return; }
    form.mingleSent = true;
    form.querySelectorAll("button").forEach(function (button) { button.setAttribute("aria-disabled", "true"); });
  });

  function start() {
    document.querySelectorAll("[data-fragment-url][data-stream-url]").forEach(liveRegion);
    tickCountdowns(document);
    window.setInterval(function () { tickCountdowns(document); }, 250);
  }

  window.mingleClockText = clockText;
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
