using ServiceHall.Api.Cases;

namespace ServiceHall.Api.Applications;

/// <summary>
/// The <c>application</c> part of <c>POST /api/applications</c> (multipart): what <c>POST /api/cases</c> takes, minus
/// the channel (always online) and window. Scans come as files named after their material code; <c>materials</c>
/// lists only what is not a scan: an electronic business licence number in place of a licence copy.
/// </summary>
public sealed record OnlineApplicationRequest(
    string? ServiceItemCode,
    string? Hall,
    ApplicantRequest? Applicant,
    List<MaterialRequest>? Materials,
    DeliveryRequest? Delivery);

public sealed record VerificationCodeRequest(string? Phone);

public sealed record VerificationCodeResponse(string Phone, int ResendAfterSeconds, int AttemptsAllowed);
