// /apply: asks for the phone code, then posts the form and the scans as multipart to /api/applications. A refusal
// shows every refused field at once, each on its input (files.<material>, applicant.phone, verificationCode, ...), in
// the page's language.
(function () {
  "use strict";
  const { t, newKey, sendPhoneCode } = window.ServiceHall;
  const ServiceHall = window.ServiceHall;
  const itemSelect = document.getElementById("apply-item");
  itemSelect.addEventListener("change", () => { if (itemSelect.value) document.getElementById("item-form").submit(); });

  const form = document.getElementById("apply-form");
  if (!form) return;
  const errorBox = document.getElementById("apply-error");
  const codeStatus = document.getElementById("code-status");
  const sendCode = document.getElementById("send-code");
  const submit = document.getElementById("apply-submit");
  // One key per application: a retry after a lost answer lands on the case already opened.
  let idempotencyKey = newKey();

  function value(name) {
    const element = form.elements.namedItem(name);
    return element && element.value ? element.value.trim() : "";
  }

  function clearProblems() {
    ServiceHall.clearProblems(form, errorBox);
  }

  /** Every refused field at once, each on its input, in the page's language; materials[i] is the i-th e-licence sent. */
  function showProblems(result, eLicences) {
    ServiceHall.showProblems(form, result, {
      summary: errorBox,
      targetFor: field => {
        const match = /^materials\[(\d+)\]/.exec(field);
        if (match && eLicences[Number(match[1])]) {
          return form.querySelector("[data-elicence='" + CSS.escape(eLicences[Number(match[1])].code) + "']");
        }
        return form.querySelector("[data-field='" + CSS.escape(field) + "']");
      },
    });
  }

  sendCode.addEventListener("click", async () => {
    clearProblems();
    await sendPhoneCode(value("phone"), sendCode, codeStatus);
  });

  form.addEventListener("submit", async event => {
    event.preventDefault();
    clearProblems();
    const delivery = form.querySelector("input[name=delivery]:checked").value;
    const eLicences = [...form.querySelectorAll("[data-elicence]")]
      .filter(input => input.value.trim())
      .map(input => ({ code: input.dataset.elicence, form: "e-licence", eLicenceNumber: input.value.trim() }));
    const application = {
      serviceItemCode: form.dataset.item,
      applicant: {
        name: value("name"), idNumber: value("idNumber"), phone: value("phone"),
        organization: value("organization") || null, organizationCode: value("organizationCode") || null,
      },
      materials: eLicences,
      delivery: delivery === "ems" ? { method: "ems", address: value("address") }
        : delivery === "window" ? { method: "window", hall: value("pickupHall") }
        : { method: "electronic" },
    };
    const data = new FormData();
    data.append("application", JSON.stringify(application));
    data.append("verificationCode", value("verificationCode"));
    for (const input of form.querySelectorAll("input[type=file]")) {
      // A licence number given instead replaces that scan.
      if (input.files.length > 0 && !eLicences.some(m => m.code === input.name)) data.append(input.name, input.files[0]);
    }

    submit.disabled = true;
    submit.textContent = t("submitting");
    try {
      const response = await fetch("/api/applications", {
        method: "POST", body: data, credentials: "same-origin",
        headers: {
          "Accept": "application/json", "Accept-Language": ServiceHall.language(),
          "X-ServiceHall-Request": "1", "Idempotency-Key": idempotencyKey,
        },
      });
      const type = response.headers.get("Content-Type") || "";
      const result = { ok: response.ok, status: response.status, body: type.includes("json") ? await response.json() : await response.text() };
      if (result.ok) {
        idempotencyKey = newKey();
        form.hidden = true;
        document.getElementById("done-number").textContent = result.body.number;
        document.getElementById("done-code").textContent = result.body.trackingCode;
        document.getElementById("done-track").href = "/track?code=" + encodeURIComponent(result.body.trackingCode);
        document.getElementById("apply-done").hidden = false;
        return;
      }
      showProblems(result, eLicences);
    } finally {
      submit.disabled = false;
      submit.textContent = t("submit");
    }
  });
})();
