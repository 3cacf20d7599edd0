// Drag a post to another day (an enhancement: the move buttons work without JavaScript).
(function () {
  "use strict";
  var dragged = null;
  document.querySelectorAll(".slot[draggable=true]").forEach(function (slot) {
    slot.addEventListener("dragstart", function (event) {
      dragged = slot;
      event.dataTransfer.setData("text/plain", slot.dataset.post);
    });
  });
  document.querySelectorAll(".calendar .day").forEach(function (day) {
    day.addEventListener("dragover", function (event) { if (dragged) { event.preventDefault(); } });
    day.addEventListener("drop", function (event) {
      event.preventDefault();
      if (!dragged) { return; }
      var from = dragged.closest(".day").dataset.day;
      var days = Math.round((Date.parse(day.dataset.day) - Date.parse(from)) / 86400000);
      var form = dragged.querySelector(".move-form");
      if (!form || days === 0) { return; }
      var step = days > 0 ? "24" : "-24";
      // One day per request keeps the server's rules simple; chain the moves.
      var remaining = Math.abs(days);
      var body = new FormData(form);
      body.set("move", step);
      (function next() {
        fetch(form.action, { method: "POST", body: body, credentials: "same-origin" }).then(function () {
          remaining -= 1;
          if (remaining > 0) { next(); } else { window.location.reload(); }
        });
      })();
    });
  });
})();
