using System.Text.Json.Nodes;
using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Workflows.Activities.ServiceHall;

/// <summary><c>ServiceHall.Acceptance</c> (受理): a clerk checks the materials and accepts, rejects or asks for a correction.</summary>
public sealed class AcceptanceActivity : IHumanStepActivity
{
    public const string Accepted = "Accepted";
    public const string CorrectionRequested = "CorrectionRequested";
    public const string Rejected = "Rejected";

    /// <summary>The accept body's explicit "accept with the listed deficiencies" (容缺受理), printed on the receipt.</summary>
    public const string AcceptWithDeficiencies = "acceptWithDeficiencies";

    /// <summary>Workflow input, step data and receipt data: codes of required materials not yet handed in.</summary>
    public const string MissingMaterials = "missingMaterials";

    private const string SuppliedKey = "suppliedMaterials";

    public ActivityDescriptor Descriptor { get; } = ServiceHallDescriptor.Create(
        "Acceptance", "受理 Acceptance", "A clerk checks the application's materials: accept, reject, or request a correction.",
        ports:
        [
            DescriptorParts.Port(Accepted, "受理 Accepted"),
            DescriptorParts.Port(CorrectionRequested, "补正 Needs correction"),
            DescriptorParts.Port(Rejected, "不予受理 Rejected"),
        ],
        inputs: [ServiceHallDescriptor.Hall()],
        outputs:
        [
            ServiceHallDescriptor.DeficienciesOutput(),
            DescriptorParts.Output("Materials", "Object", "Materials", "The materials as the clerk confirmed them."),
        ]);

    public ActivityResult Execute(ActivityContext context)
    {
        var hall = context.GetText("Hall");
        context.OpenStep(new StepSpec(BoardStage.Acceptance, [ActionNames.Accept, ActionNames.Reject, ActionNames.RequestCorrection], [Roles.Clerk])
        {
            Hall = hall,
            Data = new JsonObject { [MissingMaterials] = Codes(StillMissing(context)) },
        });
        return ActivityResult.Wait;
    }

    public ActivityResult Resume(StepContext step)
    {
        var context = step.Activity;
        switch (step.Action)
        {
            case ActionNames.Accept:
                var materials = Payload.OptionalArray(step.Payload, "materials");
                var comment = Payload.OptionalText(step.Payload, "comment");
                var confirmed = ConfirmedAtTheCounter(materials);
                var missing = StillMissing(context).Where(code => !confirmed.Contains(code)).ToList();
                var withDeficiencies = Payload.OptionalFlag(step.Payload, AcceptWithDeficiencies);
                if (missing.Count > 0 && !withDeficiencies)
                {
                    // The receipt says the materials are complete; a case lacking one is not. The clerk either sends the
                    // one-time correction notice (一次性告知) or says, explicitly, that it is accepted with these listed.
                    throw new StimulusRejectedException(new InvalidPayload("materials",
                        $"required materials are missing ({string.Join(", ", missing)}): request a correction, confirm them in materials, or accept with {AcceptWithDeficiencies}: true.",
                        "acceptance.materialsMissing")
                    {
                        Args = new Dictionary<string, string> { ["materials"] = string.Join(", ", missing) },
                    });
                }

                context.SetOutput("Materials", materials);
                context.Emit(new IssueDocument(DocumentKinds.Receipt, new JsonObject
                {
                    ["acceptedBy"] = step.Actor.Id,
                    ["comment"] = comment,
                    ["materials"] = materials,
                    ["suppliedMaterials"] = Codes(Supplied(context).Concat(confirmed).Distinct(StringComparer.Ordinal)),
                    [MissingMaterials] = Codes(missing),
                }));
                return ActivityResult.Outcome(Accepted);

            case ActionNames.Reject:
                var reason = Payload.RequiredText(step.Payload, "reason");
                context.Emit(new IssueDocument(DocumentKinds.RejectionNotice, new JsonObject { ["reason"] = reason, ["rejectedBy"] = step.Actor.Id }));
                context.Emit(new SendNotification(Roles.Applicant, "sms", "application-rejected", new JsonObject { ["reason"] = reason }));
                return ActivityResult.Outcome(Rejected);

            default:
                var raised = Deficiencies.Raised(step);
                // The notice must be answered in full before the case comes back here, so the materials it names are
                // in hand then; remembered for the next acceptance and for the receipt.
                var supplied = Supplied(context).Concat(raised.OfType<JsonObject>()
                    .Select(d => Payload.OptionalText(d, "materialCode")).OfType<string>()).Distinct(StringComparer.Ordinal);
                context.Data[SuppliedKey] = Codes(supplied);
                context.SetOutput("Deficiencies", raised);
                return ActivityResult.Outcome(CorrectionRequested);
        }
    }

    /// <summary>The required materials missing at opening that no correction round has asked for since.</summary>
    private static List<string> StillMissing(ActivityContext context)
    {
        var supplied = Supplied(context).ToHashSet(StringComparer.Ordinal);
        return (context.WorkflowInput[MissingMaterials] as JsonArray ?? [])
            .Select(code => code?.GetValue<string>()).OfType<string>()
            .Where(code => !supplied.Contains(code))
            .ToList();
    }

    private static IEnumerable<string> Supplied(ActivityContext context) =>
        (context.Data[SuppliedKey] as JsonArray ?? []).Select(code => code?.GetValue<string>()).OfType<string>();

    /// <summary>The codes the clerk lists in <c>accept {materials: [{code, form}]}</c>: handed in at the counter.</summary>
    private static HashSet<string> ConfirmedAtTheCounter(JsonArray? materials)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (materials?.Count ?? 0); i++)
        {
            if (materials![i] is not JsonObject material)
            {
                throw Payload.Invalid($"materials[{i}]", "must be an object {code, form}.", Payload.Rules.NotObject);
            }

            codes.Add(Payload.RequiredText(material, "code", $"materials[{i}].code"));
        }

        return codes;
    }

    private static JsonArray Codes(IEnumerable<string> codes) => new([.. codes.Select(code => (JsonNode)code)]);
}
