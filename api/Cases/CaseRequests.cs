using ServiceHall.Grains.Cases;

namespace ServiceHall.Api.Cases;

/// <summary><c>POST /api/cases</c> body (ARCHITECTURE §5 "Opening a case").</summary>
public sealed record OpenCaseRequest(
    string? ServiceItemCode,
    string? Channel,
    string? Hall,
    string? Window,
    ApplicantRequest? Applicant,
    List<MaterialRequest>? Materials,
    DeliveryRequest? Delivery,
    string? District = null);

public sealed record ApplicantRequest(string? Name, string? IdNumber, string? Phone, string? Organization, string? OrganizationCode = null);

public sealed record MaterialRequest(string? Code, string? Form, string? ELicenceNumber);

public sealed record DeliveryRequest(string? Method, string? Hall, string? Address);

/// <summary>Board / search query of <c>GET /api/cases</c>.</summary>
/// <param name="Page">Text, parsed by the handler: bound as a number, "abc" or "99999999999" would be the framework's
/// bare 400 instead of a problem naming <c>page</c>.</param>
public sealed record CaseListRequest(string? Stage, string? Channel, string? Department, string? Window, string? Q, string? Status, string? Hall, string? Page, bool? Overdue);

/// <param name="Total">How many cases match; at most 10,000 are counted (see <paramref name="TotalIsExact"/>).</param>
/// <param name="TotalIsExact">False when more than 10,000 match: <paramref name="Total"/> is then 10,000, a lower bound ("10,000+").</param>
public sealed record CaseListResponse(IReadOnlyList<CaseSummary> Items, int Page, int PageSize, int Total, bool TotalIsExact = true);

public sealed record CreatedCaseResponse(string Id, string Number, string TrackingCode, CaseView Case);

internal static class OpenCaseRequestMapping
{
    /// <summary>Missing required parts become a 400 naming the field; the grain checks the rest.</summary>
    public static (OpenCaseCommand? Command, string? Field) ToCommand(this OpenCaseRequest request, CaseActor actor, string? idempotencyKey)
    {
        if (request.Applicant is null)
        {
            return (null, "applicant");
        }

        var materials = new List<SubmittedMaterial>();
        for (var i = 0; i < (request.Materials?.Count ?? 0); i++)
        {
            var material = request.Materials![i];
            if (material is null)
            {
                return (null, $"materials[{i}]");
            }

            materials.Add(new SubmittedMaterial { Code = material.Code ?? "", Form = material.Form ?? "", ELicenceNumber = material.ELicenceNumber });
        }

        return (new OpenCaseCommand
        {
            ServiceItemCode = request.ServiceItemCode ?? "",
            Channel = request.Channel ?? "",
            Hall = request.Hall,
            Window = request.Window,
            District = request.District,
            Applicant = request.Applicant.ToDetails(),
            Materials = materials,
            Delivery = request.Delivery.ToChoice(),
            Actor = actor,
            IdempotencyKey = idempotencyKey,
        }, null);
    }

    /// <summary>Shared by the counter (<c>POST /api/cases</c>) and online applications, which take the same applicant part.</summary>
    public static ApplicantDetails ToDetails(this ApplicantRequest applicant) => new()
    {
        Name = applicant.Name ?? "",
        IdNumber = applicant.IdNumber ?? "",
        Phone = applicant.Phone ?? "",
        Organization = applicant.Organization,
        OrganizationCode = string.IsNullOrWhiteSpace(applicant.OrganizationCode) ? null : applicant.OrganizationCode.Trim().ToUpperInvariant(),
    };

    public static DeliveryChoice? ToChoice(this DeliveryRequest? delivery) => delivery is null ? null : new DeliveryChoice
    {
        Method = delivery.Method ?? "",
        Hall = delivery.Hall,
        Address = delivery.Address,
    };
}
