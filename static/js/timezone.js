// Tells the server the browser's time zone in the "tz" cookie (jobtracker/timezones.py reads
// it), so "14:00" typed into a form means 14:00 where the person is. No inline script: CSP.
(() => {
  let zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return;
  }
  // IANA names need no escaping ("Europe/Berlin"); anything else is not a zone name.
  if (!zone || !/^[A-Za-z0-9_+\-\/]{1,64}$/.test(zone)) return;
  const wanted = "tz=" + zone;
  const cookies = document.cookie.split("; ");
  if (cookies.includes(wanted)) return;
  const secure = location.protocol === "https:" ? "; secure" : "";
  document.cookie = `${wanted}; path=/; max-age=31536000; samesite=lax${secure}`;
  // A page that showed times in another zone is drawn again once, if the cookie stuck.
  const shown = document.querySelector("[data-time-zone]");
  const stuck = document.cookie.split("; ").includes(wanted);
  if (shown && shown.dataset.timeZone !== zone && stuck && !sessionStorage.getItem("tz-reloaded")) {
    sessionStorage.setItem("tz-reloaded", "1");
    location.reload();
  }
})();
