const $ = (id) => document.getElementById(id);
let page = null;

function show(text, ok) {
  $("status").textContent = text;
  $("status").className = ok ? "ok" : "error";
}

function showTracked(app) {
  const box = $("tracked");
  box.hidden = false;
  box.textContent = `Already tracked — status ${app.status}. `;
  const link = document.createElement("a");
  link.href = app.page_url;
  link.target = "_blank";
  link.textContent = "Open";
  box.append(link);
}

async function targetTab() {
  // ?tabId= lets the popup be opened in a tab of its own (tests, keyboard users).
  const fromQuery = Number(new URLSearchParams(location.search).get("tabId"));
  if (fromQuery) return fromQuery;
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab && tab.id;
}

async function load() {
  const tabId = await targetTab();
  try {
    const [result] = await chrome.scripting.executeScript({ target: { tabId }, func: jobtrackerExtract });
    page = result.result;
  } catch (e) {
    show("This page cannot be read (browser pages and the web store are off limits).", false);
    $("capture").hidden = true;
    return;
  }
  for (const field of ["title", "company", "location"]) $(field).value = page[field] || "";
  const found = await chrome.runtime.sendMessage({ type: "lookup", url: page.url });
  if (!found.ok) show(found.error, false);
  else if (found.data.tracked) showTracked(found.data.application);
}

$("capture").addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!page) return;
  const status = event.submitter && event.submitter.value === "applied" ? "applied" : "saved";
  const posting = { url: page.url, status, title: $("title").value, company: $("company").value,
                    location: $("location").value, notes: $("notes").value };
  if (page.html) posting.html = page.html;
  show("Saving…", true);
  const result = await chrome.runtime.sendMessage({ type: "capture", posting });
  if (!result.ok) { show(result.error, false); return; }
  if (result.status === 201) show(`Saved (${result.data.status}).`, true);
  else { show("", true); showTracked(result.data); }
});

load();
