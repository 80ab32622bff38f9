using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Refusals;

namespace ServiceHall.Grains.Appointments;

/// <summary>
/// What a booking's applicant must be: checked by the day grain, and by the API before it spends a verification-code
/// try on a request that would be refused anyway.
/// </summary>
public static class BookingApplicant
{
    /// <summary>Every problem with <paramref name="applicant"/> (the case opening's applicant rules), empty when it is fine.</summary>
    public static IReadOnlyList<FieldError> Problems(ApplicantDetails? applicant) => applicant is null
        ? [FieldError.Of("applicant", ErrorCodes.FieldRequired, "The applicant is required.")]
        : [.. CaseOpeningRules.Applicant(applicant with { OrganizationCode = null })];
}
