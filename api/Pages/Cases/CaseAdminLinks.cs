using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Certificates;
using ServiceHall.Grains.Organisation;

namespace ServiceHall.Api.Pages.Cases;

/// <summary>
/// The admin forms the case page links to, each only where the viewer may use it on this case: reassigning the
/// coordinator (<c>/admin/coordinators</c>, the assign-coordinator action's rule: an admin, the case and its
/// coordination still open) and revoking each certificate still valid in the register (<c>/admin/certificates</c>,
/// the admin rule of the revocation API). Everyone else sees no link; the forms themselves refuse them with a 403.
/// </summary>
public sealed record CaseAdminLinks(bool ReassignCoordinator, IReadOnlyList<string> RevocableCertificates)
{
    public static readonly CaseAdminLinks None = new(false, []);

    public bool Any => ReassignCoordinator || RevocableCertificates.Count > 0;

    public static async Task<CaseAdminLinks> ForAsync(IGrainFactory grains, CaseActor viewer, CaseView view)
    {
        if (viewer.Role != StaffRoles.Admin)
        {
            return None;
        }

        var reassign = !CaseStatuses.IsFinal(view.Status) && view.Coordination?.ClosedAt is null;
        // The case lists what it issued; the register knows which of them were revoked since.
        var records = await Task.WhenAll(view.Certificates.Select(c => grains.GetGrain<ICertificateGrain>(ICertificateGrain.Key(c.Number)).GetAsync()));
        IReadOnlyList<string> revocable = [.. view.Certificates.Where((_, i) => records[i] is { RevokedAt: null }).Select(c => c.Number)];
        return new CaseAdminLinks(reassign, revocable);
    }
}
