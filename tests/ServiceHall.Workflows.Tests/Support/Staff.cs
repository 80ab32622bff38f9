using ServiceHall.Workflows.Interpreter;

namespace ServiceHall.Workflows.Tests.Support;

/// <summary>The people the scenarios use, scoped like the embedded demo accounts.</summary>
internal static class Staff
{
    public const string TianheHall = "gz-tianhe-hall";
    public const string FutianHall = "sz-futian-hall";
    public const string MarketRegulation = "gz-market-regulation";
    public const string Planning = "gz-planning";
    public const string Environment = "gz-environment";
    public const string ShenzhenMarketRegulation = "sz-market-regulation";
    public const string Nansha = "nansha";

    public static Actor Clerk(string hall = TianheHall) => new($"clerk@{hall}", Roles.Clerk, new ActorScope(Hall: hall));

    public static Actor Reviewer(string department = MarketRegulation, string? id = null) =>
        new(id ?? $"reviewer@{department}", Roles.Reviewer, new ActorScope(Department: department));

    public static Actor Coordinator(string district = Nansha) => new($"coordinator@{district}", Roles.Coordinator, new ActorScope(District: district));

    public static Actor Applicant { get; } = new("applicant", Roles.Applicant);
}
