namespace ServiceHall.Api.Elsa;

/// <summary><c>ServiceHall:Studio</c>: where the Elsa Studio files are (the build puts them beside the assemblies).</summary>
public sealed class StudioOptions
{
    public const string SectionName = "ServiceHall:Studio";

    /// <summary>The folder of the unpacked <c>@elsa-workflows/elsa-studio-wasm</c> package; default: <c>elsa-studio</c> beside the app.</summary>
    public string? Root { get; set; }

    public string RootOrDefault => string.IsNullOrWhiteSpace(Root) ? Path.Combine(AppContext.BaseDirectory, "elsa-studio") : Root;
}
