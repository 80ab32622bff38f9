using ServiceHall.Grains.Refusals;

namespace ServiceHall.Api.Http;

/// <summary>Refusals several endpoints answer alike (a case out of the reader's scope, no such case), said once.</summary>
public static class CommonRefusals
{
    public static readonly FieldError OutOfScope =
        FieldError.Of("scope", ErrorCodes.CaseOutOfScope, "This case is outside your hall, department or district.");

    public static readonly FieldError NoTrackedCase =
        FieldError.Of("trackingCode", ErrorCodes.TrackingNotFound, "No case has this tracking code.");

    /// <summary>No case with this id (a case id is no one's personal data).</summary>
    public static FieldError NoCase(string id, string field = "id") => FieldError.Of(field, ErrorCodes.CaseNotFound, $"No case '{id}'.", ("id", id));
}
