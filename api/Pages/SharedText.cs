namespace ServiceHall.Api.Pages;

/// <summary>The strings every page shares (navigation, stage, status and channel names): Resources/Pages/SharedText.*.resx.</summary>
public sealed class SharedText;
