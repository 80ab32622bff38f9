using System.Net;
using System.Text.RegularExpressions;
using Xunit;

namespace ServiceHall.TestSupport;

/// <summary>
/// Text-message verification codes as an applicant's phone receives them: requested over the public contract and read
/// back from the embedded outbox by an admin, which stands in for the phone there.
/// </summary>
public static partial class PhoneCodes
{
    /// <summary>A mobile number of its own for a test (from the run's seeded draws, so tests never share a phone's limits).</summary>
    public static string NewPhone(string prefix = "137") => prefix + TestRandom.Next(10_000_000, 100_000_000);

    /// <summary>Requests a code for <paramref name="phone"/> (202 expected) and reads it from the outbox.</summary>
    public static async Task<string> RequestAsync(ApiClient anyone, ApiClient admin, string phone) =>
        (await RequestManyAsync(anyone, admin, [phone]))[phone];

    /// <summary>Requests a code for each phone, then reads them all from one look at the outbox.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> RequestManyAsync(ApiClient anyone, ApiClient admin, IReadOnlyCollection<string> phones)
    {
        foreach (var phone in phones)
        {
            var sent = await anyone.PostAsync("/api/applications/verification-codes", new { phone });
            Assert.True(sent.Status == HttpStatusCode.Accepted, $"code request: {sent}");
        }

        var outbox = await LatestCodesAsync(admin);
        return phones.ToDictionary(p => p, p => outbox.TryGetValue(p, out var code) ? code : throw new InvalidOperationException("no code in the outbox for a requested phone"));
    }

    /// <summary>The newest verification code the outbox shows for <paramref name="phone"/>.</summary>
    public static async Task<string> LatestAsync(ApiClient admin, string phone) =>
        (await LatestCodesAsync(admin)).TryGetValue(phone, out var code) ? code : throw new InvalidOperationException("no code in the outbox for this phone");

    private static async Task<Dictionary<string, string>> LatestCodesAsync(ApiClient admin)
    {
        var outbox = await admin.GetAsync("/api/outbox?take=2000");
        Assert.True(outbox.Status == HttpStatusCode.OK, $"outbox: {outbox}");
        var codes = new Dictionary<string, (long Sequence, string Code)>();

        // The newest code per phone. Not by delivery time, which a test clock may hold still: a phone's codes are
        // numbered, and the message id ends with that number.
        foreach (var message in outbox.Json.AsArray().Select(m => m!["message"]!).Where(m => m["template"]!.GetValue<string>() == "verification-code"))
        {
            var phone = message["to"]!.GetValue<string>();
            var sequence = long.Parse(message["id"]!.GetValue<string>().Split(':')[^1], System.Globalization.CultureInfo.InvariantCulture);
            if (!codes.TryGetValue(phone, out var known) || known.Sequence < sequence)
            {
                codes[phone] = (sequence, SixDigits().Match(message["text"]!.GetValue<string>()).Value);
            }
        }

        return codes.ToDictionary(c => c.Key, c => c.Value.Code);
    }

    [GeneratedRegex(@"\d{6}")]
    private static partial Regex SixDigits();
}
