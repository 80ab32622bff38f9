// Action forms of the case page and the tracker (rendered by ActionForm.razor). Each form gets an Idempotency-Key
// when it is displayed; a double click or a retry after a network failure sends the same key, so the action is done
// once. The body is read from the inputs: data-field names a body field, the rows (data-row) of a data-list become an
// array. The server validates; a 4xx shows every refused field at once, each marked with its message, in the page's
// language (ServiceHall.showProblems).
(function () {
  "use strict";
  const ServiceHall = window.ServiceHall;
  const { t, api, newKey } = ServiceHall;

  /** Gives every form in scope that has none an idempotency key (once per display of the form). */
  function prepare(scope) {
    for (const form of scope.querySelectorAll("form.action-form")) {
      if (!form.dataset.key) form.dataset.key = newKey();
    }
  }

  function valueOf(input) {
    if (input.type === "checkbox") return input.checked;
    const value = (input.value || "").trim();
    // datetime-local has no zone: the hall's times are China time.
    if (value && input.dataset.type === "china-time") return value.length === 16 ? value + ":00+08:00" : value + "+08:00";
    return value;
  }

  function isEmpty(value) {
    return value === "" || value === undefined || value === null;
  }

  /** The fields directly under `container` (not those of a nested row). */
  function fieldsOf(container, rowScope) {
    return [...container.querySelectorAll("[data-field]")].filter(el => el.closest("[data-row]") === rowScope);
  }

  /** Builds the JSON body; returns it with, per list, the rows that were sent (to find a field the server names). */
  function read(form) {
    const body = {};
    const sent = {};
    for (const input of fieldsOf(form, null)) {
      const value = valueOf(input);
      if (!isEmpty(value)) body[input.dataset.field] = value;
    }
    for (const list of form.querySelectorAll("[data-list]")) {
      const rows = [];
      sent[list.dataset.list] = [];
      for (const row of list.querySelectorAll(":scope > [data-row]")) {
        const item = {};
        let filled = false;
        for (const input of fieldsOf(row, row)) {
          const value = valueOf(input);
          if (isEmpty(value)) continue;
          item[input.dataset.field] = value;
          if (input.type !== "hidden") filled = true;
        }
        if (filled || row.hasAttribute("data-always")) {
          rows.push(item);
          sent[list.dataset.list].push(row);
        }
      }
      if (rows.length > 0) body[list.dataset.list] = rows;
    }
    // A body nested one level down (route: {stepId, groups: [{parallel, steps}]}).
    const wrap = form.dataset.wrap;
    if (wrap) {
      const { stepId, ...inner } = body;
      return { body: stepId ? { stepId, [wrap]: [inner] } : { [wrap]: [inner] }, sent, prefix: wrap + "[0]." };
    }
    return { body, sent, prefix: "" };
  }

  /** The input a problem's field names: "reason", "deficiencies[1].problem", "groups[0].steps[0].department". */
  function inputFor(form, field, sent, prefix) {
    if (!field) return null;
    if (prefix && field.startsWith(prefix)) field = field.slice(prefix.length);
    const match = /^([\w-]+)\[(\d+)\](?:\.([\w-]+))?/.exec(field);
    if (match) {
      const row = (sent[match[1]] || [])[Number(match[2])];
      if (!row) return form.querySelector(`[data-list="${match[1]}"]`);
      return (match[3] && row.querySelector(`[data-field="${match[3]}"]`)) || row;
    }
    return form.querySelector(`[data-field="${field}"]`) || form.querySelector(`[data-list="${field}"]`);
  }

  function clearProblem(form) {
    ServiceHall.clearProblems(form, form.querySelector(".form-error"));
  }

  function showProblem(form, text, target) {
    const error = form.querySelector(".form-error");
    error.textContent = text;
    error.hidden = false;
    if (target) {
      target.setAttribute("aria-invalid", "true");
      if (typeof target.focus === "function") target.focus();
    }
  }

  async function submit(form, onDone) {
    if (form.dataset.busy) return; // a second click while the first is on its way
    const button = form.querySelector("button[type=submit]");
    if (!ServiceHall.confirmedBySecondClick(form, button)) return; // a destructive action (作废, 不予受理, …)
    const { body, sent, prefix } = read(form);
    form.dataset.busy = "1";
    button.disabled = true;
    const label = button.textContent;
    button.textContent = t("form.sending");
    clearProblem(form);
    try {
      // The page re-renders the case from its own fragment afterwards: the action's answer need not carry it.
      const result = await api("POST", form.dataset.endpoint, body, { idempotencyKey: form.dataset.key, minimal: true });
      if (result.ok) {
        await onDone({ form, action: form.dataset.label, result });
        return;
      }
      if (result.status === 401) {
        showProblem(form, t("form.signIn"));
      } else {
        // Every refused field at once, each on its input and named by its label ("第2项 问题说明"), never by its path.
        ServiceHall.showProblems(form, result, {
          summary: form.querySelector(".form-error"),
          lead: t("form.failed"),
          targetFor: field => inputFor(form, field, sent, prefix),
          pathFor: field => (prefix && field.startsWith(prefix) ? field.slice(prefix.length) : field),
        });
      }
      // Refused: nothing was done, so the corrected form is a new attempt with a new key.
      form.dataset.key = newKey();
    } catch (error) {
      // No answer: the action may or may not have happened; a retry keeps the key and cannot do it twice.
      console.warn("action failed", error);
      showProblem(form, t("form.network"));
    } finally {
      delete form.dataset.busy;
      if (form.isConnected) {
        button.disabled = false;
        button.textContent = label;
      }
    }
  }

  /**
   * Handles submissions and row buttons of every action form under `root`, including forms rendered later.
   * onDone({form, action, result}) runs after a successful action (the page re-renders the case).
   */
  function bind(root, onDone) {
    prepare(root);
    root.addEventListener("submit", event => {
      const form = event.target.closest("form.action-form");
      if (!form) return;
      event.preventDefault();
      submit(form, onDone);
    });
    root.addEventListener("click", event => {
      const add = event.target.closest("[data-add-row]");
      if (add) {
        const list = add.closest("[data-list]");
        const template = list.querySelector(":scope > template[data-row-template]");
        const row = template.content.firstElementChild.cloneNode(true);
        add.before(row);
        const first = row.querySelector("input, select, textarea");
        if (first) first.focus();
        return;
      }
      const remove = event.target.closest("[data-remove-row]");
      if (remove) {
        const row = remove.closest("[data-row]");
        const list = row.closest("[data-list]");
        // The last row stays (emptied), so the list can still be filled in.
        if (list.querySelectorAll(":scope > [data-row]").length > 1) {
          row.remove();
        } else {
          for (const input of row.querySelectorAll("input, select, textarea")) input.value = "";
        }
      }
    });
  }

  window.ServiceHall.actionForms = { bind, prepare };
})();
