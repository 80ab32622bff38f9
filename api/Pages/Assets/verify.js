// /verify: checks an electronic certificate file against the hall's signature and register (POST /api/certificates/verify).
(function () {
  "use strict";
  const { t, showProblems, clearProblems, language } = window.ServiceHall;
  const form = document.getElementById("verify-file-form");
  const output = document.getElementById("verify-file-result");
  const english = document.documentElement.lang === "en";

  form.addEventListener("submit", async event => {
    event.preventDefault();
    const data = new FormData(form);
    const response = await fetch("/api/certificates/verify", {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "Accept": "application/json", "Accept-Language": language() },
    });
    const body = (response.headers.get("Content-Type") || "").includes("json") ? await response.json() : {};
    clearProblems(form, output);
    output.hidden = false;
    output.replaceChildren();
    if (!response.ok) {
      // Every refused rule on its input (the file), in the page's language, listed under the failure line.
      output.dataset.status = "invalid";
      showProblems(form, { status: response.status, body }, {
        summary: output,
        lead: t("file.failed"),
        targetFor: field => form.querySelector("[name='" + CSS.escape(field) + "']"),
      });
      return;
    }

    output.dataset.status = body.status;
    const heading = document.createElement("h3");
    heading.dataset.testid = "verify-file-status";
    heading.textContent = (body.number ? body.number + " · " : "") + t("status." + body.status);
    const explain = document.createElement("p");
    explain.textContent = t("explain." + body.status) + (body.signatureValid ? " (" + t("file.signatureValid") + ")" : "");
    output.append(heading, explain);
    if (body.holder) {
      const facts = document.createElement("p");
      const item = body.serviceItem ? (english ? body.serviceItem.nameEn : body.serviceItem.nameZh) : "";
      facts.textContent = t("holder") + ": " + body.holder + " · " + t("item") + ": " + item;
      output.append(facts);
    }
  });
})();
