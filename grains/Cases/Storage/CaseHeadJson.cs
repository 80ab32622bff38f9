using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ServiceHall.Grains.Storage;

namespace ServiceHall.Grains.Cases.Storage;

/// <summary>
/// The head's JSON, byte for byte what <c>JsonSerializer.Serialize(head, StableJsonGrainStorageSerializer.Options)</c>
/// writes, for less CPU (issue 20: the head's JSON was the largest single item of a command's save). The members come
/// in the order, with the names and converters, of the options' own contract for <see cref="CaseState"/>; scalars are
/// written straight to the writer; and the members a command rarely replaces (applicant, materials, delivery,
/// opinions, …: immutable records, or lists of them) are kept as the bytes last written and reused while the same
/// objects are there. Everything else (the workflow, the clock, coordination) goes through the serializer as before.
/// A head whose state carries members this build does not know (extension data, written by a newer build) is handed
/// to the serializer whole, so those keep their place. One instance per case activation (its fragment cache);
/// <c>CaseHeadJsonTests</c> compare it with the serializer on varied states.
/// </summary>
internal sealed class CaseHeadJson
{
    private static readonly JsonSerializerOptions Json = StableJsonGrainStorageSerializer.Options;
    private static readonly JsonTypeInfo Contract = Json.GetTypeInfo(typeof(CaseState));
    private static readonly JsonPropertyInfo? Unknown = Contract.Properties.SingleOrDefault(p => p.IsExtensionData);
    private static readonly Member[] Members = [.. Contract.Properties.Where(p => !p.IsExtensionData && !Member.Ignored(p)).Select(Member.Of)];

    // Written by one command at a time per thread, synchronously: one buffer per thread instead of per case.
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    // Per member: what was written for it last (null when the member is not one that is kept).
    private readonly Fragment?[] _fragments = new Fragment?[Members.Length];

