// /cases/{id}: watches the case (WatchCaseById) and re-renders it on each push, gap or reconnect; runs the action forms.
(function () {
  "use strict";
  const { liveCaseView, actionForms, flash, t } = window.ServiceHall;
  const caseId = document.getElementById("case-detail").dataset.caseId;
  const view = liveCaseView({
    rootId: "case-detail",
    fragmentUrl: "/cases/" + encodeURIComponent(caseId) + "/fragment",
    watch: hub => hub.invoke("WatchCaseById", caseId),
  });

  actionForms.bind(document.getElementById("case-detail"), async ({ action }) => {
    flash(t("form.done", { action }), "ok");
    await view.refresh({ force: true });
  });
})();
