namespace ServiceHall.Workflows.Activities.ServiceHall;

/// <summary>Descriptor defaults shared by the <c>ServiceHall.*</c> activities (one toolbox group, "Service Hall").</summary>
internal static class ServiceHallDescriptor
{
    public const string Category = "Service Hall";
    public const string Namespace = "ServiceHall";

    public static ActivityDescriptor Create(string name, string displayName, string description,
        IReadOnlyList<PortDescriptor>? ports = null, IReadOnlyList<InputDescriptor>? inputs = null, IReadOnlyList<OutputDescriptor>? outputs = null) => new()
    {
        TypeName = $"{Namespace}.{name}",
        Namespace = Namespace,
        Name = name,
        Category = Category,
        DisplayName = displayName,
        Description = description,
        Ports = ports ?? [],
        Inputs = inputs ?? [],
        Outputs = outputs ?? [],
    };

    public static InputDescriptor Hall(float order = 10) =>
        DescriptorParts.Text("Hall", "Hall", "When set, only clerks of this hall may act.", order);

    public static InputDescriptor Department(float order = 10) =>
        DescriptorParts.Text("Department", "Department", "When set, only reviewers of this department may act.", order);

    public static OutputDescriptor DeficienciesOutput() =>
        DescriptorParts.Output("Deficiencies", "Object", "Deficiencies", "The deficiencies of a correction request.");
}
