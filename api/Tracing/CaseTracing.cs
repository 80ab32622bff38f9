using System.Diagnostics;

namespace ServiceHall.Api.Tracing;

/// <summary>
/// ServiceHall's own spans and the one attribute that ties a trace to a case. Only the case id goes on a span: it is
/// an opaque identifier, while tracking codes, names and phone numbers are personal and never become attributes.
/// </summary>
public static class CaseTracing
{
    public const string SourceName = "ServiceHall";

    /// <summary>The case an HTTP request, a grain call's effects or a live push concerned.</summary>
    public const string CaseIdAttribute = "servicehall.case.id";

    public const string LivePushName = "SignalR push caseChanged";

    internal static readonly ActivitySource Source = new(SourceName);

    /// <summary>Marks the request being served (the ASP.NET Core server span) as one about this case.</summary>
    public static void TagCurrentRequest(string caseId) => Activity.Current?.SetTag(CaseIdAttribute, caseId);
}
