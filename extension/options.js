const $ = (id) => document.getElementById(id);
const status = (text, ok) => { $("status").textContent = text; $("status").className = ok ? "ok" : "error"; };

chrome.storage.local.get(["server", "token"]).then(({ server = "", token = "" }) => {
  $("server").value = server;
  $("token").value = token;
});

async function save() {
  const server = $("server").value.trim().replace(/\/+$/, "");
  const token = $("token").value.trim();
  let origin;
  try { origin = new URL(server).origin; } catch (e) { status("Enter the full address, like https://jobs.example.com", false); return false; }
  // Ask for access to that server only (127.0.0.1 and localhost are granted at install).
  const granted = await chrome.permissions.contains({ origins: [origin + "/*"] }) ||
    await chrome.permissions.request({ origins: [origin + "/*"] }).catch(() => false);
  if (!granted) { status(`The extension needs permission to reach ${origin}.`, false); return false; }
  await chrome.storage.local.set({ server, token });
  return true;
}

$("options").addEventListener("submit", async (event) => {
  event.preventDefault();
  if (await save()) status("Saved.", true);
});

$("test").addEventListener("click", async () => {
  if (!(await save())) return;
  const result = await chrome.runtime.sendMessage({ type: "me" });
  status(result.ok ? `Connected as ${result.data.username}.` : result.error, result.ok);
});
