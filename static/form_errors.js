// After a form error, move the focus to the error summary so screen readers announce it first.
(function () {
  "use strict";
  var summary = document.getElementById("form-errors");
  if (summary && document.activeElement !== summary) { summary.focus(); }
})();
