using Microsoft.Extensions.DependencyInjection;
using ServiceHall.Grains.Organisation;
using ServiceHall.Grains.Storage;
using ServiceHall.Grains.Time;
using Orleans.Storage;
using ServiceHall.Workflows;

namespace ServiceHall.Grains.Certificates;

/// <summary>
/// One register entry, in the grain-state store under state name <see cref="StateName"/>. Its state is read only when a
/// call needs it: a case registering a number it has just issued (every issued certificate, the common call) writes
/// without reading first, as an insert that fails when the number is stored already, and only then reads it. That
/// spares the read an activation of persistent state would make, a round trip on every certificate a case issues
/// (issue 20). A registration of an older certificate (a case's activation making sure its certificates are entered)
/// is most likely stored already, so it reads first.
/// </summary>
[GrainType("certificate")]
internal sealed class CertificateGrain(
    [FromKeyedServices(StorageNames.GrainState)] IGrainStorage storage,
    [FromKeyedServices(ServiceHallClock.Key)] TimeProvider clock,
    OrganisationDirectory organisation) : Grain, ICertificateGrain
{
    internal const string StateName = "certificate";

    // How recent an issue date makes an entry new enough to insert without reading: a case registers right after the write
    // that issued the certificate.
    private static readonly TimeSpan JustIssued = TimeSpan.FromMinutes(1);

    // Null until read or written by this activation.
    private GrainState<CertificateState>? _state;

    async Task<bool> ICertificateGrain.RegisterAsync(CertificateRecord record)
    {
        // The case enters its certificate and goes on; the public check reads it rarely and reads it back cheaply. Kept
        // for the default 15 minutes, an entry per closed case was most of what the silo still held after its cases
        // left memory (issue 20).
        DeactivateOnIdle();
        var entry = record with { Number = this.GetPrimaryKeyString() };
        if (_state is null && clock.GetUtcNow() - record.IssuedAt < JustIssued)
        {
            var inserted = new GrainState<CertificateState>(new CertificateState { Record = entry });
            try
            {
                await storage.WriteStateAsync(StateName, this.GetGrainId(), inserted);
                _state = inserted;
                return true;
            }
            catch (InconsistentStateException)
            {
                // A row exists for this number (an earlier registration, an import, or a cleared entry): read it below.
            }
        }

        var state = await StateAsync();
        if (state.State!.Record is { } existing)
        {
            return existing.CaseId == record.CaseId && existing.Source == record.Source;
        }

        state.State!.Record = entry;
        await WriteAsync(state);
        return true;
    }

    async Task<CertificateRecord?> ICertificateGrain.GetAsync()
    {
        var record = (await StateAsync()).State!.Record ?? Demo();
        if (record is null)
        {
            // The public check is asked about any number; an unknown one must not stay activated until idle collection.
            DeactivateOnIdle();
        }

        return record;
    }

    async Task<CertificateRecord?> ICertificateGrain.RevokeAsync(string reason, string revokedBy)
    {
        var state = await StateAsync();
        var record = state.State!.Record ?? Demo();
        if (record is null || record.RevokedAt is not null)
        {
            return record;
        }

        state.State!.Record = record with { RevokedAt = clock.GetUtcNow(), RevocationReason = $"{reason}（{revokedBy}）" };
        await WriteAsync(state);
        return state.State!.Record;
    }

    private async Task<GrainState<CertificateState>> StateAsync()
    {
        if (_state is null)
        {
            var read = new GrainState<CertificateState>(new CertificateState());
            await storage.ReadStateAsync(StateName, this.GetGrainId(), read);
            read.State ??= new CertificateState();
            _state = read;
        }

        return _state;
    }

    private async Task WriteAsync(GrainState<CertificateState> state)
    {
        try
        {
            await storage.WriteStateAsync(StateName, this.GetGrainId(), state);
        }
        catch
        {
            // Not stored (or not known to be): the next call reads the entry as stored instead of answering from this copy.
            _state = null;
            throw;
        }
    }

    async Task<bool> ICertificateGrain.IsValidBusinessLicenceAsync(string? holder, string? holderCode)
    {
        // A licence proves something only for its own holder: name and credit code must both be the register's.
        var record = (await StateAsync()).State!.Record ?? Demo();
        return record is { IsBusinessLicence: true, RevokedAt: null, HolderCode: not null }
            && SameName(record.Holder, holder)
            && string.Equals(record.HolderCode, holderCode?.Trim(), StringComparison.OrdinalIgnoreCase);
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
