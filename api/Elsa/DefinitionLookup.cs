using ServiceHall.Grains.Definitions;

namespace ServiceHall.Api.Elsa;

/// <summary>Finds definitions through the index, so a version id or a list query activates no definition grain it does not need.</summary>
public static class DefinitionLookup
{
    public static async Task<(DefinitionSummary Summary, DefinitionVersion Version)?> FindVersionAsync(IGrainFactory grains, string versionId)
    {
        var summaries = await grains.GetWorkflowDefinitionIndex().ListAsync();
        if (summaries.FirstOrDefault(s => s.Versions.Any(v => v.Id == versionId)) is not { } summary)
        {
            return null;
        }

        var versions = await grains.GetGrain<IWorkflowDefinitionGrain>(summary.DefinitionId).GetVersionsAsync();
        return versions.FirstOrDefault(v => v.Id == versionId) is { } version ? (summary, version) : null;
    }
}
