// "Show More": the link to the next page keeps working without JavaScript; with it, the next page's
// teasers are fetched and appended in place, focus moves to the first new teaser, and a polite live
// region says how many arrived.
(() => {
  "use strict";

  // The page's own words for it, one per plural form of its language (Pages/Shared/_FeedStatus.cshtml).
  function loadedText(status, count) {
    try {
      const forms = JSON.parse(status.dataset.loaded);
      const form = forms[new Intl.PluralRules(document.documentElement.lang).select(count)] ?? forms.other ?? forms.many;
      if (form) {
        return form.replace("{0}", String(count));
      }
    } catch {
      // Fall through to English.
    }

    return count === 1 ? "1 more article loaded." : `${count} more articles loaded.`;
  }

  async function showMore(link) {
    const list = document.querySelector("[data-feed]");
    const status = document.querySelector("[data-feed-status]");
    if (!list) {
      return false;
    }

    link.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(link.href, { headers: { Accept: "text/html" } });
      if (!response.ok) {
        return false;
      }

      const next = new DOMParser().parseFromString(await response.text(), "text/html");
      const items = [...next.querySelectorAll("[data-feed] > li")].map((item) => document.importNode(item, true));
      if (items.length === 0) {
        return false;
      }

      list.append(...items);
      const nextLink = next.querySelector("a[data-show-more]");
      if (nextLink) {
        link.href = nextLink.getAttribute("href");
        link.removeAttribute("aria-busy");
      } else {
        link.remove();
      }

      const firstLink = items[0].querySelector(".card-headline a");
      if (firstLink) {
        firstLink.focus();
      }

      if (status) {
        status.textContent = loadedText(status, items.length);
      }

      return true;
    } catch {
      return false;
    }
  }

  document.addEventListener("click", async (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[data-show-more]") : null;
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }

    event.preventDefault();
    if (link.getAttribute("aria-busy") === "true") {
      return;
    }

    if (!(await showMore(link))) {
      // Anything unexpected: fall back to the plain link.
      window.location.assign(link.href);
    }
  });
})();
