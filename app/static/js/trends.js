// The composer's trend pickers: show the chosen trend's summary, window and risk under the
// select (an enhancement: the same text is in the «Trends» list on the page without JS).
(function () {
  "use strict";
  document.querySelectorAll("select[data-trend-info]").forEach(function (select) {
    var out = document.getElementById(select.dataset.trendInfo);
    if (!out) { return; }
    var hint = out.textContent;
    select.addEventListener("change", function () {
      var item = select.value && document.getElementById("trend-" + select.value);
      if (!item) { out.textContent = hint; return; }
      var summary = item.querySelector("h2 + p, h3 + p");
      var line = item.querySelector(".trend-line");
      out.textContent = [summary, line].map(function (n) { return n ? n.textContent.trim() : ""; }).join(" ");
    });
  });
})();
