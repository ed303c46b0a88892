// Escape closes an open dropdown (the navigation's "More", filter menus) and gives focus back
// to its summary, as a native menu would; a click elsewhere closes it too.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  const open = document.querySelector("details.dropdown[open]");
  if (!open) return;
  open.removeAttribute("open");
  open.querySelector("summary")?.focus();
});
document.addEventListener("click", (event) => {
  document.querySelectorAll("details.dropdown[open]").forEach((menu) => {
    if (!menu.contains(event.target)) menu.removeAttribute("open");
  });
});
