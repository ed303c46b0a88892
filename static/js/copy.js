// Buttons with data-copy="<selector>" copy that field's text; a [data-copy-status] next to
// them says it worked. No inline script: CSP.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("button[data-copy]");
  if (!button) return;
  const field = document.querySelector(button.dataset.copy);
  if (!field) return;
  const status = button.parentElement.querySelector("[data-copy-status]");
  const text = field.value ?? field.textContent;
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Plain http outside localhost has no clipboard API: select it for Ctrl+C instead.
    field.select?.();
    if (status) status.textContent = "Selected: press Ctrl+C (⌘C) to copy.";
    return;
  }
  if (status) status.textContent = "Copied.";
});
