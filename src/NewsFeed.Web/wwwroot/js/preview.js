// Preview mode only (Pages/Shared/_PreviewBar.cshtml includes it; outside preview it is not served).
// Reloads the page when a seed file changes, and lets the problems bar be dismissed until the problems change.
// An external file, because the Content-Security-Policy allows no inline script.
"use strict";

(() => {
  const version = document.currentScript?.dataset.version;

  const events = new EventSource("/_preview/events");
  // "ready" carries the content's version when the stream opens: a change made while this page was loading (or
  // while the server restarted) makes it differ from the version the page was rendered with.
  events.addEventListener("ready", (event) => {
    if (JSON.parse(event.data).version !== version) {
      location.reload();
    }
  });
  events.addEventListener("change", () => location.reload());

  const bar = document.querySelector(".preview-bar");
  const dismiss = bar?.querySelector(".preview-dismiss");
  if (bar && dismiss) {
    const key = "newsfeed-preview-dismissed";
    if (sessionStorage.getItem(key) === bar.dataset.problems) {
      bar.hidden = true;
    }
    dismiss.hidden = false;
    dismiss.addEventListener("click", () => {
      sessionStorage.setItem(key, bar.dataset.problems);
      bar.hidden = true;
    });
  }
})();
