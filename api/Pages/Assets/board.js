// The live board: joins the board's scope on /hubs/cases and, for every case that changes, asks the server for that
// one card (rendered by the same Razor component as the page). A version gap or a reconnect re-reads the columns.
(function () {
  "use strict";
  const board = document.getElementById("board");
  if (!board) return;
  const scope = JSON.parse(board.dataset.scope || "{}");
  const filters = board.dataset.filters || "";
  const pending = new Map(); // case id -> "running" | "again"

  function versionsShown() {
    const versions = {};
    for (const card of board.querySelectorAll(".case-card")) versions[card.dataset.id] = Number(card.dataset.version);
    return versions;
  }

  function adjustCount(column, delta) {
    if (!column) return;
    const count = column.querySelector(".count");
    // "10,000+": the server counted only that far, so one case more or less does not change what is known.
    if (count.dataset.totalExact === "false") return;
    const total = Math.max(0, Number(count.dataset.total) + delta);
    count.dataset.total = String(total);
    count.textContent = String(total);
  }

  function place(card) {
    const column = board.querySelector('.column[data-stage="' + card.dataset.stage + '"]');
    if (!column) return false;
    const cards = column.querySelector(".cards");
    const opened = Number(card.dataset.opened);
    // Newest first, as the server orders them.
    const next = Array.from(cards.children).find(other => Number(other.dataset.opened) < opened);
    cards.insertBefore(card, next || null);
    return true;
  }

  async function refreshCard(id) {
    if (pending.has(id)) { pending.set(id, "again"); return; }
    pending.set(id, "running");
    try {
      const content = await ServiceHall.fragment("/board/cards/" + encodeURIComponent(id) + filters);
      const existing = document.getElementById("card-" + id);
      const fresh = content && content.querySelector(".case-card");
      if (existing && fresh && Number(existing.dataset.version) > Number(fresh.dataset.version)) return;
      const oldColumn = existing && existing.closest(".column");
      if (existing) existing.remove();
      if (fresh && place(fresh)) {
        const newColumn = fresh.closest(".column");
        if (newColumn !== oldColumn) { adjustCount(oldColumn, -1); adjustCount(newColumn, +1); }
        connection.remember({ [id]: Number(fresh.dataset.version) });
        tick();
      } else {
        adjustCount(oldColumn, -1);
      }
    } catch (error) {
      console.warn("card refresh failed", id, error);
    } finally {
      const again = pending.get(id) === "again";
      pending.delete(id);
      if (again) refreshCard(id);
    }
  }

  async function resync() {
    const content = await ServiceHall.fragment("/board/columns" + filters);
    if (!content) return;
    document.getElementById("board-columns").replaceWith(content.querySelector("#board-columns"));
    connection.remember(versionsShown());
    tick();
  }

  function duration(ms) {
    const seconds = Math.floor(Math.abs(ms) / 1000);
    const days = Math.floor(seconds / 86400);
    const hours = Math.floor((seconds % 86400) / 3600);
    if (days > 0) return ServiceHall.t("countdown.days", { d: days, h: hours });
    const pad = n => String(n).padStart(2, "0");
    return pad(hours) + ":" + pad(Math.floor((seconds % 3600) / 60)) + ":" + pad(seconds % 60);
  }

  // The countdown runs in the browser between pushes; the colour is the server's SLA state, except that a due time
  // passing on screen turns the card red at once.
  function tick() {
    const now = Date.now();
    for (const countdown of board.querySelectorAll(".countdown[data-due]")) {
      const left = Number(countdown.dataset.due) - now;
      countdown.textContent = ServiceHall.t(left >= 0 ? "countdown.left" : "countdown.overdue", { time: duration(left) });
      const card = countdown.closest(".case-card");
      if (left < 0 && !card.classList.contains("sla-paused")) {
        card.classList.remove("sla-on-track", "sla-warning", "sla-critical");
        card.classList.add("sla-breached");
      }
    }
  }

  const connection = ServiceHall.live({
    status: document.getElementById("live-status"),
    join: async hub => {
      await hub.invoke("JoinBoard", scope);
      return versionsShown();
    },
    onChange: change => refreshCard(change.id),
    onResync: resync,
  });

  tick();
  setInterval(tick, 1000);
})();
