using System.Text.Json.Nodes;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// The one mapping from a typed <see cref="CaseActionInput"/> to the <see cref="JsonObject"/> payload the workflow
/// interpreter's activities read. Member by member, no text in between: a member left out (null) is absent, as it was
/// when the body did not send it, and a null list item stays a null item so the activity can refuse it by its index
/// (<c>deficiencies[1]</c>). The activities keep checking what is required; this only changes the representation.
/// </summary>
internal static class CaseActionPayload
{
    public static JsonObject ToJson(CaseActionInput input)
    {
        var payload = new JsonObject();
        Text(payload, "stepId", input.StepId);
        Text(payload, "reason", input.Reason);
        Text(payload, "comment", input.Comment);
        Text(payload, "opinion", input.Opinion);
        Text(payload, "form", input.Form);
        Text(payload, "emsTrackingNo", input.EmsTrackingNo);
        Text(payload, "by", input.By);
        Text(payload, "collector", input.Collector);
        Text(payload, "idType", input.IdType);
        Text(payload, "idNumber", input.IdNumber);
        List(payload, "deficiencies", input.Deficiencies, Deficiency);
        List(payload, "answers", input.Answers, Answer);
        List(payload, "materials", input.Materials, Material);
        List(payload, "groups", input.Groups, Group);
        Text(payload, "part", input.Part);
        Text(payload, "department", input.Department);
        Text(payload, "reviewer", input.Reviewer);
        Text(payload, "dueAt", input.DueAt);
        Flag(payload, "newGroup", input.NewGroup);
        Flag(payload, "acceptWithDeficiencies", input.AcceptWithDeficiencies);

        Text(payload, "coordinator", input.Coordinator);
        Text(payload, "district", input.District);
        Text(payload, "message", input.Message);
        Text(payload, "summary", input.Summary);
        Text(payload, "hall", input.Hall);
        return payload;
    }

    private static JsonObject Deficiency(DeficiencyInput item)
    {
        var node = new JsonObject();
        Text(node, "materialCode", item.MaterialCode);
        Text(node, "problem", item.Problem);
        return node;
    }

    private static JsonObject Answer(DeficiencyAnswerInput item)
    {
        var node = new JsonObject();
        Text(node, "deficiencyId", item.DeficiencyId);
        Text(node, "note", item.Note);
        return node;
    }

    private static JsonObject Material(CheckedMaterialInput item)
    {
        var node = new JsonObject();
        Text(node, "code", item.Code);
        Text(node, "form", item.Form);
        return node;
    }

    private static JsonObject Group(RoutingGroupInput item)
    {
        var node = new JsonObject();
        Flag(node, "parallel", item.Parallel);

        List(node, "steps", item.Steps, RoutingStep);
        return node;
    }

    private static JsonObject RoutingStep(RoutingStepInput item)
    {
        var node = new JsonObject();
        Text(node, "department", item.Department);
        Text(node, "reviewer", item.Reviewer);
        Text(node, "dueAt", item.DueAt);
        return node;
    }

    private static void Text(JsonObject node, string name, string? value)
    {
        if (value is not null)
        {
            node[name] = value;
        }
    }

    private static void Flag(JsonObject node, string name, bool? value)
    {
        if (value is { } flag)
        {
            node[name] = flag;
        }
    }

    private static void List<T>(JsonObject node, string name, IReadOnlyList<T?>? items, Func<T, JsonObject> map)
        where T : class
    {
        if (items is not null)
        {
            node[name] = new JsonArray([.. items.Select(item => item is null ? null : (JsonNode)map(item))]);
        }
    }
}
