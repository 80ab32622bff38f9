namespace ServiceHall.Api.Pages.Cases;

/// <summary>
/// The case vocabulary the staff case page and the applicant's tracker share (action, material, document and delivery
/// names, form labels, journal texts): Resources/Pages/Cases/CaseText.*.resx.
/// </summary>
public sealed class CaseText;
