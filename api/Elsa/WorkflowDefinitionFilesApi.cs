using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Definitions;
using ServiceHall.Grains.Refusals;
using ServiceHall.Workflows.Definitions;

namespace ServiceHall.Api.Elsa;

/// <summary>
/// Definitions as files (compat notes §3.3 rows 11, 13 and the bulk export), mirroring elsa-core's <c>Export</c> and
/// <c>ImportFiles</c> folders: one version as a JSON document, several as a zip of such documents; imports take either.
/// </summary>
public static class WorkflowDefinitionFilesApi
{
    private const long MaxImportBytes = 10 * 1024 * 1024;

    // A zip of a few kilobytes can inflate to gigabytes, or hold millions of entries: what it unpacks to is bounded
    // (entries, each entry, the whole import), counting the bytes actually inflated, not the sizes the zip claims.
    private const int MaxImportDocuments = 200;

    private const long MaxDocumentBytes = 4 * 1024 * 1024;

    private const long MaxImportTotalBytes = 32 * 1024 * 1024;

    public static RouteGroupBuilder MapWorkflowDefinitionFilesApi(this RouteGroupBuilder elsa)
    {
        elsa.MapGet("/workflow-definitions/{definitionId}/export", Export).WithTags("Elsa workflow definitions").WithName("ExportWorkflowDefinition")
            .WithSummary("One version as a JSON file (?versionOptions=Latest by default).");
        elsa.MapMethods("/bulk-actions/export/workflow-definitions", ["GET", "POST"], ExportMany).WithTags("Elsa workflow definitions")
            .WithName("BulkExportWorkflowDefinitions").WithSummary("Versions by id ({ids}) as a zip of JSON files.");
        elsa.MapPost("/workflow-definitions/import-files", ImportFiles).WithTags("Elsa workflow definitions").WithName("ImportWorkflowDefinitionFiles")
            .WithSummary("Import JSON or zip files (multipart field 'files') as drafts.").RequireAuthorization(ElsaPolicies.Editors).DisableAntiforgery()
            .WithBodySizeLimit(MaxImportBytes + 256 * 1024);
        return elsa;
    }

    public static async Task<IResult> Export(IGrainFactory grains, string definitionId, string? versionOptions)
    {
        if (VersionOptions.Parse(versionOptions, VersionOptions.Latest) is not { } options)
        {
            return Problems.BadRequest([FieldError.Of("versionOptions", "definition.versionOptionsUnknown", $"Unknown versionOptions '{versionOptions}'.", ("value", versionOptions))]);
        }

        if (options.Pick(await grains.GetGrain<IWorkflowDefinitionGrain>(definitionId).GetVersionsAsync()) is not { } version)
        {
            return Problems.Result(StatusCodes.Status404NotFound, [FieldError.Of("definitionId", "definition.notFound", $"No workflow definition '{definitionId}' ({versionOptions ?? "Latest"}).", ("definitionId", definitionId))]);
        }

        return TypedResults.File(Encoding.UTF8.GetBytes(Indented(version)), "application/json", FileName(version));
    }

