// With JavaScript, the table sizes show only when "Small tables" is chosen.
(function () {
  var sizes = document.querySelector(".table-sizes");
  var tables = document.getElementById("f-format-tables");
  function update() { sizes.hidden = !tables.checked; }
  document.querySelectorAll('input[name="format"]').forEach(function (radio) {
    radio.addEventListener("change", update);
  });
  update();
})();
