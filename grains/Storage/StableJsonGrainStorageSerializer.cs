using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Storage;

namespace ServiceHall.Grains.Storage;

/// <summary>
/// Grain-state serializer on System.Text.Json. The payload holds only the state's own fields, never a CLR type name:
/// the reader supplies the type, so renaming or moving a state class cannot orphan stored rows. Polymorphic members
/// declare stable discriminators with <see cref="JsonDerivedTypeAttribute"/>. Members a newer build wrote survive a
/// round trip through an older one: every stored type derives from <see cref="Workflows.StoredObject"/> or
/// <see cref="Workflows.StoredRecord"/>, which keep them (a guard test walks every grain state's types).
/// </summary>
public sealed class StableJsonGrainStorageSerializer : IGrainStorageSerializer
{
    /// <summary>The options every stored state is written with.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, Options));

    public T Deserialize<T>(BinaryData input) =>
        JsonSerializer.Deserialize<T>(input.ToMemory().Span, Options)
        ?? throw new JsonException($"Stored state for {typeof(T).Name} is the JSON literal null.");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            // Unknown fields come from newer builds during a rolling upgrade or after a rollback: the stored types' bases
            // keep them for the next write (see the summary).
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            IncludeFields = false,
            // Stored rows are read by operators with psql/sqlite3; Chinese text stays legible instead of \uXXXX.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.Converters.Add(new Cases.CaseJournalStepJson());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
