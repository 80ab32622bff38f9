using System.Collections;
using System.Reflection;
using ServiceHall.Grains.Cases;
using ServiceHall.Workflows;

namespace ServiceHall.Grains.Tests.Storage;

/// <summary>
/// Every object a grain stores keeps members it does not know (a newer build's, read during a rollback): each state
/// class, and each class reachable from it, derives from <see cref="StoredObject"/> or <see cref="StoredRecord"/>.
/// A new state class that forgets it would silently shorten rows written by a newer build.
/// </summary>
public sealed class StoredTypesTests
{
    [Fact]
    public void EveryStoredObjectKeepsUnknownMembers()
    {
        var roots = typeof(CaseGrain).Assembly.GetTypes()
            .Where(t => typeof(Grain).IsAssignableFrom(t))
            .SelectMany(t => t.GetConstructors().SelectMany(c => c.GetParameters()))
            .Where(p => p.GetCustomAttribute<PersistentStateAttribute>() is not null)
            .Select(p => p.ParameterType.GetGenericArguments()[0])
            .Distinct()
            .ToList();
        Assert.NotEmpty(roots);

        var seen = new HashSet<Type>();
        var forgetful = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Type>(roots);
        while (pending.Count > 0)
        {
            var type = pending.Pop();
            if (!seen.Add(type))
            {
                continue;
            }

            foreach (var inner in Contained(type))
            {
                pending.Push(inner);
            }

            if (Ours(type) && type.IsClass && !typeof(StoredObject).IsAssignableFrom(type) && !typeof(StoredRecord).IsAssignableFrom(type))
            {
                forgetful.Add(type.FullName!);
            }
        }

        Assert.True(forgetful.Count == 0, "Not keeping unknown members: " + string.Join(", ", forgetful));
    }

    private static bool Ours(Type type) => type.Namespace?.StartsWith("ServiceHall.", StringComparison.Ordinal) == true;

    /// <summary>The types a value of <paramref name="type"/> stores: element types of collections, and its own members'.</summary>
    private static IEnumerable<Type> Contained(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return [underlying];
        }

        if (type.IsArray)
        {
            return [type.GetElementType()!];
        }

        if (type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type))
        {
            return type.GetGenericArguments();
        }

        if (!Ours(type) || type.IsEnum)
        {
            return [];
        }

        var types = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .Select(p => p.PropertyType)
            .ToList();

        // Polymorphic members are stored as their derived types.
        types.AddRange(type.GetCustomAttributes<System.Text.Json.Serialization.JsonDerivedTypeAttribute>().Select(a => a.DerivedType));
        return types;
    }
}
