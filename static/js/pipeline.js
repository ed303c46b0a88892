// Drag a pipeline card to another column: the card moves at once, and the server is told
// through htmx (which sends the CSRF header set on <body>). The card's own select and
// "Move" button do the same without a mouse or without JavaScript.
(function () {
  const board = document.querySelector("[data-pipeline]");
  if (!board || !window.htmx) return;
  let dragged = null;

  board.addEventListener("dragstart", (event) => {
    dragged = event.target.closest(".kanban-card");
    if (!dragged) return;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.dataset.id);
    dragged.classList.add("dragging");
  });
  board.addEventListener("dragend", () => {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
    board.querySelectorAll(".drop-target").forEach((el) => el.classList.remove("drop-target"));
  });
  board.addEventListener("dragover", (event) => {
    const column = event.target.closest(".kanban-column");
    if (!column || !dragged) return;
    event.preventDefault();
    column.classList.add("drop-target");
  });
  board.addEventListener("dragleave", (event) => {
    const column = event.target.closest(".kanban-column");
    if (column && !column.contains(event.relatedTarget)) column.classList.remove("drop-target");
  });
  board.addEventListener("drop", (event) => {
    const column = event.target.closest(".kanban-column");
    if (!column || !dragged) return;
    event.preventDefault();
    column.classList.remove("drop-target");
    const from = dragged.closest(".kanban-column");
    if (from === column) return;
    column.querySelector(".kanban-cards").prepend(dragged);
    bump(from, -1);
    bump(column, +1);
    htmx.ajax("POST", dragged.dataset.statusUrl, {
      source: dragged,
      target: dragged,
      swap: "outerHTML",
      values: { status: column.dataset.status },
    });
  });

  // Columns show a total (cards beyond the first hundred are in the list view), so adjust it.
  function bump(column, delta) {
    const count = column.querySelector(".count");
    count.textContent = String(Math.max(0, (parseInt(count.textContent, 10) || 0) + delta));
  }
})();
