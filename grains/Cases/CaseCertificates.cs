using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ServiceHall.Grains.Certificates;
using ServiceHall.Grains.Refusals;
using ServiceHall.Workflows;

namespace ServiceHall.Grains.Cases;

/// <summary>
/// Certificates and electronic licences: every certificate the case issues gets a register number (the case number;
/// a re-issue adds a sequence) and a register entry the public check reads; an e-licence offered in place of a
/// licence copy must be a valid business licence in that register.
/// </summary>
internal sealed partial class CaseGrain
{
    // Numbers this activation entered, or found entered for another case (an error no retry mends). In memory on
    // purpose: registration is idempotent, so after a restart each activation simply enters them again.
    private readonly HashSet<string> _certificatesSettled = [];
    private IGrainTimer? _certificateRetry;

    // Set while the turn that enters a commit's certificates is still to come.
    private bool _registerAfterCall;

    private bool AllCertificatesSettled => state.State.Certificates.All(c => _certificatesSettled.Contains(c.Number));

    private static readonly TimeSpan CertificateRetryDelay = TimeSpan.FromMinutes(1);

    /// <summary>Each e-licence number must verify against the register, or the opening is refused naming it.</summary>
    private async Task<CaseResult?> CheckELicencesAsync(OpenCaseCommand command)
    {
        for (var i = 0; i < command.Materials.Count; i++)
        {
            var material = command.Materials[i];
            if (material.Form != "e-licence")
            {
                continue;
            }

            var number = material.ELicenceNumber ?? "";
            var applicant = command.Applicant;
            var valid = ICertificateGrain.LooksLikeNumber(number)
                && await GrainFactory.Reference<ICertificateGrain>(ICertificateGrain.Key(number))
                    .IsValidBusinessLicenceAsync(applicant.Organization, applicant.OrganizationCode);
            if (!valid)
            {
                return CaseResult.Refused(CaseOutcome.Unprocessable, FieldError.Of($"materials[{i}].eLicenceNumber", "material.eLicenceInvalid",
                    $"'{number}' is not a valid electronic business licence of the applicant's organisation (its name and unified social credit code) in the hall's register; upload or bring the licence copy instead.", ("number", number)));
            }
        }

        return null;
    }

