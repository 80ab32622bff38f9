using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ServiceHall.Browser.Tests;

/// <summary>
/// Issue 22 item 2 on /verify: a refused certificate file was shown as the server's English detail on the Chinese
/// page. The refusal now sits on the file input and reads in the page's language (the call sends it).
/// </summary>
public sealed class VerifyFileRefusalInPageLanguageTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private static readonly FilePayload NotACertificate = new() { Name = "photo.json", MimeType = "application/json", Buffer = "not json"u8.ToArray() };

    [SkippableFact]
    public async Task ARefusedCertificateFileIsExplainedOnItsInputInThePageLanguage()
    {
        var page = await OpenAsync("/verify");
        var form = page.Locator("[data-testid=verify-file-form]");
        await form.Locator("input[type=file]").SetInputFilesAsync(NotACertificate);
        await form.Locator("button[type=submit]").ClickAsync();
        var result = page.Locator("#verify-file-result");
        await Assertions.Expect(result).ToContainTextAsync("该文件不是电子证照文件。", new() { Timeout = Patience });
        await Assertions.Expect(form.Locator("input[type=file]")).ToHaveAttributeAsync("aria-invalid", "true");

        await GoToAsync(page, "/lang/en?returnUrl=/verify");
        await form.Locator("input[type=file]").SetInputFilesAsync(NotACertificate);
        await form.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(result).ToContainTextAsync("This file is not an electronic certificate.", new() { Timeout = Patience });
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", await result.InnerTextAsync());
    }
}
