// /cases/{id}: watches the case (WatchCaseById) and re-renders it on each push, gap or reconnect; runs the action forms.
(function () {
  "use strict";
  const { live, caseView, actionForms, flash, t } = window.ServiceHall;
  const caseId = document.getElementById("case-detail").dataset.caseId;

  const view = caseView({
    rootId: "case-detail",
    fragmentUrl: "/cases/" + encodeURIComponent(caseId) + "/fragment",
    onRendered: version => connection.remember({ [caseId]: version }),
    onGone: () => flash(t("view.gone"), "error"),
    onError: error => {
      if (error) flash(t("view.stale"), "error");
      else if (document.querySelector("#case-flash.error")) flash("");
    },
  });

  const connection = live({
    join: async hub => {
      const version = await hub.invoke("WatchCaseById", caseId);
      // A change between this page's rendering and the subscription sent no push to us: read it now.
      if (version > view.version) view.refresh();
      return { [caseId]: version };
    },
    onChange: () => view.refresh(),
    onResync: () => view.refresh(),
    status: document.getElementById("live-status"),
  });
  connection.remember({ [caseId]: view.version });

  actionForms.bind(document.getElementById("case-detail"), async ({ action }) => {
    flash(t("form.done", { action }), "ok");
    await view.refresh({ force: true });
  });
})();
