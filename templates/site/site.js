// The decision filter of the msc site. The page lists every decision without
// JavaScript; this script shows the filter form and hides the decisions that
// do not match. No network, no libraries.
(function () {
  "use strict";
  var form = document.getElementById("decision-filter");
  var list = document.getElementById("decision-list");
  if (!form || !list) { return; }
  var body = form.querySelector("select[name=body]");
  var status = form.querySelector("select[name=status]");
  var count = document.getElementById("decision-count");
  var items = list.querySelectorAll("li[data-body]");
  function apply() {
    var shown = 0;
    for (var i = 0; i < items.length; i++) {
      var item = items[i];
      var match = (!body.value || item.getAttribute("data-body") === body.value) &&
                  (!status.value || item.getAttribute("data-status") === status.value);
      item.hidden = !match;
      if (match) { shown++; }
    }
    if (count) {
      count.textContent = count.getAttribute("data-template")
        .replace("{shown}", String(shown)).replace("{total}", String(items.length));
    }
  }
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.hidden = false;
  apply();
}());
