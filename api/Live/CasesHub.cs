using Microsoft.AspNetCore.SignalR;
using ServiceHall.Api.Auth;
using ServiceHall.Api.Http;
using ServiceHall.Grains.Cases;
using ServiceHall.Grains.Cases.Policy;
using ServiceHall.Grains.Organisation;
using ServiceHall.Grains.Refusals;

namespace ServiceHall.Api.Live;

/// <summary>
/// <c>/hubs/cases</c>: staff join a board scope (checked against their role and scope), applicants watch their own
/// case by tracking code; a coordinator's board is a group of their own that hears only the cases they may read. The
/// server pushes <c>caseChanged {id, number, stage, status, dueAt, slaState, version}</c> after each durable change; it
/// is a hint — clients re-read on a version gap or after reconnecting.
/// </summary>
public sealed class CasesHub(IGrainFactory grains, OrganisationDirectory organisation, AnonymousClientLimiter anonymous) : Hub
{
    public const string Path = "/hubs/cases";
    public const string CaseChangedMethod = "caseChanged";

    public async Task<BoardScope> JoinBoard(BoardScope? scope)
    {
        var (allowed, group) = Authorise(scope ?? new BoardScope());
        await Groups.AddToGroupAsync(Context.ConnectionId, group);
        return allowed;
    }

    public async Task LeaveBoard(BoardScope? scope)
    {
        var (_, group) = Authorise(scope ?? new BoardScope());
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, group);
    }

    /// <summary>An applicant (or anyone holding the code) follows one case; returns its current version.</summary>
    public async Task<long> WatchCase(string trackingCode)
    {
        // One connection may call this without end; each made-up code costs a grain look-up, so it draws on the
        // caller's anonymous allowance like an HTTP look-up does.
        if (!anonymous.TryAcquire(Context.GetHttpContext(), out var retryAfter))
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            throw Refused(FieldError.Of("client", ErrorCodes.RateTooMany, $"Too many look-ups from this address; retry after {seconds} s.", ("seconds", seconds)));
        }

        var code = (trackingCode ?? "").Trim().ToUpperInvariant();
        var caseId = CaseIds.LooksLikeTrackingCode(code)
            ? await grains.GetGrain<ITrackingGrain>(ITrackingGrain.Key(code)).GetCaseIdAsync()
            : null;
        var view = caseId is null ? null : (await grains.GetGrain<ICaseGrain>(caseId).TrackAsync(code)).Case;
        if (view is null)
        {
            throw Refused(CommonRefusals.NoTrackedCase);
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Case(view.Id));
        return view.Version;
    }

    /// <summary>Staff follow one case (the case page); returns its current version.</summary>
    public async Task<long> WatchCaseById(string caseId)
    {
        RequireStaff();
        var result = CaseIds.LooksLikeCaseId(caseId ?? "")
            ? await grains.GetGrain<ICaseGrain>(caseId!).GetAsync(Context.User!.ToActor())
            : null;
        if (result?.Case is null)
        {
            throw Refused(FieldError.Of("caseId", ErrorCodes.LiveCaseNotInScope, "No such case in your scope."));
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Case(result.Case.Id));
        return result.Case.Version;
    }

    /// <summary>
    /// The scope the caller may watch (the case policy's <see cref="CasePolicy.Watch"/>) and the group that hears it;
    /// a coordinator's board is a group of their own that hears only cases they may read.
    /// </summary>
    private (BoardScope Scope, string Group) Authorise(BoardScope requested)
    {
        var actor = RequireStaff();
        var watch = CasePolicy.Watch(actor, requested.Hall, requested.Department);
        if (watch.Refusal is { } refusal)
        {
            throw Refused(FieldError.Of("scope", ErrorCodes.LiveWatchRefused, refusal));
        }

        if (watch.EachCaseDecides)
        {
            if (!string.IsNullOrEmpty(requested.Hall) && !organisation.Halls.Any(h => CasePolicy.Same(h.Code, requested.Hall)))
            {
                throw Refused(FieldError.Of("hall", ErrorCodes.HallUnknown, $"There is no hall '{requested.Hall}'.", ("hall", requested.Hall)));
            }

            return (requested, LiveGroups.CoordinatorBoard(actor.Id, requested));
        }

        var allowed = requested with { Hall = watch.Hall, Department = watch.Department };
        return (allowed, LiveGroups.Board(allowed));
    }

    /// <summary>
    /// A hub error says only its message, so the message is the catalogue's, in the language the connection was opened
    /// in (its request's culture), the same words an HTTP problem would use.
    /// </summary>
    private HubException Refused(FieldError error) =>
        new(ErrorCatalog.MessageOf(error, ReaderCulture.Chosen(Context.GetHttpContext())));

    private Grains.Cases.CaseActor RequireStaff()
    {
        if (Context.User?.Identity?.IsAuthenticated != true)
        {
            throw Refused(FieldError.Of("Authorization", ErrorCodes.LiveSignInRequired, "Sign in to join a board."));
        }

        return Context.User.ToActor();
    }
}
