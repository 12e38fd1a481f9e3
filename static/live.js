/* Live updates for Mingle pages.
 *
 * mingleLive(streamUrl, onChange, options) opens a Server-Sent Events stream and calls
 * onChange(message) for every notice ({topic: "..."}). The first notice after every
 * (re)connection is {topic: "connected"}: pages re-read their state then, so nothing is
 * missed while the connection was down. Where EventSource is missing or keeps failing,
 * it falls back to calling onChange({topic: "poll"}) every few seconds.
 */
(function () {
  "use strict";
  window.mingleLive = function (streamUrl, onChange, options) {
    var pollMs = (options && options.pollMs) || 5000;
    var pollTimer = null;
    function startPolling() {
      if (pollTimer === null) {
        pollTimer = window.setInterval(function () { onChange({ topic: "poll" }); }, pollMs);
      }
    }
    function stopPolling() {
      if (pollTimer !== null) { window.clearInterval(pollTimer); pollTimer = null; }
    }
    if (!("EventSource" in window)) { startPolling(); return null; }
    var source = new EventSource(streamUrl);
    source.onmessage = function (event) {
      var message;
      try { message = JSON.parse(event.data); } catch (error) { return; }
      stopPolling();
      onChange(message);
    };
    // The browser reconnects by itself; poll meanwhile so the page never goes stale.
    source.onerror = function () { startPolling(); };
    return source;
  };

  // Send a state-changing request with the CSRF token the page carries.
  window.mingleSend = function (url, options) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    var init = Object.assign({ method: "POST", credentials: "same-origin", headers: {} }, options || {});
    init.headers = Object.assign({ "x-csrftoken": meta ? meta.content : "" }, init.headers);
    return fetch(url, init);
  };
})();
