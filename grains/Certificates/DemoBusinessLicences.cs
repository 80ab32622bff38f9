namespace ServiceHall.Grains.Certificates;

/// <summary>
/// Electronic business licences a demo installation knows from the start (the numbers the README's walk-through
/// and the demo data use), as if imported from the regulator. Only where the demo staff are loaded; a production
/// register holds only what cases issued or an admin imported.
/// </summary>
internal static class DemoBusinessLicences
{
    private static readonly DateTimeOffset Imported = new(2026, 1, 5, 0, 0, 0, TimeSpan.FromHours(8));

    private static readonly Dictionary<string, string> Holders = new(StringComparer.OrdinalIgnoreCase)
    {
        ["91440101MA59XXXX1K"] = "广州示例贸易有限公司",
        ["91440101MA5XXXXX0X"] = "广州示例科技有限公司",
    };

    public static CertificateRecord? Find(string number) =>
        Holders.TryGetValue(number, out var holder)
            ? new CertificateRecord
            {
                Number = number.ToUpperInvariant(),
                Holder = holder,
                ServiceItemCode = "business-licence",
                ServiceItemNameZh = "营业执照",
                ServiceItemNameEn = "Business licence",
                Form = "electronic",
                IssuedAt = Imported,
                Source = "imported",
                IsBusinessLicence = true,
                // A regulator's electronic licence is numbered by the holder's unified social credit code.
                HolderCode = number.ToUpperInvariant(),
            }
            : null;
}
