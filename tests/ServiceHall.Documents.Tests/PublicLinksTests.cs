using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServiceHall.Api.Documents;

namespace ServiceHall.Documents.Tests;

public sealed class PublicLinksTests
{
    [Fact]
    public void WithoutConfigurationTheRequestsSchemeHostAndPathBaseAreUsed()
    {
        var context = Context(configured: null);

        Assert.Equal("https://hall.example:8443/app", PublicLinks.BaseUrl(context));
    }

    [Fact]
    public void ConfiguredBaseUrlWinsWithoutItsTrailingSlash()
    {
        var context = Context(configured: "https://zwfw.gz.example/hall/");

        Assert.Equal("https://zwfw.gz.example/hall", PublicLinks.BaseUrl(context));
    }

    private static DefaultHttpContext Context(string? configured)
    {
        var settings = new Dictionary<string, string?>();
        if (configured is not null)
        {
            settings[PublicLinks.SettingName] = configured;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddSingleton<IConfiguration>(configuration).BuildServiceProvider(),
        };
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("hall.example", 8443);
        context.Request.PathBase = "/app";
        return context;
    }
}
