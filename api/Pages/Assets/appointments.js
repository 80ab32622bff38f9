// The appointment pages: book a slot (/appointments), reschedule or cancel by code, check in at the window
// (/appointments/today) and edit the slot configuration (/appointments/slots). Every change goes through
// /api/appointments with an Idempotency-Key kept for the retries of one intent.
(function () {
  "use strict";
  const ServiceHall = window.ServiceHall;
  const { t, api, problemText, newKey, sendPhoneCode } = ServiceHall;

  function show(element, text) {
    if (!element) return;
    element.textContent = text;
    element.hidden = !text;
  }

  // One key per intent: a second click or a retry after a lost answer is the same command, not a new one.
  function keyFor(element) {
    if (!element.dataset.idempotencyKey) element.dataset.idempotencyKey = newKey();
    return element.dataset.idempotencyKey;
  }

  // The server's message is already in the page's language (api() asks for it); no field path is shown to a person.
  function failure(result) {
    return t("js.failed", { detail: problemText(result) });
  }

  /** Every refused field of a form at once, each on its input; the rest in the form's message line. */
  function showFailure(form, message, result, targetFor) {
    ServiceHall.showProblems(form, result, { summary: message, lead: t("js.failed", { detail: "" }), targetFor });
  }

  // Booking: a slot button opens the applicant form; the phone is proved with a texted code; the form books and
  // moves on to the confirmation.
  const bookingForm = document.getElementById("booking-form");
  if (bookingForm) {
    const sendCode = document.getElementById("send-code");
    sendCode.addEventListener("click", () =>
      sendPhoneCode(document.getElementById("applicant-phone").value.trim(), sendCode, document.getElementById("code-status")));

    let chosen = null;
    for (const button of document.querySelectorAll(".slot:not(.move-slot)")) {
      button.addEventListener("click", () => {
        for (const other of document.querySelectorAll(".slot:not(.move-slot)")) other.classList.toggle("chosen", other === button);
        chosen = { window: button.dataset.window, start: button.dataset.start };
        delete bookingForm.dataset.idempotencyKey;
        document.getElementById("chosen-slot").textContent = t("js.chosen", { start: chosen.start, window: button.dataset.windowName });
        bookingForm.hidden = false;
        bookingForm.querySelector("input").focus();
      });
    }

    bookingForm.addEventListener("submit", async event => {
      event.preventDefault();
      // The form opens only from a slot, but never fail silently if it is submitted without one.
      if (!chosen) {
        show(document.getElementById("booking-message"), t("js.chooseSlot"));
        return;
      }
      const data = new FormData(bookingForm);
      const submit = document.getElementById("book-submit");
      submit.disabled = true;
      const result = await api("POST", "/api/appointments", {
        hall: bookingForm.dataset.hall,
        window: chosen.window,
        date: bookingForm.dataset.date,
        start: chosen.start,
        serviceItemCode: bookingForm.dataset.item,
        applicant: { name: data.get("name"), idNumber: data.get("idNumber"), phone: data.get("phone") },
        verificationCode: (data.get("verificationCode") || "").trim(),
      }, { idempotencyKey: keyFor(bookingForm) });
      submit.disabled = false;
      if (result.ok) {
        location.assign("/appointments?code=" + encodeURIComponent(result.body.code));
        return;
      }
      // applicant.name → the form's "name" input, verificationCode → its own; a slot problem stays in the message line.
      showFailure(bookingForm, document.getElementById("booking-message"), result,
        field => bookingForm.querySelector("[name='" + CSS.escape(field.replace(/^applicant\./, "")) + "']"));
    });
  }

  // Manage by code: cancel, or move to another slot.
  const cancel = document.getElementById("cancel-appointment");
  if (cancel) {
    cancel.addEventListener("click", async () => {
      if (!confirm(t("js.confirmCancel"))) return;
      const result = await api("POST", "/api/appointments/" + encodeURIComponent(cancel.dataset.code) + "/cancel", {}, { idempotencyKey: keyFor(cancel) });
      if (result.ok) location.reload();
      else show(document.getElementById("appointment-message"), failure(result));
    });
  }

  // Reschedule: pick one of the offered slots (same data as booking); the button moves the booking there.
  const reschedule = document.getElementById("reschedule");
  if (reschedule) {
    const submit = document.getElementById("reschedule-submit");
    const slots = reschedule.querySelector("[data-testid=move-slots]");
    let target = null;
    for (const button of reschedule.querySelectorAll(".move-slot")) {
      button.addEventListener("click", () => {
        for (const other of reschedule.querySelectorAll(".move-slot")) other.classList.toggle("chosen", other === button);
        target = { date: slots.dataset.date, start: button.dataset.start, window: button.dataset.window };
        delete submit.dataset.idempotencyKey;
        document.getElementById("move-chosen").textContent =
          t("js.moveTo", { date: target.date, start: target.start, window: button.dataset.windowName });
        submit.disabled = false;
      });
    }
    submit.addEventListener("click", async () => {
      if (!target) {
        show(document.getElementById("appointment-message"), t("js.chooseSlot"));
        return;
      }
      submit.disabled = true;
      const result = await api("POST", "/api/appointments/" + encodeURIComponent(reschedule.dataset.code) + "/reschedule",
        target, { idempotencyKey: keyFor(submit) });
      if (result.ok) {
        location.assign("/appointments?code=" + encodeURIComponent(reschedule.dataset.code));
        return;
      }
      submit.disabled = false;
      show(document.getElementById("appointment-message"), failure(result));
    });
  }

  // Check-in at the window: the case opens pre-filled; the clerk continues on its page.
  for (const button of document.querySelectorAll(".check-in")) {
    button.addEventListener("click", async () => {
      button.disabled = true;
      const result = await api("POST", "/api/appointments/" + encodeURIComponent(button.dataset.code) + "/check-in", {}, { idempotencyKey: keyFor(button) });
      if (result.ok && result.body.case) {
        location.assign("/cases/" + encodeURIComponent(result.body.case.id));
        return;
      }
      button.disabled = false;
      show(document.getElementById("today-message"), failure(result));
    });
  }

  // Slot configuration: rows in, one JSON document out (PUT replaces the hall's whole configuration).
  const scheduleForm = document.getElementById("schedule-form");
  if (scheduleForm) {
    const rows = document.getElementById("rule-rows");
    const list = text => (text || "").split(",").map(s => s.trim()).filter(s => s.length > 0);
    rows.addEventListener("click", event => {
      if (event.target.classList.contains("remove-rule")) event.target.closest("tr").remove();
    });
    document.getElementById("add-rule").addEventListener("click", () => {
      rows.appendChild(document.getElementById("rule-template").content.cloneNode(true));
    });
    scheduleForm.addEventListener("submit", async event => {
      event.preventDefault();
      const rules = [...rows.querySelectorAll("tr.rule")].map(row => {
        const value = name => row.querySelector("[name=" + name + "]").value;
        return {
          window: value("window"),
          serviceItems: [...row.querySelector("[name=serviceItems]").selectedOptions].map(option => option.value),
          weekdays: list(value("weekdays")).map(Number),
          date: value("date") || null,
          from: value("from"),
          to: value("to"),
          slotMinutes: Number(value("slotMinutes")),
          capacity: Number(value("capacity")),
        };
      });
      const body = {
        rules,
        cutOffMinutes: Number(scheduleForm.querySelector("[name=cutOffMinutes]").value),
        bookAheadDays: Number(scheduleForm.querySelector("[name=bookAheadDays]").value),
      };
      const result = await api("PUT", "/api/appointments/schedule?hall=" + encodeURIComponent(scheduleForm.dataset.hall), body);
      if (result.ok) {
        ServiceHall.clearProblems(scheduleForm, null);
        show(document.getElementById("schedule-message"), t("js.saved"));
        return;
      }
      // rules[i].capacity → that row's capacity input; cutOffMinutes, bookAheadDays → the settings above the table.
      const ruleRows = [...rows.querySelectorAll("tr.rule")];
      showFailure(scheduleForm, document.getElementById("schedule-message"), result, field => {
        const match = /^rules\[(\d+)\](?:\.(\w+))?/.exec(field);
        if (match) {
          const row = ruleRows[Number(match[1])];
          return row && ((match[2] && row.querySelector("[name=" + match[2] + "]")) || row.querySelector("select, input"));
        }
        return scheduleForm.querySelector("[name='" + CSS.escape(field) + "']");
      });
    });
  }
})();
