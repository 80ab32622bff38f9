using System.Text.RegularExpressions;
using ServiceHall.Grains.Cases;

namespace ServiceHall.Grains.Appointments;

/// <summary>
/// What a booking's applicant must be: checked by the day grain, and by the API before it spends a verification-code
/// try on a request that would be refused anyway.
/// </summary>
public static partial class BookingApplicant
{
    /// <summary>The first problem with <paramref name="applicant"/> as (field, message), or null when it is fine.</summary>
    public static (string Field, string Message)? Problem(ApplicantDetails? applicant)
    {
        if (applicant is null)
        {
            return ("applicant", "The applicant is required.");
        }

        if (string.IsNullOrWhiteSpace(applicant.Name) || applicant.Name.Length > 50)
        {
            return ("applicant.name", "The applicant's name is required (at most 50 characters).");
        }

        if (!ChineseIdNumber.IsValid(applicant.IdNumber))
        {
            return ("applicant.idNumber", "Not a valid 18-character resident identity number.");
        }

        return MobilePhone().IsMatch(applicant.Phone ?? "")
            ? null
            : ("applicant.phone", "Not a mainland mobile number (11 digits starting with 1).");
    }

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex MobilePhone();
}
