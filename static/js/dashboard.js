// The dashboard's "Today" list: a task ticked off leaves the list once the server agrees,
// whatever the done route answers (a row, a redirect, 204). No inline script: CSP.
document.addEventListener("htmx:afterRequest", (event) => {
  const form = event.detail.elt;
  if (!(form instanceof Element) || !form.matches(".today-done") || !event.detail.successful) return;
  const row = form.closest(".today-row");
  if (!row) return;
  const title = row.querySelector(".today-title")?.textContent || "Task";
  const status = document.getElementById("today-status");
  row.remove();
  if (status) status.textContent = `“${title}” marked done.`;
});
