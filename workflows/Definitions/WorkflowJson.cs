using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace ServiceHall.Workflows.Definitions;

/// <summary>Reads and writes workflow definitions (and the engine's other JSON) in Elsa's camelCase shape.</summary>
public static class WorkflowJson
{
    public static readonly JsonSerializerOptions Options = CreateOptions();

    /// <summary>Parses a definition; malformed JSON yields a message instead of an exception.</summary>
    public static bool TryParse(string json, [NotNullWhen(true)] out WorkflowDefinition? definition, [NotNullWhen(false)] out string? error)
    {
        try
        {
            definition = JsonSerializer.Deserialize<WorkflowDefinition>(json, Options);
            error = definition is null ? "The document is empty (null)." : null;
            return definition is not null;
        }
        catch (JsonException ex)
        {
            definition = null;
            error = $"Not a workflow definition: {ex.Message}";
            return false;
        }
    }

    /// <summary>Parses a definition, throwing <see cref="JsonException"/> when it is not one.</summary>
    public static WorkflowDefinition Parse(string json) =>
        TryParse(json, out var definition, out var error) ? definition : throw new JsonException(error);

    public static string Serialize(WorkflowDefinition definition, bool indented = false) =>
        JsonSerializer.Serialize(definition, indented ? IndentedOptions : Options);

    /// <summary>An independent copy, so normalising or running never edits the caller's object.</summary>
    public static WorkflowDefinition Clone(WorkflowDefinition definition) =>
        JsonSerializer.Deserialize<WorkflowDefinition>(JsonSerializer.SerializeToUtf8Bytes(definition, Options), Options)!;

    private static readonly JsonSerializerOptions IndentedOptions = new(Options) { WriteIndented = true };

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            // Nulls are written so a definition round-trips as it came; the few structural members that must not
            // appear as null (the studio crashes on them) opt out one by one.
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            // Chinese display names stay readable in stored definitions and exports.
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
            // Property names are matched exactly: the studio's own reader is case-sensitive, so must we be.
            PropertyNameCaseInsensitive = false,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
