// Runs in the page (injected on demand): what the page says about the job posting.
// Returns {url, title, company, location, html}. Kept free of outside variables on purpose:
// chrome.scripting.executeScript serialises this function on its own.
function jobtrackerExtract() {
  const clean = (s) => (s || "").replace(/\s+/g, " ").trim();
  const found = { url: location.href, title: "", company: "", location: "" };
  const nodes = [];
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      const data = JSON.parse(script.textContent);
      const stack = Array.isArray(data) ? [...data] : [data];
      while (stack.length && nodes.length < 200) {
        const node = stack.shift();
        if (Array.isArray(node)) stack.push(...node);
        else if (node && typeof node === "object") {
          if (Array.isArray(node["@graph"])) stack.push(...node["@graph"]);
          nodes.push(node);
        }
      }
    } catch (e) { /* a broken block: ignore it */ }
  }
  const isJob = (n) => [].concat(n["@type"] || []).some((t) => String(t).endsWith("JobPosting"));
  const job = nodes.find(isJob);
  if (job) {
    found.title = clean(job.title || job.name);
    const org = job.hiringOrganization;
    found.company = clean(typeof org === "string" ? org : org && org.name);
    const place = [].concat(job.jobLocation || [])[0];
    const address = place && place.address;
    if (address && typeof address === "object") {
      found.location = clean([address.addressLocality, address.addressRegion].filter(Boolean).join(", "));
    }
  }
  const meta = (name) => {
    const el = document.querySelector(`meta[property="${name}"], meta[name="${name}"]`);
    return el ? clean(el.content) : "";
  };
  if (!found.title) found.title = clean((document.querySelector("h1") || {}).textContent) || meta("og:title") || clean(document.title);
  if (!found.company) found.company = meta("og:site_name");
  const html = document.documentElement.outerHTML;
  found.html = html.length <= 2000000 ? html : null;
  return found;
}
