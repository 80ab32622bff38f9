using System.Text.RegularExpressions;
using ServiceHall.Grains.Refusals;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// The shape rules of an opening (applicant, materials, delivery) that need neither catalogue nor organisation. The case
/// grain refuses by them; the online application checks them first too, so its form learns every wrong field at once,
/// together with a missing verification code or scan, instead of one per attempt.
/// </summary>
public static partial class CaseOpeningRules
{
    /// <summary>Every broken rule, in the form's order; empty when the opening is well-formed.</summary>
    public static IReadOnlyList<FieldError> Check(OpenCaseCommand command)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(command.ServiceItemCode))
        {
            errors.Add(FieldError.Of("serviceItemCode", "serviceItem.required", "A service item code is required."));
        }

        if (!CaseOpening.Channels.Contains(command.Channel))
        {
            errors.Add(FieldError.Of("channel", "field.oneOf", $"Channel must be one of {string.Join(", ", CaseOpening.Channels)}.",
                ("allowed", string.Join(", ", CaseOpening.Channels))));
        }

        errors.AddRange(Applicant(command.Applicant));
        for (var i = 0; i < command.Materials.Count; i++)
        {
            var material = command.Materials[i];
            if (string.IsNullOrWhiteSpace(material.Code))
            {
                errors.Add(FieldError.Of($"materials[{i}].code", "field.required", "A material code is required."));
            }
            else if (command.Materials.Take(i).Any(m => m.Code == material.Code))
            {
                errors.Add(FieldError.Of($"materials[{i}].code", "material.duplicate", $"Material '{material.Code}' is listed twice."));
            }

            if (!CaseOpening.MaterialForms.Contains(material.Form))
            {
                errors.Add(FieldError.Of($"materials[{i}].form", "field.oneOf", $"Form must be one of {string.Join(", ", CaseOpening.MaterialForms)}.",
                    ("allowed", string.Join(", ", CaseOpening.MaterialForms))));
            }
            else if (material.Form == "e-licence" && string.IsNullOrWhiteSpace(material.ELicenceNumber))
            {
                errors.Add(FieldError.Of($"materials[{i}].eLicenceNumber", "material.eLicenceNumberRequired", "An electronic licence needs its number."));
            }
        }

        if (command.Delivery is { } delivery)
        {
            if (!CaseOpening.DeliveryMethods.Contains(delivery.Method))
            {
                errors.Add(FieldError.Of("delivery.method", "field.oneOf", $"Delivery must be one of {string.Join(", ", CaseOpening.DeliveryMethods)}.",
                    ("allowed", string.Join(", ", CaseOpening.DeliveryMethods))));
            }
            else if (delivery.Method == "ems" && string.IsNullOrWhiteSpace(delivery.Address))
            {
                errors.Add(FieldError.Of("delivery.address", "delivery.addressRequired", "EMS delivery needs a postal address."));
            }
        }

        return errors;
    }

    /// <summary>The applicant's name, identity number, phone and credit code (shared with bookings).</summary>
    public static IEnumerable<FieldError> Applicant(ApplicantDetails applicant)
    {
        if (string.IsNullOrWhiteSpace(applicant.Name) || applicant.Name.Length > 50)
        {
            yield return FieldError.Of("applicant.name", "applicant.nameRequired", "The applicant's name is required (at most 50 characters).");
        }

        if (!ChineseIdNumber.IsValid(applicant.IdNumber))
        {
            yield return FieldError.Of("applicant.idNumber", "applicant.idNumberInvalid", "Not a valid 18-character resident identity number.");
        }

        if (!IsMobilePhone(applicant.Phone))
        {
            yield return FieldError.Of("applicant.phone", "phone.invalid", "Not a mainland mobile number (11 digits starting with 1).");
        }

        if (applicant.OrganizationCode is { } creditCode && !Certificates.CreditCode.LooksValid(creditCode))
        {
            yield return FieldError.Of("applicant.organizationCode", "applicant.creditCodeInvalid", "A unified social credit code has 18 letters and digits.");
        }
    }

    public static bool IsMobilePhone(string? phone) => MobilePhone().IsMatch(phone ?? "");

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex MobilePhone();
}
