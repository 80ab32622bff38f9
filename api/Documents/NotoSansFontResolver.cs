using PdfSharp.Fonts;

namespace ServiceHall.Api.Documents;

/// <summary>
/// Gives PDFsharp Noto Sans SC (regular and bold) for every font it asks for. The .ttf files are TrueType-outline
/// fonts restored by the build (Documents/Fonts.targets) into the output's <c>Fonts/</c> folder: PDFsharp embeds
/// those correctly, while CFF/OTF CJK fonts give PDFs whose Chinese does not render.
/// </summary>
public sealed class NotoSansFontResolver : IFontResolver
{
    public const string Family = "Noto Sans SC";

    private const string RegularFace = "NotoSansSC_400Regular";
    private const string BoldFace = "NotoSansSC_700Bold";

    private static readonly Lazy<NotoSansFontResolver> Instance = new(() => new NotoSansFontResolver(), LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lock InstallLock = new();
    private static bool _installed;

    private readonly Lazy<byte[]> _regular = new(() => Load(RegularFace), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly Lazy<byte[]> _bold = new(() => Load(BoldFace), LazyThreadSafetyMode.ExecutionAndPublication);

    private NotoSansFontResolver()
    {
    }

    /// <summary>Where the faces are read from: <c>Fonts/</c> beside the application.</summary>
    public static string FontFolder => Path.Combine(AppContext.BaseDirectory, "Fonts");

    /// <summary>
    /// Installs the resolver for this process. PDFsharp allows setting it only once, before any font is used, so
    /// every caller goes through here and the first one wins.
    /// </summary>
    public static void EnsureInstalled()
    {
        if (Volatile.Read(ref _installed))
        {
            return;
        }

        lock (InstallLock)
        {
            if (!_installed)
            {
                GlobalFontSettings.FontResolver = Instance.Value;
                Volatile.Write(ref _installed, true);
            }
        }
    }

    // Documents use one family; any other name PDFsharp asks for (its own defaults) gets the same faces, so no text
    // silently falls back to a font without Chinese glyphs.
    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? BoldFace : RegularFace, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName) => faceName switch
    {
        RegularFace => _regular.Value,
        BoldFace => _bold.Value,
        _ => null,
    };

    private static byte[] Load(string face)
    {
        var path = Path.Combine(FontFolder, face + ".ttf");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The document font {face}.ttf is missing from {FontFolder}. The build restores it with npm (api/Documents/Fonts.targets); rebuild with npm available.",
                path);
        }

        return File.ReadAllBytes(path);
    }
}
