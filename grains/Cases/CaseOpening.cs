using System.Text.Json.Nodes;
using ServiceHall.Grains.Catalog;
using ServiceHall.Grains.Organisation;
using ServiceHall.Grains.Refusals;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// Checks an opening against the catalogue and the hall's organisation, and works out what the case starts with:
/// where it is reviewed, which materials are in, waived or missing, and the workflow input.
/// </summary>
internal static class CaseOpening
{
    public static readonly IReadOnlySet<string> Channels = new HashSet<string> { "window", "cross-city", "nansha", "key-project", "instant", "online" };
    public static readonly IReadOnlySet<string> MaterialForms = new HashSet<string> { "original", "copy", "electronic", "e-licence" };
    public static readonly IReadOnlySet<string> DeliveryMethods = new HashSet<string> { "window", "ems", "electronic" };

    // The municipal hall's own departments carry plain codes; other cities' are prefixed with the city.
    private const string HomeCity = "guangzhou";

    /// <summary>Shape checks that need neither catalogue nor organisation (400s), every broken rule at once.</summary>
    public static CaseResult? CheckShape(OpenCaseCommand command) =>
        CaseOpeningRules.Check(command) is { Count: > 0 } errors ? CaseResult.Refused(CaseOutcome.Invalid, errors) : null;

    /// <summary>Where the case is accepted, reviewed and collected; refusals name the field.</summary>
    public static (CaseResult? Refusal, Placement Placement) Place(OpenCaseCommand command, ServiceItem? item, OrganisationDirectory organisation)
    {
        var hallCode = command.Hall ?? command.Actor.Hall;
        if (hallCode is null)
        {
            return (Invalid(FieldError.Of("hall", "hall.required", "Name the hall the case is accepted at.")), default);
        }

        if (command.Actor.Hall is not null && !Policy.CasePolicy.Same(command.Actor.Hall, hallCode))
        {
            return (CaseResult.Refused(CaseOutcome.Forbidden, FieldError.Of("hall", "hall.notYours", $"A clerk of hall '{command.Actor.Hall}' cannot open cases at '{hallCode}'.")), default);
        }

        var hall = organisation.FindHall(hallCode);
        if (hall is null)
        {
            return (Unprocessable(FieldError.Of("hall", "hall.unknown", $"Unknown hall '{hallCode}'.", ("hall", hallCode))), default);
        }

        // From here on the problems are independent of each other, so all of them are named at once.
        var errors = new List<FieldError>();
        var windowCode = command.Window ?? command.Actor.Window;
        Window? window = null;
        if (windowCode is not null)
        {
            window = organisation.FindWindow(hall.Code, windowCode);
            if (window is null)
            {
                errors.Add(FieldError.Of("window", "window.unknown", $"Hall '{hall.Code}' has no window '{windowCode}'.", ("window", windowCode)));
            }

            // Also when the window comes from the clerk's own scope: leaving it out must not open a channel
            // (the instant one, say) that the clerk's window does not serve. Then the window is what to change.
            else if (window.Channel != command.Channel && command.Channel != "online")
            {
                errors.Add(FieldError.Of(command.Window is null ? "window" : "channel", "window.otherChannel",
                    $"Window '{window.Code}' serves the '{window.Channel}' channel, not '{command.Channel}'."));
            }
        }
        else if (command.Channel != "online")
        {
            errors.Add(FieldError.Of("window", "window.required", $"Name the window the '{command.Channel}' case is accepted at."));
        }

        if (item is null)
        {
            errors.Add(FieldError.Of("serviceItemCode", "serviceItem.unknown", $"No service item '{command.ServiceItemCode}' in the catalogue."));
        }
        else if (!item.Channels.Contains(command.Channel))
        {
            errors.Add(FieldError.Of("channel", "serviceItem.channelNotOffered", $"'{item.NameZh}' is not offered on the '{command.Channel}' channel; allowed: {string.Join(", ", item.Channels)}.", ("item", item.NameZh)));
        }

        if (command.Delivery?.Hall is { } pickupHall && organisation.FindHall(pickupHall) is null)
        {
            errors.Add(FieldError.Of("delivery.hall", "hall.unknown", $"Unknown pickup hall '{pickupHall}'.", ("hall", pickupHall)));
        }

        // A cross-city case is reviewed by the partner city's department, which the cross-city window names.
        if (command.Channel == "cross-city" && window is not { Channel: "cross-city", PartnerCity: not null } && !errors.Any(e => e.Field == "window"))
        {
            errors.Add(FieldError.Of("window", "window.crossCityOnly", "A cross-city case must be accepted at a cross-city window (it names the partner city)."));
        }

        if (errors.Count > 0 || item is null)
        {
            return (CaseResult.Refused(CaseOutcome.Unprocessable, errors), default);
        }

        var reviewCity = command.Channel == "cross-city" ? window!.PartnerCity : hall.City;

        var department = command.Channel == ServiceChannels.Nansha
            ? NanshaDistrict.ReviewingDepartment(item.Department)
            : DepartmentIn(reviewCity, item.Department, organisation);
        return (null, new Placement(hall.Code, window?.Code, department));
    }

