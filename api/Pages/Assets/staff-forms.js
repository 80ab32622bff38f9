// The staff forms that call the API directly (enquiry log, coordinator reassignment, e-licence import, certificate
// revocation, catalogue editing). Unlike action-forms.js, which sends every input as a string, the body is typed by
// each input's data-type: "number", "bool" (a checkbox), "set" (the checked values of a group of checkboxes sharing a
// data-field, as an array), "date" (a day, sent as China-time midnight), text otherwise. data-field may be a dotted
// path; the rows (data-row) of a data-list become an array of objects. An input with data-in-url fills the
// {placeholder} of the form's data-endpoint instead of the body. The form is sent with data-method (POST by default),
// the X-ServiceHall-Request header (servicehall.js: a cross-site form cannot send it) and an Idempotency-Key.
// A refusal shows every refused rule at once (ServiceHall.showProblems), each on the field it names
// ("licences[2].holder", "channels[1]", "materials[0].code"), with the page's own words for that field (strings
// "field.licences[].holder" ...) and otherwise the server's, which follow the page's language.
(function () {
  "use strict";
  const { t, api, problemText, newKey, showProblems, clearProblems, confirmedBySecondClick } = window.ServiceHall;

  /** The inputs directly in `container` (not those of a nested row or template). */
  function fieldsOf(container, rowScope) {
    return [...container.querySelectorAll("[data-field]")].filter(el => el.closest("[data-row]") === rowScope && !el.closest("template"));
  }

  function setPath(target, path, value) {
    const parts = path.split(".");
    let at = target;
    for (const part of parts.slice(0, -1)) at = at[part] = at[part] || {};
    at[parts[parts.length - 1]] = value;
  }

  /** Reads the inputs of one scope into an object; returns {values, url}. */
  function readScope(container, rowScope) {
    const values = {};
    const url = {};
    const sets = {};
    for (const input of fieldsOf(container, rowScope)) {
      const field = input.dataset.field;
      const type = input.dataset.type || "text";
      if (type === "set") {
        sets[field] = sets[field] || [];
        if (input.checked) sets[field].push(input.value);
        continue;
      }
      if (input.type === "radio" && !input.checked) continue;
      let value;
      if (type === "bool") value = input.checked;
      else {
        const text = (input.value || "").trim();
        if (text === "") continue;
        if (type === "number") value = Number(text);
        else if (type === "date") value = text + "T00:00:00+08:00";
        else value = text;
        if (type === "number" && !Number.isFinite(value)) value = text; // the server names what is not a number
      }
      if (input.hasAttribute("data-in-url")) {
        url[field] = value;
        if (input.dataset.inUrl !== "body") continue; // data-in-url="body": in both (the catalogue's code)
      }
      setPath(values, field, value);
    }
    for (const [field, chosen] of Object.entries(sets)) setPath(values, field, chosen);
    return { values, url };
  }

  /** The body, the URL values, and per list the rows that were sent (to find the field a refusal names). */
  function read(form) {
    const { values, url } = readScope(form, null);
    const sent = {};
    for (const list of form.querySelectorAll("[data-list]")) {
      const rows = [];
      sent[list.dataset.list] = [];
      for (const row of list.querySelectorAll(":scope > [data-row]")) {
        const item = readScope(row, row).values;
        // A row counts once something is typed in it (a select's default alone leaves it blank).
        const typed = [...row.querySelectorAll("input:not([type=checkbox]):not([type=radio]), textarea")].some(i => i.value.trim() !== "");
        if (typed) {
          rows.push(item);
          sent[list.dataset.list].push(row);
        }
      }
      setPath(values, list.dataset.list, rows);
    }
    return { body: values, url, sent };
  }

  function flatten(value, prefix, into) {
    into = into || {};
    if (value && typeof value === "object" && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? prefix + "." + key : key, into);
    } else if (prefix && !Array.isArray(value)) {
      into[prefix] = value === null || value === undefined ? "" : value;
    }
    return into;
  }

  function endpointOf(form, url) {
    return form.dataset.endpoint.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(url[name] === undefined ? "" : String(url[name])));
  }

  /** The input a problem's field names, or null. */
  function inputFor(form, field, sent) {
    if (!field) return null;
    const listed = /^([\w-]+)\[(\d+)\](?:\.([\w.-]+))?$/.exec(field);
    if (listed) {
      const [, name, index, inner] = listed;
      const row = (sent[name] || [])[Number(index)];
      if (row) return (inner && row.querySelector(`[data-field="${inner}"]`)) || row.querySelector("input, select, textarea");
      // channels[1]: the second checked box of a set.
      const checkedBoxes = [...form.querySelectorAll(`[data-field="${name}"][data-type=set]`)].filter(box => box.checked);
      if (checkedBoxes[Number(index)]) return checkedBoxes[Number(index)];
      return form.querySelector(`[data-list="${name}"]`) || form.querySelector(`[data-field="${name}"]`);
    }
    return form.querySelector(`[data-field="${field}"]`) || form.querySelector(`[data-list="${field}"]`);
  }

  /** The page's own words for a refused field ("field.licences[].holder"), or null to keep the server's. */
  function ownWordsFor(field) {
    if (!field) return null;
    const key = "field." + field.replace(/\[\d+\]/g, "[]");
    const text = t(key);
    return text === key ? null : text;
  }

  /**
   * The refusal as showProblems takes it: every issue, with the page's own words where it has them. A 404 that names
   * no field is about what the URL names (data-not-found: the case id of a reassignment).
   */
  function refusalOf(form, result) {
    const body = result.body && typeof result.body === "object" ? result.body : {};
    const issues = Array.isArray(body.issues) && body.issues.length > 0
      ? body.issues
      : [{ field: body.field || null, code: body.code || null, detail: problemText(result) }];
    return {
      status: result.status,
      body: {
        ...body,
        issues: issues.map(issue => {
          const field = issue.field || (result.status === 404 ? form.dataset.notFound || null : null);
          return { ...issue, field, detail: ownWordsFor(field) || issue.detail };
        }),
      },
    };
  }

  function clear(form) {
    const done = form.querySelector("[data-role=form-done]");
    done.hidden = true;
    done.textContent = "";
    clearProblems(form, form.querySelector("[data-role=form-error]"));
  }

  function show(form, role, text) {
    const box = form.querySelector(`[data-role=form-${role}]`);
    box.textContent = text;
    box.hidden = false;
  }

  async function submit(form) {
    if (form.dataset.busy) return;
    const button = form.querySelector("button[type=submit]");
    if (!confirmedBySecondClick(form, button)) return; // a destructive request (作废)
    clear(form);
    const { body, url, sent } = read(form);
    const label = button.textContent;
    form.dataset.busy = "1";
    button.disabled = true;
    button.textContent = t("form.sending");
    try {
      const result = await api(form.dataset.method || "POST", endpointOf(form, url), body, { idempotencyKey: form.dataset.key });
      if (result.ok) {
        // data-done names the success text; its {placeholders} are the answer's fields ({coordination.coordinator}).
        show(form, "done", form.dataset.done ? t(form.dataset.done, flatten(result.body)) : t("form.done"));
        if (form.hasAttribute("data-reset")) form.reset();
        form.dataset.key = newKey(); // the next entry is a new intent
        return;
      }
      if (result.status === 401) {
        show(form, "error", t("form.signIn"));
      } else {
        showProblems(form, refusalOf(form, result), {
          summary: form.querySelector("[data-role=form-error]"),
          lead: t("form.failed"),
          targetFor: field => inputFor(form, field, sent),
        });
      }
      form.dataset.key = newKey(); // refused: nothing was done, the corrected form is a new attempt
    } catch (error) {
      // No answer: it may have been done; a retry keeps the key and cannot do it twice.
      console.warn("request failed", error);
      show(form, "error", t("form.network"));
    } finally {
      delete form.dataset.busy;
      button.disabled = false;
      button.textContent = label;
    }
  }

  for (const form of document.querySelectorAll("form.staff-form")) {
    form.dataset.key = newKey();
    form.addEventListener("submit", event => {
      event.preventDefault();
      submit(form);
    });
    form.addEventListener("click", event => {
      const add = event.target.closest("[data-add-row]");
      if (add) {
        const list = add.closest("[data-list]");
        const row = list.querySelector(":scope > template").content.firstElementChild.cloneNode(true);
        add.before(row);
        const first = row.querySelector("input, select, textarea");
        if (first) first.focus();
        return;
      }
      const remove = event.target.closest("[data-remove-row]");
      if (remove) remove.closest("[data-row]").remove();
    });
  }
})();
