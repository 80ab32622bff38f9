namespace ServiceHall.Grains.Refusals;

/// <summary>
/// One refused rule: the request field it concerns (a JSON path such as <c>deficiencies[1].problem</c>), a stable code
/// from the error catalogue (<c>field.required</c>), and the values its message needs. Grains answer with codes; the
/// HTTP layer says them in the reader's language. <see cref="Message"/> is the English fallback for API clients and
/// logs, used only when the catalogue has no text for the code.
/// </summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Refusals.FieldError")]
public sealed record FieldError
{
    [Id(0)] public string? Field { get; init; }
    [Id(1)] public required string Code { get; init; }
    [Id(2)] public required string Message { get; init; }
    [Id(3)] public IReadOnlyDictionary<string, string> Args { get; init; } = EmptyArgs;

    private static readonly IReadOnlyDictionary<string, string> EmptyArgs = new Dictionary<string, string>();

    public static FieldError Of(string? field, string code, string message, params (string Name, object? Value)[] args) => new()
    {
        Field = field,
        Code = code,
        Message = message,
        Args = args.Length == 0 ? EmptyArgs : args.ToDictionary(a => a.Name, a => Convert.ToString(a.Value, System.Globalization.CultureInfo.InvariantCulture) ?? ""),
    };
}
