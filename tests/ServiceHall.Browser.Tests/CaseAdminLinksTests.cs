using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ServiceHall.Browser.Tests;

/// <summary>
/// Issue 21, "every staff action from the pages": the case page links an admin to the coordinator reassignment and,
/// once a certificate is issued, to its revocation, each form prefilled with this case; a clerk sees neither link.
/// </summary>
public sealed class CaseAdminLinksTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [SkippableFact]
    public async Task AnAdminIsLinkedToReassignAndRevokeAndAClerkIsNot()
    {
        var id = CaseWalker.Id(await Walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002")));
        await Walker.ActAsync(id, "clerk", "accept");
        await Walker.ActAsync(id, "reviewer", "pass");
        await Walker.ActAsync(id, "reviewer", "approve", new { opinion = "符合条件" });
        var issued = await Walker.ActAsync(id, "clerk", "issue-certificate", new { form = "paper" });
        var number = issued["number"]!.GetValue<string>();
        var certificate = issued["certificates"]![0]!["number"]!.GetValue<string>();
        // No wait for the register: the page reads the case, which enters its certificates before it answers.

        var admin = await OpenAsync($"/cases/{id}", "admin");
        var links = admin.Locator("[data-testid=case-admin-links]");
        await Assertions.Expect(links.Locator("[data-testid=link-reassign-coordinator]")).ToHaveTextAsync("改派协调员");
        await Assertions.Expect(links.Locator("[data-testid=link-revoke-certificate]")).ToHaveTextAsync("吊销证照");
        await Assertions.Expect(links.Locator("[data-testid=link-revoke-certificate]"))
            .ToHaveAttributeAsync("href", "/admin/certificates?number=" + Uri.EscapeDataString(certificate));

        // Each link opens its form with this case filled in.
        await links.Locator("[data-testid=link-reassign-coordinator]").ClickAsync();
        await Assertions.Expect(admin.Locator("[data-testid=coordinator-case]")).ToHaveValueAsync(number);

        var clerk = await OpenAsync($"/cases/{id}", "clerk");
        await Assertions.Expect(clerk.Locator("[data-testid=case-actions]")).ToBeVisibleAsync();
        Assert.Equal(0, await clerk.Locator("[data-testid=case-admin-links], a[href^='/admin/']").CountAsync());
    }

    [SkippableFact]
    public async Task AnAdminOnACaseWithoutACertificateIsOfferedOnlyTheReassignment()
    {
        var id = CaseWalker.Id(await Walker.OpenAsync(CaseWalker.Application("GZ-SCJG-002")));

        var admin = await OpenAsync($"/cases/{id}", "admin");
        await Assertions.Expect(admin.Locator("[data-testid=link-reassign-coordinator]")).ToBeVisibleAsync();
        Assert.Equal(0, await admin.Locator("[data-testid=link-revoke-certificate]").CountAsync());
    }
}
