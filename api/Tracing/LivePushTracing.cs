using System.Diagnostics;

namespace ServiceHall.Api.Tracing;

/// <summary>
/// The span of one live push. It starts inside the observer call that delivered the change (Orleans' activity
/// propagation restores the caller's trace there), so a trace runs from the request that changed a case through the
/// case grain and the feed grain to the push that told the boards.
/// </summary>
internal static class LivePushTracing
{
    public static Activity? Start(string caseId)
    {
        var activity = CaseTracing.Source.StartActivity(CaseTracing.LivePushName, ActivityKind.Producer);
        activity?.SetTag(CaseTracing.CaseIdAttribute, caseId);
        activity?.SetTag("messaging.system", "signalr");
        activity?.SetTag("messaging.destination.name", "caseChanged");
        return activity;
    }
}