    /// <summary>
    /// After a commit that issued a certificate: its register entry is written in the grain's next turn, not in this
    /// call, so the command is answered once its own write is durable instead of after a second one (the entry is a
    /// grain-state write of its own: on PostgreSQL a second commit, on SQLite a second fsync). The public check may
    /// answer "unknown" for the few milliseconds between the two. The turn is the grain's own (timers do not interleave
    /// with calls), and an activation that leaves first enters them on its way out.
    /// </summary>
    private void RegisterCertificatesAfterThisCall()
    {
        if (AllCertificatesSettled)
        {
            return;
        }

        _registerAfterCall = true;
        _certificateRetry?.Dispose();
        _certificateRetry = this.RegisterGrainTimer(_ => RetryCertificatesAsync(), new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    /// <summary>
    /// Enters the case's certificates in the register (idempotent) and retries in a minute what it could not. The case
    /// already holds the numbers, so a failure here only delays the public check.
    /// </summary>
    private async Task RegisterCertificatesAsync()
    {
        var missing = await EnterCertificatesAsync();
        _certificateRetry?.Dispose();
        _certificateRetry = missing
            ? this.RegisterGrainTimer(_ => RetryCertificatesAsync(), new GrainTimerCreationOptions(CertificateRetryDelay, Timeout.InfiniteTimeSpan))
            : null;
    }

    /// <summary>
    /// A read that overtook the register turn (the case page, the tracker, an electronic certificate's download) enters
    /// the certificates first, so what it shows of the register does not depend on which turn ran first.
    /// </summary>
    private async Task RegisterOverdueCertificatesAsync()
    {
        if (_registerAfterCall)
        {
            await RegisterCertificatesAsync();
        }
    }

    /// <summary>
    /// An activation leaving with certificates not yet entered (its register turn never came, or the register failed):
    /// enter them now, and leave a reminder for what the register did not take. A silo shutting down cannot start the
    /// register's grain, and a closed case may never be activated again, so nothing else would enter them.
    /// </summary>
    private async Task EnterCertificatesBeforeLeavingAsync(CancellationToken cancellationToken)
    {
        if (state.State.Id is null || AllCertificatesSettled)
        {
            return;
        }

        try
        {
            if (!await EnterCertificatesAsync().WaitAsync(cancellationToken))
            {
                return;
            }
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Case {Case}: certificates not entered before the activation left; a reminder retries", state.State.Id);
        }

        try
        {
            await RegisterRetryReminderAsync(CaseTimers.CertificatesReminder);
        }
        catch (Exception exception)
        {
            // Leaving must not fail for it; the case's next activation enters them too.
            logger.LogWarning(exception, "Case {Case}: the certificates' reminder could not be set", state.State.Id);
        }
    }

    /// <summary>The reminder a leaving activation set: enter what is missing, and drop the reminder once nothing is.</summary>
    private async Task EnterCertificatesOnReminderAsync()
    {
        if (state.State.Id is null)
        {
            // Purged since: nothing to enter, and nothing to keep this activation for.
            await DropRetryReminderAsync(CaseTimers.CertificatesReminder);
            this.DeactivateOnIdle();
            return;
        }

        await RegisterCertificatesAsync();
        if (_certificateRetry is null)
        {
            await DropRetryReminderAsync(CaseTimers.CertificatesReminder);
        }
    }

    /// <summary>
    /// Enters each certificate this activation has not settled (entered, or found held by another entry); true when any
    /// is still missing, so that a retry is worth it.
    /// </summary>
    private async Task<bool> EnterCertificatesAsync()
    {
        _registerAfterCall = false;
        var current = state.State;
        var missing = false;
        foreach (var certificate in current.Certificates.Where(c => !_certificatesSettled.Contains(c.Number)))
        {
            try
            {
                var registered = await GrainFactory.Reference<ICertificateGrain>(ICertificateGrain.Key(certificate.Number)).RegisterAsync(new CertificateRecord
                {
                    Number = certificate.Number,
                    Holder = string.IsNullOrWhiteSpace(current.Applicant!.Organization) ? Mask.Name(current.Applicant.Name) : current.Applicant.Organization,
                    ServiceItemCode = current.ServiceItemCode,
                    ServiceItemNameZh = current.ServiceItemNameZh,
                    ServiceItemNameEn = current.ServiceItemNameEn,
                    Form = certificate.Form,
                    IssuedAt = certificate.IssuedAt,
                    Source = "issued",
                    // Only an item that issues a business licence (the catalogue says so) enters the e-licence register,
                    // for the organisation it was issued to.
                    IsBusinessLicence = current.IssuesBusinessLicence,
                    HolderCode = current.IssuesBusinessLicence ? current.Applicant.OrganizationCode : null,
                    CaseId = current.Id,
                    CaseNumber = current.Number,
                    Hall = current.Hall,
                });
                if (registered)
                {
                    _certificatesSettled.Add(certificate.Number);
                }
                else
                {
                    // The number belongs to another entry: the public check would describe someone else's certificate.
                    // Retrying cannot change whose entry it is, so this activation neither retries nor leaves a reminder
                    // for it (one would keep the case in memory for good); the next activation looks again.
                    _certificatesSettled.Add(certificate.Number);
                    logger.LogError("Case {Case}: certificate number {Number} is registered to another case or source", current.Id, certificate.Number);
                }
            }
            catch (Exception exception)
            {
                missing = true;
                logger.LogWarning(exception, "Case {Case}: certificate {Number} not registered yet", current.Id, certificate.Number);
            }
        }

        return missing;
    }

    private async Task RetryCertificatesAsync()
    {
        await RegisterCertificatesAsync();

        // A closed case kept in memory only for this retry may go now.
        LeaveMemoryWhenSettled();
    }
}

/// <summary>A certificate the case issued: its register number, form and time.</summary>
[GenerateSerializer, Immutable, Alias("ServiceHall.Grains.Cases.CertificateRef")]
public sealed record CertificateRef([property: Id(0)] string Number, [property: Id(1)] string Form, [property: Id(2)] DateTimeOffset IssuedAt) : StoredRecord;
