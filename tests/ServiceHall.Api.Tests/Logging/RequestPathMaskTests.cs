using Microsoft.AspNetCore.Http;
using ServiceHall.Api.Http;

namespace ServiceHall.Api.Tests.Logging;

/// <summary>What a request log may show: codes in paths and person-bearing query values masked, the rest kept for diagnosis.</summary>
public sealed class RequestPathMaskTests
{
    [Theory]
    [InlineData("/api/track/K7Q2M9XW4P", "/api/track/****")]
    [InlineData("/api/track/K7Q2M9XW4P/documents/certificate", "/api/track/****/documents/certificate")]
    [InlineData("/track/K7Q2M9XW4P/fragment", "/track/****/fragment")]
    [InlineData("/API/TRACK/K7Q2M9XW4P", "/api/track/****")]
    [InlineData("/api/appointments/AP-123456/cancel", "/api/appointments/****/cancel")]
    [InlineData("/api/appointments/slots", "/api/appointments/slots")]
    [InlineData("/api/appointments/day", "/api/appointments/day")]
    [InlineData("/api/cases/case-42/actions/accept", "/api/cases/case-42/actions/accept")]
    [InlineData("/track", "/track")]
    [InlineData("/api/track/", "/api/track/")]
    [InlineData("", "")]
    public void CodesInPathsAreMasked(string path, string expected) =>
        Assert.Equal(expected, RequestPathMask.MaskPath(path), ignoreCase: true);

    [Theory]
    [InlineData("?q=%E5%BC%A0%E4%B8%89&page=2", "?q=***&page=2")]
    [InlineData("?stage=acceptance&window=general-1", "?stage=acceptance&window=general-1")]
    [InlineData("?code=K7Q2M9XW4P", "?code=***")]
    [InlineData("?access_token=eyJhbGciOi.x.y&id=abc", "?access_token=***&id=abc")]
    [InlineData("?returnUrl=%2Ftrack%2FK7Q2M9XW4P", "?returnUrl=***")]
    [InlineData("?%E5%BC%A0%E4%B8%89", "?***")]
    [InlineData("?", "")]
    [InlineData(null, "")]
    public void QueryValuesOutsideTheAllowListAreMasked(string? query, string expected) =>
        Assert.Equal(expected, RequestPathMask.MaskQuery(query));

    [Fact]
    public void ARequestIsShownWithItsPathAndQueryMasked()
    {
        var context = new DefaultHttpContext();
        context.Request.Path = "/api/track/K7Q2M9XW4P";
        context.Request.QueryString = new QueryString("?q=zhangsan&format=pdf");

        var shown = RequestPathMask.For(context.Request);

        Assert.Equal("/api/track/****?q=***&format=pdf", shown);
        Assert.DoesNotContain("K7Q2M9XW4P", shown);
        Assert.DoesNotContain("zhangsan", shown);
    }
}
