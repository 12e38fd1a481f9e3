/* Tag inputs: turns each comma-separated <input data-tags> into chips with suggestions.
 *
 * Without JavaScript the plain text field works as is (items separated by commas). With it,
 * the original field stays in the form (hidden) and always holds the comma-separated list;
 * people type into a new field that offers this event's tags (<datalist id="tag-suggestions">)
 * and press Enter or a comma to add one. The server tidies tags again, so this is only comfort.
 */
(function () {
  "use strict";
  var MAX_TAGS = 10;
  var MAX_LENGTH = 40;

  function tidy(text) { return text.replace(/\s+/g, " ").replace(/^[\s#]+/, "").trim(); }
  function split(text) { return text.split(/[,;\n]+/).map(tidy).filter(Boolean); }

  function enhance(original) {
    var label = document.querySelector('label[for="' + original.id + '"]');
    var labelText = label ? label.textContent.replace(/\(optional\)/, "").trim() : "items";
    var tags = [];
    split(original.value).forEach(function (tag) { add(tag, true); });

    var box = document.createElement("div");
    box.className = "tag-input";
    var chips = document.createElement("ul");
    chips.className = "tags";
    chips.setAttribute("aria-label", labelText + ": added");
    var entry = document.createElement("input");
    entry.type = "text";
    entry.autocomplete = "off";
    entry.setAttribute("list", original.getAttribute("list") || "");
    entry.setAttribute("enterkeyhint", "enter");
    entry.placeholder = "Type and press Enter";
    var describedBy = original.getAttribute("aria-describedby");
    if (describedBy) { entry.setAttribute("aria-describedby", describedBy); }
    if (original.getAttribute("aria-invalid")) { entry.setAttribute("aria-invalid", "true"); }
    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");

    // The label now points at the field people type into; the original keeps its name.
    entry.id = original.id;
    original.id = original.id + "-value";
    original.type = "hidden";
    original.removeAttribute("list");
    original.parentNode.insertBefore(box, original.nextSibling);
    box.appendChild(chips);
    box.appendChild(entry);
    box.appendChild(status);
    render();

    function add(text, quiet) {
      var tag = tidy(text);
      if (!tag) { return; }
      var key = tag.toLocaleLowerCase();
      if (tags.some(function (t) { return t.toLocaleLowerCase() === key; })) { return; }
      if (!quiet && tags.length >= MAX_TAGS) { say("You can add up to " + MAX_TAGS + "."); return; }
      if (!quiet && tag.length > MAX_LENGTH) { say("Keep each item under " + MAX_LENGTH + " characters."); return; }
      tags.push(tag);
      if (!quiet) { render(); say("Added " + tag + "."); }
    }
    function remove(index) {
      var gone = tags.splice(index, 1)[0];
      render();
      say("Removed " + gone + ".");
      entry.focus();
    }
    function say(text) { status.textContent = text; }
    function render() {
      original.value = tags.join(", ");
      original.dispatchEvent(new Event("change", { bubbles: true }));
      chips.textContent = "";
      tags.forEach(function (tag, index) {
        var item = document.createElement("li");
        var text = document.createElement("span");
        text.textContent = tag;
        var button = document.createElement("button");
        button.type = "button";
        button.className = "tag-remove";
        button.textContent = "×";
        button.setAttribute("aria-label", "Remove " + tag);
        button.addEventListener("click", function () { remove(index); });
        item.appendChild(text);
        item.appendChild(button);
        chips.appendChild(item);
      });
    }
    function commitEntry() {
      split(entry.value).forEach(function (tag) { add(tag, false); });
      entry.value = "";
    }
    function isSuggestion(value) {
      var list = entry.list;
      if (!list) { return false; }
      for (var i = 0; i < list.options.length; i++) {
        if (list.options[i].value === value) { return true; }
      }
      return false;
    }
    entry.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === ",") {
        if (entry.value.trim() || event.key === ",") { event.preventDefault(); }
        commitEntry();
      } else if (event.key === "Backspace" && !entry.value && tags.length) {
        remove(tags.length - 1);
      }
    });
    entry.addEventListener("input", function (event) {
      // Picking a suggestion from the list replaces the text without a key press.
      if (event.inputType === "insertReplacementText" || (!event.inputType && isSuggestion(entry.value))) {
        commitEntry();
      } else if (/[,;]/.test(entry.value)) {
        commitEntry();
      }
    });
    entry.addEventListener("blur", commitEntry);
    // Other scripts (the check-in nudge) add a tag by sending "tags:add" to the original field.
    original.addEventListener("tags:add", function (event) { add(String(event.detail), false); });
    if (entry.form) { entry.form.addEventListener("submit", commitEntry); }
  }

  var style = document.createElement("style");
  style.textContent =
    ".tag-input{border:2px solid var(--ink-soft,#3d4350);border-radius:6px;padding:.35rem;background:#fff}" +
    ".tag-input .tags{margin:0 0 .25rem}.tag-input .tags:empty{display:none}" +
    ".tag-input .tags li{display:inline-flex;align-items:center;gap:.25rem}" +
    ".tag-input input{border:0;min-height:2.4rem;padding:.3rem}" +
    ".tag-remove{min-height:0;padding:0 .45rem;border:0;background:transparent;color:var(--ink,#14161a);font-size:1.1rem;line-height:1.4}";
  document.head.appendChild(style);
  document.querySelectorAll("input[data-tags]").forEach(enhance);
})();
