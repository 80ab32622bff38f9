using System.Data.Common;
using System.Text;
using ServiceHall.Grains.Catalog;

namespace ServiceHall.Grains.Cases.Board;

/// <summary>
/// Turns a <see cref="HallQuery"/> into a WHERE clause over <c>case_summary</c> with its parameters, in SQL both
/// engines accept. Matching is case-insensitive through the lower-cased <c>*_key</c> columns; free text is a prefix
/// of the number, the applicant's name or organisation, or a whole tracking code, so every search is an index range.
/// </summary>
internal sealed class CaseRowsFilter(DbCommand command)
{
    // The highest code point: a prefix range [p, p + this) holds every text starting with p, byte-wise in both engines.
    private const string AfterEverything = "\U0010FFFF";

    private int _next;

    public string Where(HallQuery scope)
    {
        var q = scope.Query;
        var where = new List<string>();
        var text = q.Text?.Trim() is { Length: > 0 } searched ? searched : null;

        // A search's own ranges pick its few rows, and so does the delivery index for the cases another hall delivers to
        // this one; a hall holds hundreds of thousands, so then the hall is only checked on those rows (`|| ''` keeps
        // SQLite, which plans without statistics, from walking the hall's board index with a table lookup per open case).
        Equal(where, text is null && q.DeliveryHall is null ? "hall_key" : "hall_key || ''", CaseSummaryRows.Key(scope.Hall));
        Equal(where, "delivery_hall_key", CaseSummaryRows.Key(q.DeliveryHall));
        Equal(where, "stage", q.Stage);
        Equal(where, "status", q.Status);
        Equal(where, "channel", q.Channel);
        Equal(where, "window_key", CaseSummaryRows.Key(q.Window));
        if (q.ActiveOnly)
        {
            where.Add("is_open = 1");
        }

        if (q.Overdue)
        {
            where.Add("sla_state = 'breached'");
        }

        if (q.Department is { } department)
        {
            where.Add($"department_keys LIKE {Parameter("%|" + EscapeLike(CaseSummaryRows.Key(department)!) + "|%")} ESCAPE '\\'");
        }

        In(where, "definition_id", q.DefinitionIds);
        Equal(where, "definition_version", q.DefinitionVersion);
        In(where, "status", q.Statuses);
        In(where, "workflow_status", q.WorkflowStatuses);
        if (q.ServedBy is not null || q.ServedDistrict is not null)
        {
            // Key projects nobody coordinates yet, and those this coordinator or their district serves: one flat OR whose
            // every term has an index (unassigned projects, coordinator, district), so neither engine scans the table.
            var served = new List<string> { $"(coordinator_key IS NULL AND channel = {Parameter(ServiceChannels.KeyProject)})" };
            if (q.ServedBy is not null)
            {
                served.Add($"coordinator_key = {Parameter(CaseSummaryRows.Key(q.ServedBy))}");
            }

            if (q.ServedDistrict is not null)
            {
                served.Add($"(district_key = {Parameter(CaseSummaryRows.Key(q.ServedDistrict))} AND coordinator_key IS NOT NULL)");
            }

            where.Add($"({string.Join(" OR ", served)})");
        }

        if (text is not null)
        {
            var key = CaseSummaryRows.Key(text)!;
            var from = Parameter(key);
            var to = Parameter(key + AfterEverything);
            where.Add($"""
                ((number_key >= {from} AND number_key < {to}) OR (applicant_key >= {from} AND applicant_key < {to})
                 OR (organisation_key >= {from} AND organisation_key < {to}) OR tracking_code IN ({Parameter(text)}, {Parameter(text.ToUpperInvariant())}))
                """);
        }

        return where.Count == 0 ? "1 = 1" : string.Join(" AND ", where);
    }

    public string Parameter(object? value)
    {
        var name = "@p" + _next++;
        CaseSummaryRows.Add(command, name[1..], value);
        return name;
    }

    private void Equal(List<string> where, string column, object? value)
    {
        if (value is not null)
        {
            where.Add($"{column} = {Parameter(value)}");
        }
    }

    private void In(List<string> where, string column, IReadOnlyList<string>? values)
    {
        if (values is not null)
        {
            where.Add(values.Count == 0 ? "1 = 0" : $"{column} IN ({string.Join(", ", values.Select(v => Parameter(v)))})");
        }
    }

    private static string EscapeLike(string value)
    {
        var escaped = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '%' or '_' or '\\')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
