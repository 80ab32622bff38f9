namespace ServiceHall.Grains.Catalog;

/// <summary>The channels a case can be opened through (ARCHITECTURE §5); items list the subset they allow.</summary>
public static class ServiceChannels
{
    public const string Window = "window";
    public const string CrossCity = "cross-city";
    public const string Nansha = "nansha";
    public const string KeyProject = "key-project";
    public const string Instant = "instant";
    public const string Online = "online";

    public static IReadOnlyList<string> All { get; } = [Window, CrossCity, Nansha, KeyProject, Instant, Online];
}
