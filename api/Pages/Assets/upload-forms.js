// Forms marked data-upload-form post their notes and files as multipart (an online resubmission with new scans).
// Delegated from the document, so a form re-rendered by a live update needs no new binding. On success the form
// raises "servicehall:uploaded" for the page to refresh; every refused rule is shown on its field, in the page's language.
(function () {
  "use strict";
  const { showProblems, clearProblems, language, newKey } = window.ServiceHall;
  const keys = new WeakMap();

  document.addEventListener("submit", async event => {
    const form = event.target.closest("form[data-upload-form]");
    if (!form) return;
    event.preventDefault();
    const errorBox = form.querySelector("[data-upload-error]");
    clearProblems(form, errorBox);

    const answers = [...form.querySelectorAll("[data-note]")].map(input => ({ deficiencyId: input.dataset.note, note: input.value.trim() || null }));
    const data = new FormData();
    data.append("answers", JSON.stringify({ answers, stepId: form.dataset.stepId }));
    for (const input of form.querySelectorAll("input[type=file]")) {
      if (input.files.length > 0) data.append(input.name, input.files[0]);
    }
    if (!keys.has(form)) keys.set(form, newKey());
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      const response = await fetch(form.dataset.endpoint, {
        method: "POST", body: data, credentials: "same-origin",
        headers: { "Accept": "application/json", "Accept-Language": language(), "X-ServiceHall-Request": "1", "Idempotency-Key": keys.get(form) },
      });
      const body = (response.headers.get("Content-Type") || "").includes("json") ? await response.json() : {};
      if (response.ok) {
        form.dispatchEvent(new CustomEvent("servicehall:uploaded", { bubbles: true }));
        return;
      }
      showProblems(form, { status: response.status, body }, {
        summary: errorBox,
        targetFor: field => form.querySelector("[data-field='" + CSS.escape(field) + "']"),
      });
    } finally {
      button.disabled = false;
    }
  });
})();
