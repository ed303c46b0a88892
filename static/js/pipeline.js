// The pipeline board. A card moves three ways, all through moveCard(): dragged to a column,
// by keys (focus a card; Shift+→/← moves it a stage), or with its ⋯ menu (a <details> of
// stage buttons that posts a plain form without JavaScript). The card moves at once, every
// count on the page follows, the server is told (its htmx branch answers the fresh card),
// a failed save puts the card back, and each move is announced with an Undo.
(function () {
  const page = document.querySelector("[data-pipeline-page]");
  const board = document.querySelector("[data-pipeline]");
  if (!page || !board) return;
  page.classList.add("js");
  const live = page.querySelector("[data-announce]");
  const toast = page.querySelector("[data-toast]");
  let toastTimer = null;
  let undo = null;

  const columns = () => Array.from(board.querySelectorAll(".kanban-column"));
  const columnOf = (status) => board.querySelector(`.kanban-column[data-status="${status}"]`);
  const cardsOf = (column) => Array.from(column.querySelectorAll(".kanban-card"));

  function stageLabel(card, status) {
    const option = card.querySelector(`.move-option[value="${status}"]`);
    return option ? option.firstChild.textContent.trim() : status;
  }

  function countOf(status) {
    const el = page.querySelector(`[data-count="${status}"]`);
    return el ? parseInt(el.textContent, 10) || 0 : 0;
  }

  // Every count of a stage (column head, stage strip, hidden-columns note) moves together.
  function bump(status, delta) {
    page.querySelectorAll(`[data-count="${status}"]`).forEach((el) => {
      el.textContent = String(Math.max(0, (parseInt(el.textContent, 10) || 0) + delta));
    });
    const hiddenTotal = page.querySelector("[data-hidden-total]");
    if (hiddenTotal && !columnOf(status) && page.querySelector(`[data-hidden-note] [data-count="${status}"]`)) {
      hiddenTotal.textContent = String(Math.max(0, (parseInt(hiddenTotal.textContent, 10) || 0) + delta));
    }
  }

  function markCurrent(card, status) {
    card.dataset.status = status;
    card.querySelectorAll(".move-option").forEach((button) => {
      const current = button.value === status;
      button.disabled = current;
      if (current) button.setAttribute("aria-current", "true");
      else button.removeAttribute("aria-current");
    });
  }

  function csrfToken(card) {
    const input = card.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function say(message, undoMove) {
    live.textContent = "";
    // A fresh text node each time, so the same message twice is announced twice.
    window.setTimeout(() => { live.textContent = message; }, 30);
    toast.querySelector("[data-announce-text]").textContent = message;
    toast.querySelector("[data-undo]").hidden = !undoMove;
    undo = undoMove || null;
    toast.hidden = false;
    window.clearTimeout(toastTimer);
    toastTimer = window.setTimeout(() => { toast.hidden = true; undo = null; }, 7000);
  }

  function moveCard(moved, status, { focus = false, announce = true } = {}) {
    const card = current(moved); // Undo holds the card as it was; follow it to the fresh one
    const from = card.dataset.status;
    if (!status || status === from) return;
    const fromColumn = card.closest(".kanban-column");
    const place = { parent: card.parentNode, next: card.nextSibling };
    const focusAfterLeaving = focus && !columnOf(status) ? neighbour(card) : null;
    const target = columnOf(status);
    if (target) target.querySelector(".kanban-cards").prepend(card);
    else card.remove(); // a hidden column: the card leaves the board (Undo brings it back)
    bump(from, -1);
    bump(status, +1);
    markCurrent(card, status);
    if (focus) {
      if (target) {
        card.focus({ preventScroll: true });
        card.scrollIntoView({ block: "nearest", inline: "nearest" });
      } else if (focusAfterLeaving) {
        focusAfterLeaving.focus();
      }
    }
    const title = card.dataset.title;
    const toLabel = stageLabel(card, status);
    if (announce) {
      const fromLabel = fromColumn ? fromColumn.dataset.label : stageLabel(card, from);
      const where = target ? `${toLabel} now has ${countOf(status)}` : `${toLabel} is a hidden column`;
      say(`Moved ${title} to ${toLabel}. ${where}; ${fromLabel} has ${countOf(from)}.`,
        () => moveCard(card, from, { focus: true, announce: false }));
    } else {
      say(`${title} is back in ${toLabel}.`);
    }
    save(card, status).catch(() => {
      // Put it back where it was, counts and all.
      if (card.dataset.status !== status) return;
      if (place.parent && place.parent.isConnected) place.parent.insertBefore(card, place.next && place.next.parentNode === place.parent ? place.next : null);
      else card.remove();
      bump(status, -1);
      bump(from, +1);
      markCurrent(card, from);
      say(`Could not move ${title}: it stays in ${stageLabel(card, from)}. Try again.`);
    });
  }

  // The fresh card from the server (its age and menu follow the new status); focus kept.
  async function save(card, status) {
    const body = new FormData();
    body.append("status", status);
    body.append("next", window.location.pathname + window.location.search);
    const response = await fetch(card.dataset.statusUrl, {
      method: "POST",
      body,
      headers: { "X-CSRFToken": csrfToken(card), "HX-Request": "true" },
      credentials: "same-origin",
    });
    if (!response.ok) throw new Error(`status ${response.status}`);
    const html = await response.text();
    if (card.dataset.status !== status || !card.isConnected) return;
    const holder = document.createElement("template");
    holder.innerHTML = html.trim();
    const fresh = holder.content.firstElementChild;
    if (!fresh || !fresh.classList.contains("kanban-card")) return;
    const hadFocus = card.contains(document.activeElement);
    const openMenu = card.querySelector("details[open]");
    card.replaceWith(fresh);
    if (openMenu) fresh.querySelector("details").open = true;
    if (hadFocus) fresh.focus({ preventScroll: true });
    // Undo and any later move act on the card now on the page.
    rebind(card, fresh);
  }

  const replaced = new WeakMap();
  function rebind(old, fresh) { replaced.set(old, fresh); }
  function current(card) {
    let c = card;
    while (replaced.has(c)) c = replaced.get(c);
    return c;
  }

  function neighbour(card) {
    const siblings = cardsOf(card.closest(".kanban-column"));
    const i = siblings.indexOf(card);
    return siblings[i + 1] || siblings[i - 1] || card.closest(".kanban-column").querySelector("h2");
  }

  // --- Undo -------------------------------------------------------------------------------
  toast.querySelector("[data-undo]").addEventListener("click", () => {
    const action = undo;
    undo = null;
    toast.hidden = true;
    if (action) action();
  });
  // --- Drag and drop ----------------------------------------------------------------------
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
    moveCard(dragged, column.dataset.status);
  });

  // --- The card menu ----------------------------------------------------------------------
  board.addEventListener("submit", (event) => {
    const form = event.target.closest(".move-list");
    if (!form || !event.submitter || !event.submitter.value) return;
    event.preventDefault();
    const card = form.closest(".kanban-card");
    form.closest("details").open = false;
    moveCard(card, event.submitter.value, { focus: true });
  });
  // One menu open at a time.
  board.addEventListener("toggle", (event) => {
    if (!event.target.matches || !event.target.matches(".card-menu[open]")) return;
    board.querySelectorAll(".card-menu[open]").forEach((d) => { if (d !== event.target) d.open = false; });
  }, true);

  // --- Keys -------------------------------------------------------------------------------
  function openMenu(card) {
    const details = card.querySelector(".card-menu");
    details.open = true;
    const first = details.querySelector(".move-option:not([disabled])");
    if (first) first.focus();
  }

  function stepColumn(card, step) {
    const all = columns();
    let i = all.indexOf(card.closest(".kanban-column")) + step;
    return all[i] || null;
  }

  board.addEventListener("keydown", (event) => {
    const menu = event.target.closest(".card-menu");
    if (menu && event.key === "Escape") {
      menu.open = false;
      menu.closest(".kanban-card").focus();
      event.preventDefault();
      return;
    }
    if (menu && event.target.matches(".move-option") && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      const options = Array.from(menu.querySelectorAll(".move-option:not([disabled])"));
      const i = options.indexOf(event.target) + (event.key === "ArrowDown" ? 1 : -1);
      if (options[i]) options[i].focus();
      event.preventDefault();
      return;
    }
    const card = event.target;
    if (!card.classList || !card.classList.contains("kanban-card")) return;
    const horizontal = event.key === "ArrowRight" || event.key === "ArrowLeft";
    const step = event.key === "ArrowRight" ? 1 : -1;
    if (horizontal && event.shiftKey) {
      const column = stepColumn(card, step);
      event.preventDefault();
      if (column) moveCard(card, column.dataset.status, { focus: true });
      else say(`${card.dataset.title} is already in the ${step > 0 ? "last" : "first"} column.`);
    } else if (horizontal && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      let column = stepColumn(card, step);
      while (column && !cardsOf(column).length) column = columns()[columns().indexOf(column) + step];
      if (column) cardsOf(column)[0].focus();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const siblings = cardsOf(card.closest(".kanban-column"));
      const next = siblings[siblings.indexOf(card) + (event.key === "ArrowDown" ? 1 : -1)];
      if (next) next.focus();
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      openMenu(card);
    }
  });

  // --- Finding stages: the strip jumps, the hint says there is more ------------------------
  const hint = page.querySelector("[data-scroll-hint]");
  const hintText = page.querySelector("[data-scroll-hint-text]");
  function updateHint() {
    const overflow = board.scrollWidth > board.clientWidth + 2;
    hint.hidden = !overflow;
    if (!overflow) return;
    const atStart = board.scrollLeft < 4;
    const atEnd = board.scrollLeft + board.clientWidth >= board.scrollWidth - 4;
    hintText.textContent = atEnd ? "Earlier stages" : atStart ? "Scroll for more stages" : "More stages";
    hint.querySelector("[data-scroll='-1']").disabled = atStart;
    hint.querySelector("[data-scroll='1']").disabled = atEnd;
  }
  hint.addEventListener("click", (event) => {
    const button = event.target.closest("[data-scroll]");
    if (!button) return;
    board.scrollBy({ left: Number(button.dataset.scroll) * board.clientWidth * 0.8, behavior: "smooth" });
  });
  board.addEventListener("scroll", updateHint, { passive: true });
  window.addEventListener("resize", updateHint);
  updateHint();

  page.querySelector(".stage-strip").addEventListener("click", (event) => {
    const link = event.target.closest("[data-jump]");
    if (!link) return;
    const column = columnOf(link.dataset.jump);
    if (!column) return;
    event.preventDefault();
    board.scrollTo({ left: column.offsetLeft - board.offsetLeft, behavior: "smooth" });
    column.querySelector("h2").focus({ preventScroll: true });
  });

  if ("IntersectionObserver" in window) {
    const chips = new Map(Array.from(page.querySelectorAll("[data-jump]")).map((a) => [a.dataset.jump, a]));
    const observer = new IntersectionObserver((entries) => {
      entries.forEach((entry) => {
        const chip = chips.get(entry.target.dataset.status);
        if (chip) chip.classList.toggle("in-view", entry.intersectionRatio > 0.6);
      });
    }, { root: board, threshold: [0, 0.6, 1] });
    columns().forEach((column) => observer.observe(column));
  }
})();
