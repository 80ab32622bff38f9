using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServiceHall.Workflows;

/// <summary>
/// Base of every class a host stores as JSON (grain state, the workflow state inside it, and every class within).
/// Members this build does not declare (a newer build wrote them, then was rolled back) are read into a private bag and
/// written back unchanged, so an older build that changes the row does not shorten it. The bag lives on the object
/// itself, so it travels wherever the object goes (another list, a dictionary).
/// </summary>
public abstract class StoredObject
{
    [JsonExtensionData, JsonInclude]
    private Dictionary<string, JsonElement>? UnknownMembers { get; set; }

    /// <summary>For an explicit copy: carries the members this build cannot see (elements are immutable; the bag is new).</summary>
    protected void CopyUnknownMembersFrom(StoredObject source) =>
        UnknownMembers = source.UnknownMembers is null ? null : new Dictionary<string, JsonElement>(source.UnknownMembers);
}

/// <summary>
/// <see cref="StoredObject"/> for records: <c>with</c> copies the unknown members along with the rest, and they take no
/// part in equality (two values that differ only in what this build cannot see are the same to it).
/// </summary>
public abstract record StoredRecord
{
    [JsonExtensionData, JsonInclude]
    private Dictionary<string, JsonElement>? UnknownMembers { get; init; }

    public virtual bool Equals(StoredRecord? other) => other is not null && EqualityContract == other.EqualityContract;

    public override int GetHashCode() => EqualityContract.GetHashCode();
}
