// /verify: checks an electronic certificate file against the hall's signature and register (POST /api/certificates/verify).
(function () {
  "use strict";
  const { t, problemText } = window.ServiceHall;
  const form = document.getElementById("verify-file-form");
  const output = document.getElementById("verify-file-result");
  const english = document.documentElement.lang === "en";

  form.addEventListener("submit", async event => {
    event.preventDefault();
    const data = new FormData(form);
    const response = await fetch("/api/certificates/verify", {
      method: "POST", body: data, credentials: "same-origin", headers: { "Accept": "application/json" },
    });
    const body = await response.json();
    output.hidden = false;
    output.replaceChildren();
    if (!response.ok) {
      output.dataset.status = "invalid";
      output.textContent = t("file.failed") + problemText({ status: response.status, body });
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
