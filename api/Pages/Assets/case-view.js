// The live part of the case page and the tracker: re-reads the server-rendered fragment and swaps in the parts
// (data-part) whose rendering changed, so one rendering stays in Razor. A part the server renders the same way is
// kept as it is in the page, with whatever the user has typed into it. Also ticks the SLA countdowns, and (liveCaseView)
// keeps the view live: both pages that show a case use this one wiring.
(function () {
  "use strict";
  const { t, fragment } = window.ServiceHall;

  function duration(ms) {
    const minutes = Math.floor(Math.abs(ms) / 60000);
    const d = Math.floor(minutes / 1440), h = Math.floor((minutes % 1440) / 60), m = minutes % 60;
    return d > 0 ? t("countdown.days", { d, h }) : t("countdown.hours", { h, m });
  }

  function tick() {
    for (const element of document.querySelectorAll(".countdown[data-due]")) {
      const left = Date.parse(element.dataset.due) - Date.now();
      element.textContent = left >= 0 ? t("countdown.left", { time: duration(left) }) : t("countdown.over", { time: duration(left) });
      element.classList.toggle("over", left < 0);
    }
  }

  /**
   * rootId: the element the fragment renders (its data-version is the case version shown).
   * fragmentUrl: where the server renders it alone. onRendered(version) runs after each refresh.
   */
  function caseView(options) {
    const rendered = new WeakMap(); // part element -> the server's HTML it was made from
    let running = null;
    let again = false;
    let forceNext = false;

    function root() { return document.getElementById(options.rootId); }

    function remember(scope) {
      for (const part of scope.querySelectorAll("[data-part]")) rendered.set(part, part.outerHTML);
    }

    function openForms(part) {
      return new Set([...part.querySelectorAll("details[open][data-action]")].map(d => d.dataset.action + "|" + (d.dataset.step || "")));
    }

    async function load(force) {
      const content = await fragment(options.fragmentUrl);
      const current = root();
      if (!content) {
        if (options.onGone) options.onGone();
        return;
      }
      const next = content.querySelector("#" + options.rootId);
      const seen = new Set();
      for (const part of next.querySelectorAll("[data-part]")) {
        const name = part.dataset.part;
        seen.add(name);
        const html = part.outerHTML;
        const old = current.querySelector(`[data-part="${name}"]`);
        if (old && !force && rendered.get(old) === html) continue;
        const fresh = document.importNode(part, true);
        rendered.set(fresh, html);
        if (old) {
          // After a push, a form the user had open stays open if it is still offered.
          if (!force) {
            const open = openForms(old);
            for (const details of fresh.querySelectorAll("details[data-action]")) {
              if (open.has(details.dataset.action + "|" + (details.dataset.step || ""))) details.open = true;
            }
          }
          old.replaceWith(fresh);
        }
      }
      for (const old of current.querySelectorAll("[data-part]")) {
        if (!seen.has(old.dataset.part)) old.remove();
      }
      current.dataset.version = next.dataset.version;
      window.ServiceHall.actionForms?.prepare(current);
      tick();
      if (options.onRendered) options.onRendered(Number(next.dataset.version));
    }

    /** Re-reads the case; force: replace every part (after the user's own action, so its forms start afresh). */
    async function refresh(refreshOptions) {
      if (refreshOptions && refreshOptions.force) forceNext = true;
      if (running) {
        again = true; // one more read after the one under way, which may predate the latest change
        return running;
      }
      running = (async () => {
        do {
          again = false;
          const force = forceNext;
          forceNext = false;
          try {
            await load(force);
            if (options.onError) options.onError(null);
          } catch (error) {
            console.warn("refresh failed", error);
            if (options.onError) options.onError(error);
          }
        } while (again);
      })();
      try {
        await running;
      } finally {
        running = null;
      }
    }

    remember(root());
    tick();
    setInterval(tick, 30000);
    return { refresh, get version() { return Number(root().dataset.version); } };
  }

  /** Shows a short message above the case (success of an action, a failed refresh). */
  let flashTimer = 0;

  function flash(text, kind) {
    const element = document.getElementById("case-flash");
    if (!element) return;
    clearTimeout(flashTimer);
    element.textContent = text || "";
    element.hidden = !text;
    element.className = "flash" + (kind ? " " + kind : "");
    // A success note fades after a while; a problem stays until the next successful read clears it.
    if (text && kind === "ok") flashTimer = setTimeout(() => flash(""), 10000);
  }

  /**
   * The case page's and the tracker's live wiring: the view of rootId (whose data-case-id names the case) re-read from
   * fragmentUrl on each push, gap or reconnect, failures shown in the flash line. watch(hub) subscribes (WatchCaseById,
   * WatchCase) and returns the case's version. Returns the view.
   */
  function liveCaseView(options) {
    const caseId = document.getElementById(options.rootId).dataset.caseId;
    const view = caseView({
      rootId: options.rootId,
      fragmentUrl: options.fragmentUrl,
      onRendered: version => connection.remember({ [caseId]: version }),
      onGone: () => flash(t("view.gone"), "error"),
      onError: error => {
        if (error) flash(t("view.stale"), "error");
        else if (document.querySelector("#case-flash.error")) flash("");
      },
    });

    const connection = window.ServiceHall.live({
      join: async hub => {
        const version = await options.watch(hub);
        // A change between this page's rendering and the subscription sent no push to us: read it now.
        if (version > view.version) view.refresh();
        return { [caseId]: version };
      },
      onChange: () => view.refresh(),
      onResync: () => view.refresh(),
      status: document.getElementById("live-status"),
    });
    connection.remember({ [caseId]: view.version });
    return view;
  }

  window.ServiceHall.caseView = caseView;
  window.ServiceHall.liveCaseView = liveCaseView;
  window.ServiceHall.flash = flash;
})();
