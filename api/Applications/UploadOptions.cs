namespace ServiceHall.Api.Applications;

/// <summary><c>ServiceHall:Uploads</c>: how large applicants' scans may be.</summary>
public sealed class UploadOptions
{
    public const string SectionName = "ServiceHall:Uploads";

    /// <summary>Largest single scan (bytes); a multi-page A4 PDF at 300 dpi fits in 10 MB.</summary>
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Largest total of one submission (bytes): all scans of an application or of one correction round.</summary>
    public long MaxCaseBytes { get; set; } = 40 * 1024 * 1024;
}