    /// <summary>Each required material: submitted, waived (ID-card copy), replaced by the e-licence, or missing.</summary>
    public static (CaseResult? Refusal, List<MaterialView> Materials, int CopiesSaved) Materials(OpenCaseCommand command, ServiceItem item)
    {
        var errors = new List<FieldError>();
        for (var i = 0; i < command.Materials.Count; i++)
        {
            var submitted = command.Materials[i];
            var required = item.Materials.FirstOrDefault(m => m.Code == submitted.Code);
            if (required is null)
            {
                errors.Add(FieldError.Of($"materials[{i}].code", "material.notAsked", $"'{item.NameZh}' does not ask for material '{submitted.Code}'.", ("item", item.NameZh)));
            }
            else if (submitted.Form == "e-licence" && required.Waiver != "e-licence")
            {
                errors.Add(FieldError.Of($"materials[{i}].form", "material.noELicence", $"'{required.NameZh}' cannot be replaced by an electronic licence.", ("material", required.NameZh)));
            }
        }

        if (errors.Count > 0)
        {
            return (CaseResult.Refused(CaseOutcome.Unprocessable, errors), [], 0);
        }

        var views = new List<MaterialView>();
        var saved = 0;
        foreach (var required in item.Materials)
        {
            var submitted = command.Materials.FirstOrDefault(m => m.Code == required.Code);
            if (submitted is { Form: "e-licence" })
            {
                views.Add(new MaterialView(required.Code, required.NameZh, submitted.Form, "e-licence", submitted.ELicenceNumber));
                saved++;
            }
            else if (submitted is not null)
            {
                views.Add(new MaterialView(required.Code, required.NameZh, submitted.Form, "submitted", null));
            }
            else if (required.Waiver == "id-card")
            {
                views.Add(new MaterialView(required.Code, required.NameZh, null, "waived", null));
                saved++;
            }
            else if (!required.Optional)
            {
                views.Add(new MaterialView(required.Code, required.NameZh, null, "missing", null));
            }
        }

        return (null, views, saved);
    }

    public static JsonObject WorkflowInput(OpenCaseCommand command, ServiceItem item, Placement placement) => new()
    {
        // The acceptance step will not take a case as complete while any of these is still missing (受理窗口形式审查).
        ["missingMaterials"] = new JsonArray([.. Materials(command, item).Materials.Where(m => m.Status == "missing").Select(m => (JsonNode)m.Code)]),
        ["serviceItemCode"] = item.Code,
        ["channel"] = command.Channel,
        ["hall"] = placement.Hall,

        // A cross-city applicant collects where they chose; the certificate and pickup steps follow it.
        ["pickupHall"] = command.Delivery?.Hall ?? placement.Hall,
        ["window"] = placement.Window,
        ["department"] = placement.ReviewDepartment,
        ["reviewDepartment"] = placement.ReviewDepartment,
        ["deliveryMethod"] = command.Delivery?.Method ?? "window",
        ["timeLimitDays"] = item.TimeLimitDays,
        ["certificateForm"] = command.Delivery?.Method == "electronic" ? "electronic" : "paper",
    };

    /// <summary>Another city's department is named after that city's hall: <c>qy-market-regulation</c>.</summary>
    public static string DepartmentIn(string? city, string department, OrganisationDirectory organisation) =>
        city is null || string.Equals(city, HomeCity, StringComparison.OrdinalIgnoreCase)
            ? department
            : $"{organisation.FindHallInCity(city)?.Code ?? city}-{department}";

    private static CaseResult Invalid(FieldError error) => CaseResult.Refused(CaseOutcome.Invalid, error);

    private static CaseResult Unprocessable(FieldError error) => CaseResult.Refused(CaseOutcome.Unprocessable, error);
}

/// <summary>Where a case lives: accepting hall and window, and the department that reviews it.</summary>
internal readonly record struct Placement(string Hall, string? Window, string ReviewDepartment);
