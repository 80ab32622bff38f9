namespace ServiceHall.Grains.Storage;

/// <summary>Names under which ServiceHall registers its Orleans providers, whatever the storage mode.</summary>
public static class StorageNames
{
    /// <summary>The grain-state provider every ServiceHall grain persists through.</summary>
    public const string GrainState = "servicehall";
}
