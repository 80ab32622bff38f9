using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Documents;

namespace ServiceHall.Api.Applications;

/// <summary>
/// Reads a multipart submission of scans: limits per file and per submission (413), type by magic bytes (415), one
/// scan per material (the form field name is the material code). Storing happens only after every check passed.
/// </summary>
public static class UploadReader
{
    // Room for the form's text fields and multipart boundaries on top of the scans themselves.
    private const long FormOverhead = 256 * 1024;

    public sealed record Scan(string MaterialCode, IFormFile File, string ContentType);

    /// <summary>The form, or the problem that stops it: 413 when the request or one file is too large, 400 when it is not multipart.</summary>
    public static async Task<(IFormCollection? Form, IResult? Problem)> ReadFormAsync(HttpContext context, UploadOptions limits)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limits.MaxCaseBytes + FormOverhead;
        }

        if (!context.Request.HasFormContentType)
        {
            return (null, Problems.BadRequest("body", "Send the application as multipart/form-data."));
        }

        try
        {
            var form = await context.Request.ReadFormAsync(new FormOptions
            {
                MultipartBodyLengthLimit = limits.MaxCaseBytes + FormOverhead,
                ValueLengthLimit = 64 * 1024,
            }, context.RequestAborted);
            return (form, null);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge("files", $"A submission is at most {limits.MaxCaseBytes} bytes of scans."));
        }
        catch (InvalidDataException exception)
        {
            return (null, exception.Message.Contains("limit", StringComparison.OrdinalIgnoreCase)
                ? TooLarge("files", $"A submission is at most {limits.MaxCaseBytes} bytes of scans.")
                : Problems.BadRequest("body", $"Malformed multipart body: {exception.Message}"));
        }
    }

    /// <summary>Every file of the form as a scan of a material, or the problem with the first one that is not acceptable.</summary>
    public static async Task<(List<Scan> Scans, IResult? Problem)> CheckAsync(IFormCollection form, UploadOptions limits)
    {
        var scans = new List<Scan>();
        long total = 0;
        foreach (var file in form.Files)
        {
            var field = $"files.{file.Name}";
            if (string.IsNullOrWhiteSpace(file.Name) || file.Name.Length > 64)
            {
                return ([], Problems.BadRequest("files", "Name each file's form field after its material code."));
            }

            if (scans.Any(s => s.MaterialCode == file.Name))
            {
                return ([], Problems.BadRequest(field, $"One scan per material: '{file.Name}' was sent twice (combine the pages into one PDF)."));
            }

            if (file.Length == 0)
            {
                return ([], Problems.BadRequest(field, $"The scan for '{file.Name}' is empty."));
            }

            if (file.Length > limits.MaxFileBytes)
            {
                return ([], TooLarge(field, $"'{file.FileName}' is {file.Length} bytes; one scan is at most {limits.MaxFileBytes} bytes."));
            }

            total += file.Length;
            if (total > limits.MaxCaseBytes)
            {
                return ([], TooLarge("files", $"The scans add up to more than {limits.MaxCaseBytes} bytes."));
            }

            var header = new byte[ScanTypes.HeaderLength];
            await using (var stream = file.OpenReadStream())
            {
                await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false);
            }

            if (ScanTypes.Detect(header) is not { } type)
            {
                return ([], Problems.Result(StatusCodes.Status415UnsupportedMediaType, field,
                    $"'{file.FileName}' is not a PDF, JPEG or PNG scan (judged by its content, not its name)."));
            }

            scans.Add(new Scan(file.Name, file, type));
        }

        return (scans, null);
    }

    /// <summary>Stores the scans for <paramref name="owner"/> (the case id) and describes them for the case.</summary>
    public static async Task<List<UploadedMaterial>> StoreAsync(IDocumentStore store, string owner, IReadOnlyList<Scan> scans, CancellationToken cancellationToken)
    {
        var stored = new List<UploadedMaterial>();
        try
        {
            foreach (var scan in scans)
            {
                await using var content = scan.File.OpenReadStream();
                var document = await store.SaveAsync(new NewDocument(owner, SafeName(scan.File.FileName), scan.ContentType), content, cancellationToken);
                stored.Add(new UploadedMaterial
                {
                    MaterialCode = scan.MaterialCode,
                    DocumentId = document.Id,
                    FileName = document.FileName,
                    ContentType = document.ContentType,
                    Length = document.Length,
                    Sha256 = document.Sha256,
                });
            }
        }
        catch
        {
            await DiscardAsync(store, stored);
            throw;
        }

        return stored;
    }

    /// <summary>Removes scans whose submission the case refused, so nothing unreferenced stays in the store.</summary>
    public static async Task DiscardAsync(IDocumentStore store, IEnumerable<UploadedMaterial> uploads)
    {
        foreach (var upload in uploads)
        {
            await store.DeleteAsync(upload.DocumentId, CancellationToken.None);
        }
    }

    private static string SafeName(string name)
    {
        var file = Path.GetFileName(name.Replace('\\', '/'));
        var cleaned = new string([.. file.Where(c => !char.IsControl(c) && c is not ('"' or '/' or '\\'))]);
        return cleaned.Length == 0 ? "scan" : cleaned.Length > 120 ? cleaned[^120..] : cleaned;
    }

    private static IResult TooLarge(string field, string detail) => Problems.Result(StatusCodes.Status413PayloadTooLarge, field, detail);
}
