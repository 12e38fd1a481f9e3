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

  function build() {
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
})();
