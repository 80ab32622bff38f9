using System.Globalization;

namespace ServiceHall.Api.Http;

/// <summary>Optional <c>yyyy-MM-dd</c> query parameters (from/to of the statistics endpoints).</summary>
public static class QueryDates
{
    public static bool TryParse(string? text, DateOnly fallback, out DateOnly date)
    {
        if (text is null)
        {
            date = fallback;
            return true;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }
}
