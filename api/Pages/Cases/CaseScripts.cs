namespace ServiceHall.Api.Pages.Cases;

/// <summary>The <see cref="CaseText"/> keys the case page's and the tracker's scripts use (action-forms.js, case-view.js).</summary>
public static class CaseScripts
{
    public static readonly IReadOnlyList<string> Keys =
    [
        "form.sending", "form.done", "form.failed", "form.signIn", "form.network", "form.fieldNamed",
        "countdown.left", "countdown.over", "countdown.days", "countdown.hours", "view.gone", "view.stale",
    ];
}
