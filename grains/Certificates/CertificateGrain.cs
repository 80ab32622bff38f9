using Microsoft.Extensions.DependencyInjection;
using ServiceHall.Grains.Organisation;
using ServiceHall.Grains.Storage;
using ServiceHall.Grains.Time;
using ServiceHall.Workflows;

namespace ServiceHall.Grains.Certificates;

[GrainType("certificate")]
internal sealed class CertificateGrain(
    [PersistentState("certificate", StorageNames.GrainState)] IPersistentState<CertificateState> state,
    [FromKeyedServices(ServiceHallClock.Key)] TimeProvider clock,
    OrganisationDirectory organisation) : Grain, ICertificateGrain
{
    async Task<bool> ICertificateGrain.RegisterAsync(CertificateRecord record)
    {
        // The case enters its certificate and goes on; the public check reads it rarely and reads it back cheaply. Kept
        // for the default 15 minutes, an entry per closed case was most of what the silo still held after its cases
        // left memory (issue 20).
        DeactivateOnIdle();
        if (state.State.Record is { } existing)
        {
            return existing.CaseId == record.CaseId && existing.Source == record.Source;
        }

        state.State.Record = record with { Number = this.GetPrimaryKeyString() };
        await state.WriteStateAsync();
        return true;
    }

    Task<CertificateRecord?> ICertificateGrain.GetAsync()
    {
        var record = state.State.Record ?? Demo();
        if (record is null)
        {
            // The public check is asked about any number; an unknown one must not stay activated until idle collection.
            DeactivateOnIdle();
        }

        return Task.FromResult(record);
    }

    async Task<CertificateRecord?> ICertificateGrain.RevokeAsync(string reason, string revokedBy)
    {
        var record = state.State.Record ?? Demo();
        if (record is null || record.RevokedAt is not null)
        {
            return record;
        }

        state.State.Record = record with { RevokedAt = clock.GetUtcNow(), RevocationReason = $"{reason}（{revokedBy}）" };
        await state.WriteStateAsync();
        return state.State.Record;
    }

    Task<bool> ICertificateGrain.IsValidBusinessLicenceAsync(string? holder, string? holderCode)
    {
        // A licence proves something only for its own holder: name and credit code must both be the register's.
        var record = state.State.Record ?? Demo();
        return Task.FromResult(record is { IsBusinessLicence: true, RevokedAt: null, HolderCode: not null }
            && SameName(record.Holder, holder)
            && string.Equals(record.HolderCode, holderCode?.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    private static bool SameName(string registered, string? claimed) =>
        claimed is not null && string.Equals(Normalize(registered), Normalize(claimed), StringComparison.Ordinal);

    // Full-width and half-width brackets are both common in company names: （广州）and (广州) are one name.
    private static string Normalize(string name) => name.Trim().Replace('（', '(').Replace('）', ')');

    /// <summary>The demo register entries a demo installation (embedded mode) knows without an import.</summary>
    private CertificateRecord? Demo() =>
        organisation.IncludesDemoStaff ? DemoBusinessLicences.Find(this.GetPrimaryKeyString()) : null;
}

internal sealed class CertificateState : StoredObject
{
    public CertificateRecord? Record { get; set; }
}
