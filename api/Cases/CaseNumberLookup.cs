using System.Text.RegularExpressions;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Api.Cases;

/// <summary>
/// Finds a case by its number (受理编号, <c>GZ-20261127-000123</c>), the name staff read on the case page, the board
/// and every printed document, through the same rows and scope as the board and search (<see cref="CaseScope"/>):
/// a caller finds only a case they may list, so the answer says nothing about cases outside their scope.
/// </summary>
public static partial class CaseNumberLookup
{
    /// <summary>Whether <paramref name="text"/> has the shape of a case number (hall code, hall date, the day's sequence).</summary>
    public static bool LooksLikeNumber(string text) => NumberShape().IsMatch(text);

    /// <summary>The id of the case numbered <paramref name="number"/> that <paramref name="actor"/> may list, or null.</summary>
    public static async Task<string?> IdOfAsync(IGrainFactory grains, OrganisationDirectory organisation, CaseActor actor, string number)
    {
        if (!LooksLikeNumber(number))
        {
            return null;
        }

        var scope = CaseScope.Resolve(actor, organisation, null, new CaseQuery { Text = number });
        if (scope.Refusal is not null)
        {
            return null;
        }

        // The search is a prefix of the number, and numbers have one length: a few rows at most, the one wanted among them.
        var listing = await scope.ReadAsync(grains, actor, 0, 10);
        return listing.Rows.FirstOrDefault(r => string.Equals(r.Number, number, StringComparison.OrdinalIgnoreCase))?.Id;
    }

    [GeneratedRegex(@"^[A-Za-z0-9]{1,16}-[0-9]{8}-[0-9]{6,9}$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberShape();
}
