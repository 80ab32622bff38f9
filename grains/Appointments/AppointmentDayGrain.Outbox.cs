using Microsoft.Extensions.Logging;
using ServiceHall.Grains.Notifications;

namespace ServiceHall.Grains.Appointments;

/// <summary>
/// SMS confirmations: queued in the same write as the booking change, handed to the gateway after it, and dropped
/// once the gateway has them (it keeps each message id once). Failures wait for the next command or activation.
/// </summary>
internal sealed partial class AppointmentDayGrain
{
    private void Enqueue(AppointmentDayState next, Booking booking, string template)
    {
        // The gateway keeps each id once, so an id must never repeat: a counter of this day's messages, written with
        // the change, plus the day itself (a code moved back and forth between days meets other days' counters).
        next.MessageSequence++;
        next.Outbox.Add(new SmsMessage
        {
            Id = $"{booking.Code}:{Date:yyyyMMdd}-{Window}:{template}:{next.MessageSequence}",
            To = booking.Applicant.Phone,
            Text = AppointmentSmsTexts.Render(template, booking.ServiceItemNameZh, Date, booking.Start, WindowName, booking.Code),
            CaseId = booking.Code,
            Template = template,
            CreatedAt = clock.GetUtcNow(),
        });
    }

    // The applicant reads the window's name on the sign above the counter, not the code the system keys it by.
    private string WindowName => organisation.FindHall(Hall) is { } hall && organisation.FindWindow(Hall, Window) is { } window
        ? hall.NameZh + window.NameZh
        : Window;

    private async Task DispatchOutboxAsync()
    {
        var delivered = new HashSet<string>();
        foreach (var message in state.State.Outbox)
        {
            try
            {
                await sms.SendAsync(message);
                delivered.Add(message.Id);
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Appointments {Day}: message {Message} not accepted by the gateway yet", this.GetPrimaryKeyString(), message.Id);
                break;
            }
        }

        if (delivered.Count > 0)
        {
            // Bookkeeping only: saved with the next write. Lost, the messages go out again and the gateway keeps each id once.
            var next = state.State.Copy();
            next.Outbox.RemoveAll(m => delivered.Contains(m.Id));
            state.State = next;
        }
    }
}