    /// <summary>The head's JSON for <paramref name="head"/> (the state with its growing lists and outbox already emptied).</summary>
    public string Write(CaseState head)
    {
        if (Unknown?.Get!(head) is IDictionary<string, JsonElement> { Count: > 0 })
        {
            return JsonSerializer.Serialize(head, Json);
        }

        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(8192);
        var writer = t_writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Encoder = Json.Encoder,
            Indented = Json.WriteIndented,
            MaxDepth = Json.MaxDepth,
            SkipValidation = true,
        });
        buffer.ResetWrittenCount();
        writer.Reset(buffer);

        writer.WriteStartObject();
        for (var i = 0; i < Members.Length; i++)
        {
            var member = Members[i];
            writer.WritePropertyName(member.Name);
            WriteValue(writer, member, i, member.Property.Get!(head));
        }

        writer.WriteEndObject();
        writer.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private void WriteValue(Utf8JsonWriter writer, Member member, int index, object? value)
    {
        switch (member.Kind)
        {
            case MemberKind.Text:
                if (value is string text)
                {
                    writer.WriteStringValue(text);
                }
                else
                {
                    writer.WriteNullValue();
                }

                return;
            case MemberKind.Whole:
                writer.WriteNumberValue((long)value!);
                return;
            case MemberKind.Int:
                writer.WriteNumberValue((int)value!);
                return;
            case MemberKind.Flag:
                writer.WriteBooleanValue((bool)value!);
                return;
            case MemberKind.Instant:
                // A boxed DateTimeOffset? is a DateTimeOffset or null.
                if (value is DateTimeOffset instant)
                {
                    writer.WriteStringValue(instant);
                }
                else
                {
                    writer.WriteNullValue();
                }

                return;
            case MemberKind.Kept:
                if (_fragments[index] is { } kept && kept.StillFor(value))
                {
                    writer.WriteRawValue(kept.Bytes, skipInputValidation: true);
                    return;
                }

                var bytes = JsonSerializer.SerializeToUtf8Bytes(value, member.Type);
                _fragments[index] = Fragment.Of(value, bytes);
                writer.WriteRawValue(bytes, skipInputValidation: true);
                return;
            default:
                JsonSerializer.Serialize(writer, value, member.Type);
                return;
        }
    }

    private enum MemberKind { Serialized, Text, Whole, Int, Flag, Instant, Kept }

    private sealed record Member(JsonPropertyInfo Property, JsonEncodedText Name, JsonTypeInfo Type, MemberKind Kind)
    {
        // Members a command replaces whole when it changes them and never edits in place: immutable records (their
        // unknown members are only ever set by the reader), or lists of such records or strings.
        private static readonly HashSet<string> KeptMembers =
        [
            nameof(CaseState.Applicant), nameof(CaseState.Delivery), nameof(CaseState.Collection),
            nameof(CaseState.Materials), nameof(CaseState.Opinions), nameof(CaseState.Certificates),
            nameof(CaseState.RecentCommands), nameof(CaseState.ReviewDepartments), nameof(CaseState.RoutedDepartments),
        ];

        public static Member Of(JsonPropertyInfo property)
        {
            // The fast paths below write what the default converters write; a member with a converter or a condition
            // of its own would not be written as the serializer writes it, so it is refused here (and by the tests).
            if (property.CustomConverter is not null || property.ShouldSerialize is not null || property.Get is null)
            {
                throw new NotSupportedException($"CaseHeadJson: member '{property.Name}' has a converter or condition of its own; write it through the serializer.");
            }

            var type = property.PropertyType;
            var kind = KeptMembers.Contains(MemberName(property)) ? MemberKind.Kept
                : Json.GetConverter(type).GetType().Assembly != typeof(JsonSerializer).Assembly ? MemberKind.Serialized
                : type == typeof(string) ? MemberKind.Text
                : type == typeof(long) ? MemberKind.Whole
                : type == typeof(int) ? MemberKind.Int
                : type == typeof(bool) ? MemberKind.Flag
                : type == typeof(DateTimeOffset) || type == typeof(DateTimeOffset?) ? MemberKind.Instant
                : MemberKind.Serialized;
            return new Member(property, JsonEncodedText.Encode(property.Name, Json.Encoder), Json.GetTypeInfo(type), kind);
        }

        /// <summary>A member marked <c>[JsonIgnore]</c> (always): in the contract, never written.</summary>
        public static bool Ignored(JsonPropertyInfo property) =>
            property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: true)
                .OfType<JsonIgnoreAttribute>().Any(a => a.Condition == JsonIgnoreCondition.Always) == true;

        private static string MemberName(JsonPropertyInfo property) =>
            property.AttributeProvider is System.Reflection.MemberInfo info ? info.Name : property.Name;
    }

    /// <summary>The bytes written for a kept member, and the objects they were written from.</summary>
    private sealed class Fragment(object? value, object?[]? items, byte[] bytes)
    {
        public byte[] Bytes => bytes;

        public static Fragment Of(object? value, byte[] bytes) =>
            new(value, value is System.Collections.IList list ? Items(list) : null, bytes);

        /// <summary>True when <paramref name="now"/> is the object written, or a list of the very same items.</summary>
        public bool StillFor(object? now)
        {
            if (ReferenceEquals(now, value))
            {
                // A list can grow or change in place (a command's copy is a new list, but be sure): compare its items.
                return items is null || SameItems((System.Collections.IList)now!, items);
            }

            return items is not null && now is System.Collections.IList list && SameItems(list, items);
        }

        private static bool SameItems(System.Collections.IList list, object?[] items)
        {
            if (list.Count != items.Length)
            {
                return false;
            }

            for (var i = 0; i < items.Length; i++)
            {
                if (!ReferenceEquals(list[i], items[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private static object?[] Items(System.Collections.IList list)
        {
            var items = new object?[list.Count];
            list.CopyTo(items, 0);
            return items;
        }
    }
}
