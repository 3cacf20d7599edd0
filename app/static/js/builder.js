// Portfolio builder enhancements; the page works without them (Preview and Up/Down buttons).
// 1. Live preview: the profile form is sent to the preview frame shortly after typing stops.
// 2. Drag to reorder sections; the order is saved at once and announced to screen readers.
(function () {
  "use strict";
  var form = document.getElementById("profile-form");
  var target = form && form.getAttribute("data-live-preview");
  if (form && target) {
    var timer = null;
    var send = function () {
      // Submit to the preview frame only; the form's own action and target are restored.
      var action = form.getAttribute("action"), frame = form.getAttribute("target");
      form.setAttribute("action", target);
      form.setAttribute("target", "preview");
      form.submit();
      if (action === null) { form.removeAttribute("action"); } else { form.setAttribute("action", action); }
      if (frame === null) { form.removeAttribute("target"); } else { form.setAttribute("target", frame); }
    };
    form.addEventListener("input", function (event) {
      if (event.target && event.target.type === "file") { return; }
      window.clearTimeout(timer);
      timer = window.setTimeout(send, 700);
    });
  }

  var list = document.querySelector("[data-reorder]");
  if (!list) { return; }
  var status = document.querySelector("[data-reorder-status]");
  var dragged = null;
  Array.prototype.forEach.call(list.querySelectorAll(".reorder-row"), function (row) {
    row.setAttribute("draggable", "true");
    row.addEventListener("dragstart", function (event) {
      dragged = row;
      row.classList.add("dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", row.getAttribute("data-name"));
    });
    row.addEventListener("dragend", function () {
      row.classList.remove("dragging");
      dragged = null;
    });
    row.addEventListener("dragover", function (event) {
      if (!dragged || dragged === row) { return; }
      event.preventDefault();
      var box = row.getBoundingClientRect();
      var after = event.clientY > box.top + box.height / 2;
      list.insertBefore(dragged, after ? row.nextSibling : row);
    });
  });
  list.addEventListener("dragover", function (event) { if (dragged) { event.preventDefault(); } });
  list.addEventListener("drop", function (event) {
    if (!dragged) { return; }
    event.preventDefault();
    var rows = list.querySelectorAll(".reorder-row");
    var position = Array.prototype.indexOf.call(rows, dragged) + 1;
    if (status) {
      // The sentence comes translated from the page (an arrow would point the wrong way in Arabic).
      status.textContent = (status.getAttribute("data-moved") || "{section}: {position}")
        .replace("{section}", dragged.querySelector("label").textContent)
        .replace("{position}", String(position));
    }
    // Submit a moment later, so screen readers can read the announcement first.
    window.setTimeout(function () { list.closest("form").submit(); }, 400);
  });
})();
