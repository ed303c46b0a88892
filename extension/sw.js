// The service worker makes every call to the server: with the extension's host permissions
// a cross-origin request works here, where a page or content script would be blocked by CORS.

async function settings() {
  const { server = "", token = "" } = await chrome.storage.local.get(["server", "token"]);
  return { server: server.replace(/\/+$/, ""), token };
}

async function call(method, path, body) {
  const { server, token } = await settings();
  if (!server || !token) return { ok: false, status: 0, error: "Set the server and token in the options first." };
  let response;
  try {
    response = await fetch(server + path, {
      method,
      headers: { "Authorization": `Bearer ${token}`, "Content-Type": "application/json" },
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch (e) {
    return { ok: false, status: 0, error: `Cannot reach ${server}: ${e.message}` };
  }
  let data = null;
  try { data = await response.json(); } catch (e) { /* not JSON */ }
  if (response.ok) return { ok: true, status: response.status, data };
  const reasons = { 401: "The token was refused: create a new one in jobtracker's settings.", 429: "Too many requests; try again in a minute." };
  const detail = data && data.detail;
  const message = reasons[response.status] || (typeof detail === "string" ? detail : Array.isArray(detail) ? detail.map((d) => d.msg).join("; ") : `The server answered ${response.status}.`);
  return { ok: false, status: response.status, error: message, data };
}

chrome.runtime.onMessage.addListener((message, sender, reply) => {
  const handlers = {
    me: () => call("GET", "/api/me"),
    lookup: () => call("GET", "/api/lookup?url=" + encodeURIComponent(message.url)),
    capture: () => call("POST", "/api/capture", message.posting),
  };
  const handler = handlers[message.type];
  if (!handler) return false;
  handler().then(reply);
  return true; // the reply comes asynchronously
});
