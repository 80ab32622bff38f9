using ServiceHall.Grains.Applications;

namespace ServiceHall.Grains.Appointments;

/// <summary>Keys of the quota grains: keyed digests, so no grain id, stored row or log line shows a phone or ID number.</summary>
internal static class BookingQuotaKeys
{
    public static string Phone(ApplicantDigests digests, string phone) => "phone-" + digests.Subject("phone", phone.Trim());

    public static string IdNumber(ApplicantDigests digests, string idNumber) =>
        "id-" + digests.Subject("id-number", idNumber.Trim().ToUpperInvariant());
}
