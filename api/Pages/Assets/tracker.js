// /track?code=: follows the applicant's case (WatchCase with the tracking code) and re-renders the timeline, what is
// needed and the pickup instructions on each push, gap or reconnect; runs the online resubmission and withdrawal.
(function () {
  "use strict";
  const { live, caseView, actionForms, flash, t } = window.ServiceHall;
  const detail = document.getElementById("tracker-detail");
  const caseId = detail.dataset.caseId;
  const code = detail.dataset.code;

  const view = caseView({
    rootId: "tracker-detail",
    fragmentUrl: "/track/" + encodeURIComponent(code) + "/fragment",
    onRendered: version => connection.remember({ [caseId]: version }),
    onGone: () => flash(t("view.gone"), "error"),
    onError: error => {
      if (error) flash(t("view.stale"), "error");
      else if (document.querySelector("#case-flash.error")) flash("");
    },
  });

  const connection = live({
    join: async hub => {
      const version = await hub.invoke("WatchCase", code);
      // A change between this page's rendering and the subscription sent no push to us: read it now.
      if (version > view.version) view.refresh();
      return { [caseId]: version };
    },
    onChange: () => view.refresh(),
    onResync: () => view.refresh(),
    status: document.getElementById("live-status"),
  });
  connection.remember({ [caseId]: view.version });

  // An online resubmission with scans (upload-forms.js) is done: show the case as it is now.
  detail.addEventListener("servicehall:uploaded", async () => {
    flash(t("form.done", { action: "resubmit" }), "ok");
    await view.refresh({ force: true });
  });

  actionForms.bind(detail, async ({ action }) => {
    flash(t("form.done", { action }), "ok");
    await view.refresh({ force: true });
  });
})();
