using Microsoft.AspNetCore.Http;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Refusals;
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

    // Text fields (the application JSON, answers, the code) are small; a longer one is a mistake or an attack.
    private const int MaxValueBytes = 64 * 1024;

    private const int MaxParts = 200;

    public sealed record Scan(string MaterialCode, IFormFile File, string ContentType);

    /// <summary>
    /// The form, or the problem that stops it: 413 naming <c>files.&lt;code&gt;</c> when one scan is too large (or
    /// <c>files</c> when the request is), 400 naming the field when a text field is too long or the body is not
    /// multipart. Read section by section so a scan is never buffered beyond <see cref="UploadOptions.MaxFileBytes"/>;
    /// <paramref name="beforeFiles"/> sees the text fields sent before the first file and may stop the request there,
    /// before any scan is read (clients send their text fields first, as browsers' FormData does in append order).
    /// </summary>
    public static async Task<(IFormCollection? Form, IResult? Problem)> ReadFormAsync(
        HttpContext context, UploadOptions limits, Func<IFormCollection, Task<IResult?>>? beforeFiles = null)
    {
        if (!await RequestBodyLimit.ApplyAsync(context, limits.MaxCaseBytes + FormOverhead))
        {
            return (null, TooLarge(ScansTooLarge(limits)));
        }

        if (!context.Request.HasFormContentType
            || !MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return (null, Problems.BadRequest(FieldError.Of("body", ErrorCodes.UploadNotMultipart, "Send the application as multipart/form-data.")));
        }

        var reader = new MultipartReader(boundary, context.Request.Body) { BodyLengthLimit = limits.MaxFileBytes };
        var fields = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        var files = new FormFileCollection();
        var pending = beforeFiles;
        var field = "files";
        try
        {
            while (await reader.ReadNextSectionAsync(context.RequestAborted) is { } section)
            {
                if (fields.Count + files.Count >= MaxParts)
                {
                    return (null, Problems.BadRequest(FieldError.Of("body", ErrorCodes.UploadTooManyParts, $"A submission has at most {MaxParts} form fields and files.", ("max", MaxParts))));
                }

                var disposition = section.GetContentDispositionHeader();
                var name = HeaderUtilities.RemoveQuotes(disposition?.Name ?? default).Value ?? "";
                if (disposition is null || !disposition.IsFormDisposition() && !disposition.IsFileDisposition())
                {
                    return (null, Problems.BadRequest(FieldError.Of("body", ErrorCodes.UploadPartWithoutDisposition, "Every part of the form needs a form-data Content-Disposition.")));
                }

                if (disposition.IsFileDisposition())
                {
                    if (pending is not null)
                    {
                        var early = await pending(new FormCollection(fields));
                        pending = null;
                        if (early is not null)
                        {
                            return (null, early);
                        }
                    }

                    field = $"files.{name}";
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";
                    // Small scans stay in memory, larger ones spill to a temporary file removed with the request.
                    var buffer = new FileBufferingReadStream(section.Body, 64 * 1024, null, Path.GetTempPath);
                    context.Response.RegisterForDisposeAsync(buffer);
                    await buffer.DrainAsync(context.RequestAborted);
                    buffer.Position = 0;
                    files.Add(new FormFile(buffer, 0, buffer.Length, name, fileName) { Headers = new HeaderDictionary(section.Headers) });
                }
                else
                {
                    field = name;
                    if (await ReadValueAsync(section.Body, context.RequestAborted) is not { } value)
                    {
                        return (null, Problems.BadRequest(FieldTooLong(name)));
                    }

                    fields[name] = StringValues.Concat(fields.GetValueOrDefault(name), value);
                }
            }
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(ScansTooLarge(limits)));
        }
        catch (InvalidDataException exception) when (exception.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            // The per-part limit: a scan over it is too large (413); a text field over it is simply wrong (400).
            return (null, field.StartsWith("files.", StringComparison.Ordinal)
                ? TooLarge(ScanTooLarge(field, limits))
                : Problems.BadRequest(FieldTooLong(field)));
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or BadHttpRequestException)
        {
            return (null, Problems.BadRequest(FieldError.Of("body", ErrorCodes.UploadMalformed, "Malformed multipart body.")));
        }

        if (pending is not null && await pending(new FormCollection(fields)) is { } late)
        {
            return (null, late);
        }

        return (new FormCollection(fields, files), null);
    }

    /// <summary>A text field as UTF-8, or null when it is longer than <see cref="MaxValueBytes"/>.</summary>
    private static async Task<string?> ReadValueAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxValueBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>
    /// Every file of the form as a scan of a material, or one problem naming every file that is not acceptable (its
    /// status the gravest of them: too large, then not a scan, then malformed). Nothing of a file's name is said back.
    /// </summary>
    public static async Task<(List<Scan> Scans, IResult? Problem)> CheckAsync(IFormCollection form, UploadOptions limits)
    {
        var scans = new List<Scan>();
        var errors = new List<(int Status, FieldError Error)>();
        long total = 0;
        foreach (var file in form.Files)
        {
            var field = $"files.{file.Name}";
            if (string.IsNullOrWhiteSpace(file.Name) || file.Name.Length > 64)
            {
                errors.Add((StatusCodes.Status400BadRequest, FieldError.Of("files", ErrorCodes.ScanUnnamed, "Name each file's form field after its material code.")));
                continue;
            }

            if (scans.Any(s => s.MaterialCode == file.Name))
            {
                errors.Add((StatusCodes.Status400BadRequest, FieldError.Of(field, ErrorCodes.ScanDuplicate,
                    "One scan per material: this material was sent twice (combine the pages into one PDF).")));
                continue;
            }

            if (file.Length == 0)
            {
                errors.Add((StatusCodes.Status400BadRequest, FieldError.Of(field, ErrorCodes.ScanEmpty, "The scan is empty.")));
                continue;
            }

            if (file.Length > limits.MaxFileBytes)
            {
                errors.Add((StatusCodes.Status413PayloadTooLarge, ScanTooLarge(field, limits)));
                continue;
            }

            total += file.Length;
            var header = new byte[ScanTypes.HeaderLength];
            await using (var stream = file.OpenReadStream())
            {
                await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false);
            }

            if (ScanTypes.Detect(header) is not { } type)
            {
                errors.Add((StatusCodes.Status415UnsupportedMediaType, FieldError.Of(field, ErrorCodes.ScanUnsupportedType,
                    "The file is not a PDF, JPEG or PNG scan (judged by its content, not its name).")));
                continue;
            }

            scans.Add(new Scan(file.Name, file, type));
        }

        if (total > limits.MaxCaseBytes)
        {
            errors.Add((StatusCodes.Status413PayloadTooLarge, ScansTooLarge(limits)));
        }

        return errors.Count == 0
            ? (scans, null)
            : ([], Problems.Result(errors.Select(e => e.Status).Order().Last(), [.. errors.Select(e => e.Error)]));
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

    private static IResult TooLarge(FieldError error) => Problems.Result(StatusCodes.Status413PayloadTooLarge, error);

    private static FieldError ScansTooLarge(UploadOptions limits) => FieldError.Of("files", ErrorCodes.ScansTooLarge,
        $"A submission is at most {limits.MaxCaseBytes} bytes of scans.", ("max", limits.MaxCaseBytes));

    private static FieldError ScanTooLarge(string field, UploadOptions limits) => FieldError.Of(field, ErrorCodes.ScanTooLarge,
        $"One scan is at most {limits.MaxFileBytes} bytes.", ("max", limits.MaxFileBytes));

    private static FieldError FieldTooLong(string name) => FieldError.Of(name.Length > 0 ? name : "body", ErrorCodes.FieldTooManyBytes,
        $"is longer than {MaxValueBytes} bytes.", ("max", MaxValueBytes));
}
