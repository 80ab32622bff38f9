// /cases/new: the clerk's intake at the window. The item finder filters as typed (arrows and Enter pick); the form
// checks the ID number (GB 11643 mod-11 check character), the mobile number and the credit code as typed, with the
// rules the server applies (ChineseIdNumber, CaseOpening, CreditCode), and posts POST /api/cases — or, given an
// appointment code, that appointment's check-in, which opens the booked case. A refusal lands on the field it names,
// in the page's language; then the case page opens.
(function () {
  "use strict";
  const { t, api, problemText, newKey, showProblems } = window.ServiceHall;

  // --- the item finder: type to filter, arrows to move, Enter to choose ---------------------------------------
  const search = document.getElementById("item-search");
  const list = document.getElementById("intake-item");
  const itemForm = document.getElementById("item-form");
  function filter() {
    const words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    let first = null;
    for (const option of list.options) {
      const shown = words.every(w => option.dataset.search.includes(w));
      option.hidden = !shown;
      if (shown && !first) first = option;
    }
    if (first && (list.selectedIndex < 0 || list.options[list.selectedIndex].hidden)) first.selected = true;
  }
  search.addEventListener("input", filter);
  search.addEventListener("keydown", event => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const shown = [...list.options].filter(o => !o.hidden);
      const at = shown.indexOf(list.options[list.selectedIndex]);
      const next = shown[Math.max(0, Math.min(shown.length - 1, at + (event.key === "ArrowDown" ? 1 : -1)))];
      if (next) next.selected = true;
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (list.selectedIndex >= 0 && !list.options[list.selectedIndex].hidden) itemForm.submit();
    }
  });
  list.addEventListener("dblclick", () => itemForm.submit());
  list.addEventListener("keydown", event => { if (event.key === "Enter") { event.preventDefault(); itemForm.submit(); } });

  const form = document.getElementById("intake-form");
  if (!form) return;
  const errorBox = document.getElementById("intake-error");
  const submit = document.getElementById("intake-submit");
  // One key per intake: a retry after a lost answer lands on the case already opened.
  let idempotencyKey = newKey();

  const value = name => { const e = form.elements.namedItem(name); return e && e.value ? e.value.trim() : ""; };
  const checked = name => form.querySelector("input[name=" + name + "]:checked").value;

  // --- the server's rules, as typed ---------------------------------------------------------------------------
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  function idNumberValid(text) {
    if (!/^\d{17}[\dXx]$/.test(text)) return false;
    let sum = 0;
    for (let i = 0; i < 17; i++) sum += Number(text[i]) * weights[i];
    return text[17].toUpperCase() === "10X98765432"[sum % 11];
  }
  const checks = {
    "id-number": { valid: idNumberValid, message: "check.idNumber" },
    "phone": { valid: text => /^1[3-9]\d{9}$/.test(text), message: "check.phone" },
    "credit-code": { valid: text => /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(text.toUpperCase()), message: "check.creditCode" },
  };

  function mark(input, message) {
    const old = input.parentElement.querySelector(".field-error");
    if (old) old.remove();
    input.classList.toggle("invalid", Boolean(message));
    input.toggleAttribute("aria-invalid", Boolean(message));
    if (!message) return;
    const note = document.createElement("span");
    note.className = "field-error error";
    note.dataset.testid = "field-error";
    note.textContent = message;
    input.insertAdjacentElement("afterend", note);
  }

  for (const input of form.querySelectorAll("[data-check]")) {
    const check = checks[input.dataset.check];
    // Judged once the entry is as long as it must be, and again when the clerk leaves the field.
    const judge = final => {
      const text = input.value.trim();
      if (!text || (!final && text.length < Number(input.maxLength))) return mark(input, null);
      mark(input, check.valid(text) ? null : t(check.message));
    };
    input.addEventListener("input", () => judge(false));
    input.addEventListener("blur", () => judge(true));
  }

  // --- what shows depends on what is chosen ------------------------------------------------------------------
  const channel = form.elements.namedItem("channel");
  const windowSelect = form.elements.namedItem("window");
  function refresh() {
    // Only the windows of the chosen channel; the clerk's own stays chosen when it serves it.
    for (const option of windowSelect.options) option.hidden = option.dataset.channel !== channel.value;
    if (windowSelect.options[windowSelect.selectedIndex]?.hidden) {
      const first = [...windowSelect.options].find(o => !o.hidden);
      if (first) first.selected = true;
    }
    const kind = checked("kind");
    const delivery = checked("delivery");
    for (const e of form.querySelectorAll("[data-only-channel]")) e.hidden = e.dataset.onlyChannel !== channel.value;
    for (const e of form.querySelectorAll("[data-only-kind]")) e.hidden = e.dataset.onlyKind !== kind;
    for (const e of form.querySelectorAll("[data-only-delivery]")) e.hidden = e.dataset.onlyDelivery !== delivery;
    let saved = 0;
    for (const row of form.querySelectorAll("[data-material]")) {
      const chosen = row.querySelector("[data-role=form]").value;
      if (chosen === "waived" || chosen === "e-licence") saved++;
      for (const e of row.querySelectorAll("[data-only-form]")) e.hidden = e.dataset.onlyForm !== chosen;
    }
    document.getElementById("copies-saved").textContent = String(saved);
  }
  form.addEventListener("change", refresh);
  refresh();

  // --- the e-licence register: GET /api/certificates/{number}/verify ----------------------------------------
  for (const button of form.querySelectorAll("[data-role=lookup]")) {
    button.addEventListener("click", async () => {
      const row = button.closest("[data-material]");
      const number = row.querySelector("[data-role=elicence]").value.trim();
      const out = row.querySelector("[data-role=lookup-result]");
      if (!number) return;
      const result = await api("GET", "/api/certificates/" + encodeURIComponent(number) + "/verify");
      const body = result.body || {};
      out.textContent = result.ok && body.status === "valid"
        ? t("lookup.valid") + (body.holder ? " " + body.holder : "")
        : t("lookup.unknown");
    });
  }

  // --- submit ------------------------------------------------------------------------------------------------
  function clearProblems() {
    for (const marked of form.querySelectorAll(".invalid")) mark(marked, null);
    window.ServiceHall.clearProblems(form, errorBox);
  }

  /** The input a problem's field names; materials[i].x is the i-th material sent. */
  function inputFor(field, sent) {
    const match = /^materials\[(\d+)\](?:\.(\w+))?/.exec(field || "");
    if (match) {
      const row = form.querySelector("[data-material='" + CSS.escape((sent[Number(match[1])] || {}).code || "") + "']");
      if (!row) return null;
      return match[2] === "eLicenceNumber" ? row.querySelector("[data-role=elicence]") : row.querySelector("[data-role=form]");
    }
    if (field === "materials") return form.querySelector("[data-role=form]");
    return field ? form.querySelector("[data-field='" + CSS.escape(field) + "']") : null;
  }

  /** The page's own, more specific words for a refused field, or null to keep the server's (already in the page's language). */
  function ownWordsFor(field) {
    const key = /^materials\[\d+\]\.eLicenceNumber$/.test(field || "") ? "field.eLicenceNumber"
      : /^materials/.test(field || "") ? "field.materials" : "field." + field;
    const text = t(key);
    return text === key ? null : text;
  }

  form.addEventListener("submit", async event => {
    event.preventDefault();
    clearProblems();
    const materials = [];
    for (const row of form.querySelectorAll("[data-material]")) {
      const chosen = row.querySelector("[data-role=form]").value;
      if (chosen === "waived" || chosen === "missing") continue; // the server records these itself
      const material = { code: row.dataset.material, form: chosen };
      if (chosen === "e-licence") material.eLicenceNumber = row.querySelector("[data-role=elicence]").value.trim();
      materials.push(material);
    }
    const organisation = checked("kind") === "organisation";
    const delivery = checked("delivery");
    const appointment = value("appointment");
    const application = {
      serviceItemCode: form.dataset.item,
      channel: channel.value,
      window: windowSelect.value,
      district: channel.value === "key-project" ? (value("district") || null) : null,
      applicant: {
        name: value("name"), idNumber: value("idNumber").toUpperCase(), phone: value("phone"),
        organization: organisation ? (value("organization") || null) : null,
        organizationCode: organisation ? (value("organizationCode") || null) : null,
      },
      materials,
      delivery: delivery === "ems" ? { method: "ems", address: value("address") }
        : delivery === "window" ? { method: "window", hall: value("pickupHall") }
        : { method: "electronic" },
    };

    submit.disabled = true;
    submit.textContent = t("submitting");
    try {
      // A booked applicant is checked in: the appointment's case opens with its details and these materials.
      const result = appointment
        ? await api("POST", "/api/appointments/" + encodeURIComponent(appointment) + "/check-in", { materials }, { idempotencyKey })
        : await api("POST", "/api/cases", application, { idempotencyKey });
      if (result.ok) {
        const opened = appointment ? result.body.case : result.body;
        window.location.assign("/cases/" + encodeURIComponent(opened.id));
        return;
      }
      // Every refused rule at once, each on its input (a check-in's refusal of the code on the appointment input).
      const body = result.body || {};
      const issues = (Array.isArray(body.issues) && body.issues.length > 0
        ? body.issues
        : [{ field: body.field || null, code: body.code || null, detail: problemText(result) }]
      ).map(issue => {
        const field = appointment && (issue.field === "code" || !issue.field) ? "appointmentCode" : issue.field;
        return { ...issue, field, detail: ownWordsFor(field) || issue.detail };
      });
      showProblems(form, { status: result.status, body: { ...body, issues } }, {
        summary: errorBox,
        lead: t("failed"),
        targetFor: field => inputFor(field, materials),
      });
    } finally {
      submit.disabled = false;
      submit.textContent = t("submit");
    }
  });
})();
