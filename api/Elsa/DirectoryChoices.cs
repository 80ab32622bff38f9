using System.Text.Json.Nodes;
using ServiceHall.Grains.Catalog;
using ServiceHall.Grains.Organisation;
using ServiceHall.Workflows.Activities;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Api.Elsa;

/// <summary>
/// Turns the service-hall inputs that name a department, hall, district or role into dropdowns whose items come from
/// the catalogue and the staff directory, so a designer picks a real code instead of typing one. The engine's own
/// descriptors cannot do this: the workflow library knows nothing of either.
/// </summary>
public sealed class DirectoryChoices(IReadOnlyList<Department> departments, OrganisationDirectory organisation)
{
    private const string Any = "";

    public InputDescriptor Apply(ActivityDescriptor activity, InputDescriptor input)
    {
        if (!activity.TypeName.StartsWith("ServiceHall.", StringComparison.Ordinal) || input.TypeName != "String")
        {
            return input;
        }

        IReadOnlyList<(string Text, string Value)>? items = input.Name switch
        {
            "Department" => [("任意部门 Any department", Any), .. departments.Select(d => ($"{d.NameZh} {d.NameEn} ({d.Code})", d.Code))],
            "Hall" => [("任意大厅 Any hall", Any), .. organisation.Halls.Select(h => ($"{h.NameZh} ({h.Code})", h.Code))],
            "District" => [("任意区 Any district", Any), .. Districts().Select(d => (d, d))],
            "Role" => [.. StaffRolesInDirectory().Select(r => (r, r))],
            "Recipient" => [(Roles.Applicant, Roles.Applicant), .. StaffRolesInDirectory().Select(r => (r, r))],
            _ => null,
        };
        return items is null ? input : input with { UiHint = UiHints.Dropdown, UiSpecifications = Dropdown(items) };
    }

    /// <summary>The roles staff of this installation hold, in the directory's order of roles; designers act on no case.</summary>
    private IEnumerable<string> StaffRolesInDirectory() =>
        StaffRoles.All.Where(role => role != StaffRoles.Designer && organisation.Staff.Any(s => s.Role == role));

    private IEnumerable<string> Districts() =>
        organisation.Staff.Select(s => s.District).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal);

    // The studio looks the list up under the hint's own name ("dropdown"); any other key shows an empty list.
    private static JsonObject Dropdown(IEnumerable<(string Text, string Value)> items) => new()
    {
        [UiHints.Dropdown] = new JsonObject
        {
            ["selectList"] = new JsonObject
            {
                ["isFlagsEnum"] = false,
                ["items"] = new JsonArray([.. items.Select(i => (JsonNode)new JsonObject { ["text"] = i.Text, ["value"] = i.Value })]),
            },
        },
    };
}
