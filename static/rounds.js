/* Live rounds on Mingle pages (organiser, phone, projector).
 *
 * Any element with data-fragment-url and data-stream-url is a live region: on every notice whose
 * topic is listed in data-topics (plus "connected" and "poll", which mean "catch up"), it
 * re-reads its HTML from the server and swaps it in when it changed.
 *
 * A region that holds a <template class="live-state"> (the phone, the projector) shows a
 * "rounds" notice's moment by itself instead: the notice carries the plan id, the view (which
 * round, under way or next) and the clock; the server drew the clock line for every phase and,
 * on the phone, the section for every round (<template data-prepared-view>). The region re-reads
 * only when the plan changed or the view was not prepared (the projector's next round, the end).
 *
 * Countdowns ([data-ends-at]) tick here, in the browser, from the end time the server sent,
 * corrected by the server's clock ([data-server-now]) so a phone whose clock is off counts right.
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

  // The clock line for a notice's clock, from the region's template for that phase. A notice
  // shown later than it came (after a re-read) has its server time moved on by the wait.
  function clockLine(region, notice) {
    var clock = notice.clock;
    var template = region.querySelector('template[data-clock-line="' + clock.phase + '"]');
    var line = template && template.content.firstElementChild;
    if (!line) { return null; }
    line = line.cloneNode(true);
    var waited = notice.mingleReceived ? Date.now() - notice.mingleReceived : 0;
    line.querySelectorAll(".countdown").forEach(function (node) {
      if (node.hasAttribute("data-ends-at")) {
        node.setAttribute("data-ends-at", String(clock.ends_at_ms));
        node.setAttribute("data-server-now", String(clock.server_now_ms + waited));
      } else {
        node.textContent = clockText(clock.remaining_seconds || 0);
      }
    });
    return line;
  }

  function visibleNodes(region) {
    return Array.prototype.filter.call(region.childNodes, function (node) { return node.nodeName !== "TEMPLATE"; });
  }

  // Show the moment a "rounds" notice describes from what the region holds. Returns false when
  // it cannot (another plan, a view not prepared): then the region re-reads itself.
  function showNotice(region, notice) {
    var state = region.querySelector("template.live-state");
    if (!state || !notice.clock || state.getAttribute("data-plan") !== String(notice.plan)) { return false; }
    var line = clockLine(region, notice);
    if (notice.view === state.getAttribute("data-view")) {
      var slot = region.querySelector("[data-clock-slot]");
      if (!slot) { return true; }  // this view has no clock (before publishing)
      if (!line) { return false; }
      if (signature(slot) === signature(line)) { return true; }
      slot.replaceWith(line);  // only the clock line changes, so only it is announced
    } else {
      var prepared = region.querySelector('template[data-prepared-view="' + notice.view + '"]');
      if (!prepared || !line) { return false; }
      var view = prepared.content.cloneNode(true);
      var viewSlot = view.querySelector("[data-clock-slot]");
      if (viewSlot) { viewSlot.replaceWith(line); }
      var first = region.firstChild;
      visibleNodes(region).forEach(function (node) { node.remove(); });
      region.insertBefore(view, region.contains(first) ? first : region.firstChild);
      state.setAttribute("data-view", notice.view);
      region.dispatchEvent(new CustomEvent("mingle:updated", { bubbles: true }));
    }
    tickCountdowns(region);
    return true;
  }

  // A re-read whose visible text is unchanged keeps the shown nodes (nothing to announce) and
  // takes the new templates (the plan's other rounds may have changed).
  function takeTemplates(region, incoming) {
    region.querySelectorAll(":scope > template").forEach(function (node) { node.remove(); });
    incoming.querySelectorAll(":scope > template").forEach(function (node) { region.appendChild(node); });
  }

  function liveRegion(region) {
    var url = region.getAttribute("data-fragment-url");
    var topics = (region.getAttribute("data-topics") || "rounds").split(/\s+/).concat(["connected", "poll"]);
    var loading = false;
    var again = false;
    var deferred = false;
    var pendingNotice = null;  // the latest notice that came while re-reading: shown after it

    function busyEditing() {
      // Never replace a form the organiser is filling in; refresh once they leave it.
      var active = document.activeElement;
      return active && region.contains(active) && /^(INPUT|SELECT|TEXTAREA)$/.test(active.tagName);
    }

    function afterLoading() {
      loading = false;
      if (again) { again = false; refresh(); return; }
      if (pendingNotice !== null) {
        var notice = pendingNotice;
        pendingNotice = null;
        if (!showNotice(region, notice)) { refresh(); }
      }
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
          } else {
            takeTemplates(region, incoming);
          }
        })
        .catch(function () { /* the next notice or poll tries again */ })
        .then(afterLoading);
    }

    window.mingleLive(region.getAttribute("data-stream-url"), function (message) {
      if (topics.indexOf(message.topic) === -1) { return; }
      if (message.clock && region.querySelector("template.live-state")) {
        message.mingleReceived = Date.now();
        if (loading) { pendingNotice = message; return; }
        if (showNotice(region, message)) { return; }
      }
      refresh();
    });
  }

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
