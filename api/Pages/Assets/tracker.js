// /track?code=: follows the applicant's case (WatchCase with the tracking code) and re-renders the timeline, what is
// needed and the pickup instructions on each push, gap or reconnect; runs the online resubmission and withdrawal.
(function () {
  "use strict";
  const { liveCaseView, actionForms, flash, t } = window.ServiceHall;
  const detail = document.getElementById("tracker-detail");
  const code = detail.dataset.code;
  const view = liveCaseView({
    rootId: "tracker-detail",
    fragmentUrl: "/track/" + encodeURIComponent(code) + "/fragment",
    watch: hub => hub.invoke("WatchCase", code),
  });

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
