// Live character counters for the composer (an enhancement: the server's «Check» decides).
// X counts weighted characters: most emoji and CJK count 2 and any link counts 23.
(function () {
  "use strict";
  var URL = /(?:https?:\/\/|www\.)\S+|\b[\w-]+\.(?:com|net|org|sa|eg|ae|io|co)\b\S*/gi;
  var WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|\p{Extended_Pictographic}/u;
  function xLength(text) {
    var urls = text.match(URL) || [];
    var rest = text.replace(URL, "");
    var n = urls.length * 23;
    for (var ch of rest.replace(/\u200d\p{Extended_Pictographic}\ufe0f?/gu, "")) {
      n += WIDE.test(ch) ? 2 : 1;
    }
    return n;
  }
  function update(area) {
    var out = document.getElementById(area.id + "-count");
    if (!out) { return; }
    var text = area.value;
    var count = area.dataset.count === "x" ? xLength(text) : Array.from(text).length;
    out.textContent = (out.dataset.label || "{n}").replace("{n}", String(count));
  }
  document.querySelectorAll("textarea[data-count]").forEach(function (area) {
    area.addEventListener("input", function () { update(area); });
    update(area);
  });
})();