    public static async Task<IResult> ExportMany(HttpRequest request, IGrainFactory grains)
    {
        IReadOnlyList<string> ids;
        if (HttpMethods.IsGet(request.Method))
        {
            ids = new ElsaQuery(request.Query).List("ids") ?? [];
        }
        else
        {
            var (read, problem) = await WorkflowDefinitionBulkApi.ReadIdsAsync(request, "ids");
            if (problem is not null)
            {
                return problem;
            }

            ids = read;
        }

        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var id in ids)
            {
                if (await DefinitionLookup.FindVersionAsync(grains, id) is { } found)
                {
                    var entry = archive.CreateEntry(FileName(found.Version));
                    await using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
                    await writer.WriteAsync(Indented(found.Version));
                }
            }
        }

        return TypedResults.File(zip.ToArray(), "application/zip", "workflow-definitions.zip");
    }

    private static IResult DocumentTooLarge(string source) => Problems.Result(StatusCodes.Status413PayloadTooLarge, "files",
        $"'{source}' unpacks to more than {MaxDocumentBytes / 1024 / 1024} MB.");

    /// <summary>At most <paramref name="limit"/> bytes of <paramref name="content"/>, or null when it holds more.</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream content, long limit, CancellationToken cancellationToken)
    {
        await using (content)
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    public static async Task<IResult> ImportFiles(HttpRequest request, IGrainFactory grains)
    {
        if (!request.HasFormContentType)
        {
            return Problems.BadRequest("files", "Send the files as multipart/form-data in the field 'files'.", "import.multipartRequired");
        }

        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var documents = new List<(string Source, string Json)>();
        var total = 0L;
        foreach (var file in form.Files.Where(f => f.Name == "files"))
        {
            if (file.Length > MaxImportBytes)
            {
                return Problems.BadRequest([FieldError.Of("files", "import.fileTooLarge", $"'{file.FileName}' is larger than {MaxImportBytes / 1024 / 1024} MB.", ("file", file.FileName), ("max", MaxImportBytes / 1024 / 1024))]);
            }

            await using var stream = file.OpenReadStream();
            IReadOnlyList<(string Name, Func<Stream> Open)> parts;
            ZipArchive? archive = null;
            try
            {
                if (file.FileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
                {
                    archive = new ZipArchive(stream, ZipArchiveMode.Read);
                    if (archive.Entries.Count > MaxImportDocuments)
                    {
                        return Problems.BadRequest([FieldError.Of("files", "import.tooManyDocuments", $"'{file.FileName}' holds {archive.Entries.Count} entries; an import takes at most {MaxImportDocuments} documents.", ("max", MaxImportDocuments))]);
                    }

                    parts = [.. archive.Entries.Where(e => e.FullName.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                        .Select(e => ($"{file.FileName}/{e.FullName}", (Func<Stream>)e.Open))];
                    if (archive.Entries.FirstOrDefault(e => e.Length > MaxDocumentBytes) is { } large)
                    {
                        return DocumentTooLarge($"{file.FileName}/{large.FullName}");
                    }
                }
                else
                {
                    parts = [(file.FileName, () => stream)];
                }

                foreach (var (source, open) in parts)
                {
                    if (documents.Count >= MaxImportDocuments)
                    {
                        return Problems.BadRequest([FieldError.Of("files", "import.tooManyDocuments", $"An import takes at most {MaxImportDocuments} documents.", ("max", MaxImportDocuments))]);
                    }

                    var bytes = await ReadBoundedAsync(open(), Math.Min(MaxDocumentBytes, MaxImportTotalBytes - total), request.HttpContext.RequestAborted);
                    if (bytes is null)
                    {
                        return total + MaxDocumentBytes > MaxImportTotalBytes
                            ? Problems.Result(StatusCodes.Status413PayloadTooLarge, [FieldError.Of("files", "import.unpacksTooLarge", $"The import unpacks to more than {MaxImportTotalBytes / 1024 / 1024} MB.", ("max", MaxImportTotalBytes / 1024 / 1024))])
                            : DocumentTooLarge(source);
                    }

                    total += bytes.Length;
                    documents.Add((source, Encoding.UTF8.GetString(bytes)));
                }
            }
            catch (Exception exception) when (exception is InvalidDataException or IOException or ArgumentOutOfRangeException)
            {
                // A truncated archive fails as "not a zip" or as a seek before the upload's start, depending on where it ends.
                return Problems.BadRequest([FieldError.Of("files", "import.notZip", $"'{file.FileName}' is not a readable zip archive.", ("file", file.FileName))]);
            }
            finally
            {
                archive?.Dispose();
            }
        }

        if (documents.Count == 0)
        {
            return Problems.BadRequest("files", "No .json or .zip file was sent in the field 'files'.", "import.noFile");
        }

        // Every file is read before any is saved, so a bad file imports nothing.
        var models = new List<(string Source, JsonObject Model)>();
        foreach (var (source, json) in documents)
        {
            try
            {
                if (JsonNode.Parse(json) is JsonObject model && model["root"] is JsonObject)
                {
                    models.Add((source, model));
                    continue;
                }
            }
            catch (JsonException)
            {
            }

            return Problems.BadRequest([FieldError.Of("files", "import.notDefinition", $"'{source}' is not a workflow definition (a JSON object with a 'root').", ("file", source))]);
        }

        foreach (var (source, model) in models)
        {
            var (definitionId, problem) = WorkflowDefinitionEditsApi.DefinitionIdOf(model);
            if (problem is not null)
            {
                return problem;
            }

            try
            {
                await grains.GetGrain<IWorkflowDefinitionGrain>(definitionId).ImportAsync(model.ToJsonString());
            }
            catch (DefinitionRejectedException rejected)
            {
                return Problems.BadRequest([FieldError.Of("files", "import.rejected", $"'{source}': {rejected.Message}", ("file", source), ("problems", DefinitionProblems.Describe(rejected)))]);
            }
        }

        return ElsaJson.Ok(new JsonObject { ["count"] = models.Count });
    }

    private static string Indented(DefinitionVersion version) =>
        WorkflowJson.Serialize(WorkflowJson.Parse(DefinitionDocuments.Export(version).ToJsonString()), indented: true);

    private static string FileName(DefinitionVersion version)
    {
        var safe = new string([.. version.DefinitionId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-')]);
        return $"{safe}-v{version.Version}.json";
    }
}
