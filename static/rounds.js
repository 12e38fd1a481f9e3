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
      var text = left > 0
        ? clockText(left) + (node.getAttribute("data-suffix") || "")
        : (node.getAttribute("data-done-text") || "0:00");
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

  // Lists the organiser opened or closed stay so when the region is re-read.
  function openState(region) {
    var state = {};
    region.querySelectorAll("details[id]").forEach(function (node) { state[node.id] = node.open; });
    return state;
  }

  function restoreOpenState(region, state) {
    region.querySelectorAll("details[id]").forEach(function (node) {
      if (Object.prototype.hasOwnProperty.call(state, node.id)) { node.open = state[node.id]; }
    });
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
            var opened = openState(region);
            region.innerHTML = html;
            restoreOpenState(region, opened);
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

  // Whether the organiser's timer still has time left (a paused round always has).
  function timeLeft() {
    var timer = document.querySelector(".organiser-timer");
    if (!timer) { return false; }
    if (timer.classList.contains("is-paused")) { return true; }
    var countdown = timer.querySelector("[data-ends-at]");
    return !!countdown && !countdown.classList.contains("is-over");
  }

  // A form marked data-confirm ends a round: while time is left, a dialog asks first, and only
  // its "yes" sends the form (with confirm=yes). Without JavaScript the server asks instead.
  function askFirst(form) {
    var dialog = document.createElement("dialog");
    dialog.className = "confirm-dialog";
    dialog.setAttribute("aria-labelledby", "confirm-dialog-question");
    var question = document.createElement("p");
    question.id = "confirm-dialog-question";
    question.textContent = form.getAttribute("data-confirm") + " It still has time left, and this cannot be undone.";
    var yes = document.createElement("button");
    yes.type = "button";
    yes.className = "danger";
    yes.textContent = "Yes, " + form.getAttribute("data-confirm-yes").replace(/^./, function (c) { return c.toLowerCase(); });
    var no = document.createElement("button");
    no.type = "button";
    no.className = "secondary";
    no.textContent = "No, keep the round going";
    var buttons = document.createElement("div");
    buttons.className = "actions";
    buttons.append(no, yes);
    dialog.append(question, buttons);
    document.body.appendChild(dialog);
    dialog.addEventListener("close", function () { dialog.remove(); });
    no.addEventListener("click", function () { dialog.close(); });
    yes.addEventListener("click", function () {
      var confirm = document.createElement("input");
      confirm.type = "hidden";
      confirm.name = "confirm";
      confirm.value = "yes";
      form.appendChild(confirm);
      form.mingleConfirmed = true;
      // The panel may have been re-read meanwhile: send the form the organiser saw anyway (the
      // server refuses it if the clock moved since, as for any stale page).
      if (!form.isConnected) { form.hidden = true; document.body.appendChild(form); }
      dialog.close();
      form.requestSubmit();
    });
    dialog.showModal();
    no.focus();  // the safe choice has the focus: Enter does not end the round
  }

  // Ending a round early asks first (static/busy.js keeps any form from being sent twice).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute) { return; }
    if (form.hasAttribute("data-confirm") && !form.mingleConfirmed && timeLeft() && typeof HTMLDialogElement === "function") {
      event.preventDefault();
      askFirst(form);
    }
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
