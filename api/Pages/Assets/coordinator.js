// /coordinator: watches each project (WatchCaseById) and re-renders its card from /coordinator/projects/{id}?mine=true
// after a push, a gap or a reconnect. It also joins the coordinator's own board, so a project newly assigned to them (a
// change for a case without a card whose "mine" fragment renders) gets a card without a reload. It runs the steering
// forms (action-forms.js) and the routing-plan form, whose rows with the same group number become one group of the plan
// {groups: [{parallel, steps: [{department, reviewer?, dueAt?}]}]}.
(function () {
  "use strict";
  const { live, actionForms, api, fragment, newKey, t, showProblems, clearProblems } = window.ServiceHall;
  const root = document.getElementById("projects");
  if (!root) return;
  const flashElement = document.getElementById("case-flash");

  function flash(text, tone) {
    flashElement.hidden = !text;
    flashElement.textContent = text || "";
    flashElement.classList.toggle("error", tone === "error");
  }

  function cards() {
    return [...root.querySelectorAll("section.project[data-case-id]")];
  }

  function cardOf(caseId) {
    return cards().find(card => card.dataset.caseId === caseId) || null;
  }

  // "mine": only a project assigned to this coordinator renders; a district colleague's (which the board also hears,
  // and which the card of one reassigned away becomes) is a 404, so its card leaves.
  function projectFragment(caseId) {
    return fragment("/coordinator/projects/" + encodeURIComponent(caseId) + "?mine=true");
  }

  function showEmpty() {
    const empty = root.querySelector("[data-testid=no-projects]");
    if (empty) empty.hidden = cards().length > 0;
  }

  const adding = new Set();

  /** A change for a case without a card: add it if it is now one of this coordinator's projects, and watch it. */
  async function add(caseId) {
    if (adding.has(caseId)) return;
    adding.add(caseId);
    try {
      const content = await projectFragment(caseId);
      const next = content && content.querySelector("section.project");
      if (!next || cardOf(caseId)) return;
      root.append(next);
      showEmpty();
      actionForms.prepare(next);
      connection.remember({ [caseId]: Number(next.dataset.version) });
      const version = await connection.connection.invoke("WatchCaseById", caseId);
      if (version > Number(next.dataset.version)) await refresh(caseId);
    } catch (error) {
      console.warn("project add failed", error);
    } finally {
      adding.delete(caseId);
    }
  }

  async function refresh(caseId) {
    const card = cardOf(caseId);
    if (!card) return;
    try {
      const content = await projectFragment(caseId);
      if (!content) {
        card.remove();
        showEmpty();
        return;
      }
      const next = content.querySelector("section.project");
      // Keep open forms open, so a push while the coordinator types does not close what they were doing.
      const opened = [...card.querySelectorAll("details[open]")].map(d => d.dataset.testid);
      for (const details of next.querySelectorAll("details")) {
        if (opened.includes(details.dataset.testid)) details.open = true;
      }
      card.replaceWith(next);
      actionForms.prepare(next);
      connection.remember({ [caseId]: Number(next.dataset.version) });
    } catch (error) {
      console.warn("project refresh failed", error);
      flash(t("view.stale"), "error");
    }
  }

  const connection = live({
    join: async hub => {
      await hub.invoke("JoinBoard", {});
      const known = {};
      for (const card of cards()) {
        const caseId = card.dataset.caseId;
        const version = await hub.invoke("WatchCaseById", caseId);
        known[caseId] = version;
        if (version > Number(card.dataset.version)) refresh(caseId);
      }
      return known;
    },
    onChange: change => (cardOf(change.id) ? refresh(change.id) : add(change.id)),
    onResync: async () => { for (const card of cards()) await refresh(card.dataset.caseId); },
    status: document.getElementById("live-status"),
  });
  for (const card of cards()) connection.remember({ [card.dataset.caseId]: Number(card.dataset.version) });

  actionForms.bind(root, async ({ form, action }) => {
    flash(t("form.done", { action }), "ok");
    await refresh(form.closest("section.project").dataset.caseId);
  });

  function chinaTime(value) {
    return value ? (value.length === 16 ? value + ":00+08:00" : value + "+08:00") : undefined;
  }

  /**
   * The plan from the rows: same group number, same group; a group is parallel when all its rows say so. Also where
   * each step came from (`groups[g].steps[s]` → its row and the row's place in the form), so a refusal naming a step
   * lands on the row the person filled in.
   */
  function readPlan(form) {
    const groups = new Map();
    const rows = [...form.querySelectorAll("[data-plan-row]")];
    rows.forEach((row, index) => {
      const field = name => row.querySelector(`[data-plan="${name}"]`);
      const department = field("department").value.trim();
      if (!department) return;
      const number = Math.max(1, parseInt(field("group").value, 10) || 1);
      if (!groups.has(number)) groups.set(number, { parallel: true, steps: [], rows: [] });
      const group = groups.get(number);
      group.parallel = group.parallel && field("parallel").checked;
      const step = { department };
      const reviewer = field("reviewer").value.trim();
      if (reviewer) step.reviewer = reviewer;
      const dueAt = chinaTime(field("dueAt").value);
      if (dueAt) step.dueAt = dueAt;
      group.steps.push(step);
      group.rows.push({ row, index });
    });
    const ordered = [...groups.keys()].sort((a, b) => a - b).map(key => groups.get(key));
    const origins = new Map();
    ordered.forEach((group, g) => group.rows.forEach((origin, s) => origins.set(`groups[${g}].steps[${s}]`, origin)));
    return {
      body: { groups: ordered.map(({ parallel, steps }) => ({ parallel, steps })) },
      origin: path => {
        const step = /^groups\[(\d+)\]\.steps\[(\d+)\](?:\.(\w+))?/.exec(path || "");
        const origin = step && origins.get(`groups[${step[1]}].steps[${step[2]}]`);
        if (!origin) return null;
        const input = origin.row.querySelector(`[data-plan="${step[3] || "department"}"]`)
          || origin.row.querySelector('[data-plan="department"]');
        return { input, path: `rows[${origin.index}]` };
      },
    };
  }

  // A reviewer picker offers only the reviewers of the department picked beside it (and clears a choice that no
  // longer fits), so a plan cannot name a reviewer who may not act on the step.
  root.addEventListener("change", event => {
    const picker = event.target.closest("[data-department-picker]");
    if (!picker) return;
    const scope = picker.closest("[data-plan-row]") || picker.closest("form");
    const reviewers = scope.querySelector("[data-reviewer-picker]");
    if (!reviewers) return;
    for (const option of reviewers.options) {
      option.hidden = Boolean(option.value && picker.value && option.dataset.department !== picker.value);
    }
    if (reviewers.selectedOptions[0] && reviewers.selectedOptions[0].hidden) reviewers.value = "";
  });

  root.addEventListener("click", event => {
    const add = event.target.closest("[data-add-plan-row]");
    if (add) {
      const template = add.parentElement.querySelector(":scope > template[data-row-template]");
      add.before(template.content.firstElementChild.cloneNode(true));
      return;
    }
    const remove = event.target.closest("[data-remove-plan-row]");
    if (remove && remove.closest("[data-plan-rows]").querySelectorAll("[data-plan-row]").length > 1) {
      remove.closest("[data-plan-row]").remove();
    }
  });

  root.addEventListener("submit", async event => {
    const form = event.target.closest("form.plan-form");
    if (!form) return;
    event.preventDefault();
    if (form.dataset.busy) return;
    form.dataset.busy = "1";
    form.dataset.key = form.dataset.key || newKey();
    const error = form.querySelector(".form-error");
    clearProblems(form, error);
    try {
      const plan = readPlan(form);
      const result = await api("POST", form.dataset.endpoint, plan.body, { idempotencyKey: form.dataset.key });
      if (result.ok) {
        flash(t("form.done", { action: form.dataset.label }), "ok");
        await refresh(form.closest("section.project").dataset.caseId);
        return;
      }
      showProblems(form, result, {
        summary: error,
        targetFor: field => plan.origin(field)?.input || null,
        pathFor: field => plan.origin(field)?.path || field,
      });
      form.dataset.key = newKey();
    } catch (failure) {
      console.warn("route failed", failure);
      error.textContent = t("form.network");
      error.hidden = false;
    } finally {
      delete form.dataset.busy;
    }
  });
})();
