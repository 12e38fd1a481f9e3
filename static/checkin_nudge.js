/* Check-in nudge: says what is still missing (something to help with, something to look for),
 * hides itself once both lists have something, and turns the event's popular tags into one-tap
 * buttons that add the tag to a list (through tags.js, which listens for "tags:add").
 * Without JavaScript the nudge is a plain note and the form works as is.
 */
(function () {
  "use strict";
  var nudge = document.querySelector("[data-profile-nudge]");
  if (!nudge) { return; }
  var form = nudge.closest("form");
  var text = nudge.querySelector("[data-nudge-text]");
  var buttons = nudge.querySelector("[data-nudge-buttons]");

  function field(name) { return form.querySelector('input[name="' + name + '"]'); }
  function filled(name) { var input = field(name); return Boolean(input && input.value.trim()); }

  function update() {
    var offers = filled("offers"), seeks = filled("seeks");
    nudge.hidden = offers && seeks;
    if (offers && !seeks) {
      text.textContent = "Nearly there: add one thing you are looking for, so we can find people who can help you.";
    } else if (seeks && !offers) {
      text.textContent = "Nearly there: add one thing you can help with, so others can find you.";
    }
  }

  if (buttons) {
    buttons.hidden = false;
    buttons.addEventListener("click", function (event) {
      var button = event.target.closest("[data-add-tag]");
      if (!button) { return; }
      var input = field(button.getAttribute("data-field"));
      if (input) { input.dispatchEvent(new CustomEvent("tags:add", { detail: button.getAttribute("data-add-tag") })); }
      update();
    });
  }
  form.addEventListener("change", update);
  form.addEventListener("input", update);
  update();
})();
