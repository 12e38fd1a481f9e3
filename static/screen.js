/* The projector's lists ([data-pages]) show as many whole entries as fit, then turn the page
 * every few seconds, so every name is on screen regularly however large the event. Pages are
 * recomputed whenever the board changes or the window is resized. */
(function () {
  "use strict";
  var PAGE_SECONDS = 8;
  var pagers = [];

  // Lists in columns overflow sideways, lists in rows overflow downwards: check both.
  function fits(list) {
    return list.scrollHeight <= list.clientHeight + 1 && list.scrollWidth <= list.clientWidth + 1;
  }

  function paginate(list) {
    var items = Array.prototype.slice.call(list.children);
    var pages = [];
    var start = 0;
    items.forEach(function (item) { item.hidden = true; });
    while (start < items.length) {
      var end = start;
      while (end < items.length) {
        items[end].hidden = false;
        if (!fits(list) && end > start) { items[end].hidden = true; break; }
        end += 1;
      }
      pages.push([start, end]);
      for (var i = start; i < end; i += 1) { items[i].hidden = true; }
      start = end;
    }
    return { list: list, items: items, pages: pages, current: 0 };
  }

  function show(pager) {
    var page = pager.pages[pager.current] || [0, 0];
    pager.items.forEach(function (item, index) { item.hidden = index < page[0] || index >= page[1]; });
    var indicator = pager.list.parentNode.querySelector(".page-indicator");
    if (indicator) {
      indicator.textContent = pager.pages.length > 1 ? "Page " + (pager.current + 1) + " of " + pager.pages.length : "";
    }
  }

  // With few tables, names grow until the list would no longer fit: readable from the back.
  var MAX_GROW = 3.5;
  function grow(list) {
    list.style.setProperty("--grow", "1");
    Array.prototype.forEach.call(list.children, function (item) { item.hidden = false; });
    if (!fits(list)) { return; }
    var low = 1, high = MAX_GROW;
    for (var step = 0; step < 8; step += 1) {
      var middle = (low + high) / 2;
      list.style.setProperty("--grow", String(middle));
      if (fits(list)) { low = middle; } else { high = middle; }
    }
    list.style.setProperty("--grow", String(Math.floor(low * 100) / 100));
  }

  function build() {
    document.querySelectorAll("[data-grow]").forEach(grow);
    pagers = Array.prototype.map.call(document.querySelectorAll("[data-pages]"), paginate);
    pagers.forEach(show);
  }

  function turn() {
    pagers.forEach(function (pager) {
      if (pager.pages.length > 1) {
        pager.current = (pager.current + 1) % pager.pages.length;
        show(pager);
      }
    });
  }

  var resizeTimer = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(build, 200);
  });
  document.addEventListener("mingle:updated", build);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", build);
  } else {
    build();
  }
  window.setInterval(turn, PAGE_SECONDS * 1000);

  // ---- the chime at the end of each round ----------------------------------------------
  // A short two-note bell made by WebAudio (no sound file), when a round's time runs out or the
  // organiser ends it. The switch is remembered on this screen (localStorage).
  var CHIME_KEY = "mingle-chime";
  var toggle = document.getElementById("chime-toggle");
  var audio = null;
  var watched = null;  // the round being watched: {round, left (seen with time left), chimed}
  window.mingleChimes = 0;  // how many chimes played (read by the browser tests)

  function chimeOn() {
    try { return window.localStorage.getItem(CHIME_KEY) !== "off"; } catch (error) { return true; }
  }

  function showToggle() {
    if (!toggle) { return; }
    var on = chimeOn();
    var blocked = on && audio !== null && audio.state === "suspended";
    toggle.hidden = false;
    toggle.setAttribute("aria-pressed", on ? "true" : "false");
    toggle.textContent = "Chime at the end of each round: " + (on ? (blocked ? "on (click to allow sound)" : "on") : "off");
  }

  function audioContext() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) { return null; }
    if (audio === null) { audio = new Context(); }
    return audio;
  }

  function note(context, frequency, start, length) {
    var oscillator = context.createOscillator();
    var gain = context.createGain();
    oscillator.type = "sine";
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.4, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + length);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(start);
    oscillator.stop(start + length + 0.05);
  }

  function chime() {
    if (!chimeOn()) { return; }
    var context = audioContext();
    if (!context) { return; }
    if (context.state === "suspended") { context.resume(); }
    var now = context.currentTime + 0.05;
    note(context, 880, now, 1.2);
    note(context, 659.25, now + 0.45, 1.6);
    window.mingleChimes += 1;
    showToggle();
  }

  function watchClock() {
    var clock = document.querySelector("#board .big-clock");
    var title = document.querySelector("#board .round-title");
    var phase = clock ? clock.getAttribute("data-phase") : null;
    var round = title ? title.getAttribute("data-round") : null;
    var countdown = clock ? clock.querySelector("[data-ends-at]") : null;
    var over = !!countdown && countdown.classList.contains("is-over");
    if (watched && watched.left && !watched.chimed) {
      var ranOut = phase === "running" && round === watched.round && over;
      var endedEarly = round !== watched.round || (phase !== "running" && phase !== "paused");
      if (ranOut || endedEarly) { watched.chimed = true; chime(); }
    }
    if (phase === "running" && countdown) {
      if (!watched || watched.round !== round) { watched = { round: round, left: false, chimed: false }; }
      if (!over) { watched.left = true; watched.chimed = false; }  // also after "+1 minute"
    }
  }

  if (toggle) {
    toggle.addEventListener("click", function () {
      var on = !chimeOn();
      try { window.localStorage.setItem(CHIME_KEY, on ? "on" : "off"); } catch (error) { /* kept for this visit only */ }
      if (on) {
        var context = audioContext();  // a click lets the browser play sound from now on
        if (context && context.state === "suspended") { context.resume().then(showToggle, showToggle); }
      }
      showToggle();
    });
    showToggle();
  }
  window.setInterval(watchClock, 250);
})();
