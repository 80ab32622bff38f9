using ServiceHall.Grains.Refusals;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// What the case itself requires of two shipped step actions, whatever workflow offers them: approving (准予) needs a
/// written opinion (审批意见), and handing the certificate over (已领取) needs who collected it and the identity
/// document the clerk checked. Checked after the workflow accepted the step (so a caller who may not act learns
/// nothing of the form) and before anything changes; each refusal is a 422 naming its field (the body is well-formed,
/// the hall's rule is not met).
/// </summary>
internal static class StepInputRules
{
    public const int OpinionMaxLength = 500;
    public const int NameMaxLength = 50;
    public const string Applicant = "applicant";
    public const string Agent = "agent";
    public const string ResidentId = "resident";
    public const string OtherId = "other";

    /// <summary>A refusal, or null when the action's own fields are fine (actions other than these two always are).</summary>
    public static CaseResult? Check(CaseActionContext context) => context.Request.Action switch
    {
        ActionNames.Approve => Required(context, "opinion", OpinionMaxLength, out _),
        ActionNames.PickedUp => CheckCollection(context, out _),
        _ => null,
    };

    /// <summary>A text the step cannot do without: a 422 naming it when blank or longer than <paramref name="maxLength"/>.</summary>
    private static CaseResult? Required(CaseActionContext context, string field, int maxLength, out string text)
    {
        text = context.OptionalText(field) ?? "";
        return text.Length == 0 ? context.Refuse(CaseOutcome.Unprocessable, FieldError.Of(field, "field.required", $"'{field}' is required."))
            : text.Length > maxLength ? context.Refuse(CaseOutcome.Unprocessable, FieldError.Of(field, "field.tooLong", $"'{field}' is longer than {maxLength} characters.", ("max", maxLength)))
            : null;
    }

    /// <summary>The collection the <c>picked-up</c> body describes, or the refusal naming the field at fault.</summary>
    public static CaseResult? CheckCollection(CaseActionContext context, out CertificateCollection? collection)
    {
        collection = null;
        var collector = context.OptionalText("collector");
        if (collector is not (Applicant or Agent))
        {
            return context.Refuse(CaseOutcome.Unprocessable, FieldError.Of("collector", "collection.collector",
                collector is null ? "'collector' is required: applicant or agent." : $"'{collector}' is not a collector (applicant or agent)."));
        }

        var applicant = context.Current.Applicant;
        var name = context.OptionalText("by") ?? (collector == Applicant ? applicant?.Name : null);
        if (string.IsNullOrEmpty(name))
        {
            return context.Refuse(CaseOutcome.Unprocessable, FieldError.Of("by", "field.required", "'by' is required: the name of the person collecting."));
        }

        if (name.Length > NameMaxLength)
        {
            return context.Refuse(CaseOutcome.Unprocessable, FieldError.Of("by", "field.tooLong", $"'by' is longer than {NameMaxLength} characters.", ("max", NameMaxLength)));
        }

        var idType = context.OptionalText("idType") ?? ResidentId;
        if (idType is not (ResidentId or OtherId))
        {
            return context.Refuse(CaseOutcome.Unprocessable, FieldError.Of("idType", "collection.idType", $"'{idType}' is not an identity document type (resident or other)."));
        }

        if (Required(context, "idNumber", 30, out var idNumber) is { } missing)
        {
            return missing;
        }

        if (idType == ResidentId)
        {
            idNumber = idNumber.ToUpperInvariant();
            if (!ChineseIdNumber.IsValid(idNumber))
            {
                return context.Refuse(CaseOutcome.Unprocessable, FieldError.Of("idNumber", "applicant.idNumberInvalid", "'idNumber' is not a valid resident identity number (18 characters, check digit)."));
            }

            // The applicant in person shows the ID the case was opened with.
            if (collector == Applicant && applicant is not null && ChineseIdNumber.IsValid(applicant.IdNumber)
                && !string.Equals(applicant.IdNumber, idNumber, StringComparison.OrdinalIgnoreCase))
            {
                return context.Refuse(CaseOutcome.Unprocessable, FieldError.Of("idNumber", "collection.notApplicantsId", "'idNumber' is not the applicant's identity number; record the collector as an agent."));
            }
        }
        else if (idNumber.Length < 4 || !idNumber.All(char.IsAsciiLetterOrDigit))
        {
            return context.Refuse(CaseOutcome.Unprocessable, FieldError.Of("idNumber", "collection.idNumberFormat", "'idNumber' must be 4 to 30 letters and digits."));
        }

        collection = new CertificateCollection
        {
            Collector = collector,
            Name = name,
            IdType = idType,
            IdNumber = idNumber,
            At = context.Now,
            HandedOverBy = context.Actor.Id,
        };
        return null;
    }
}
