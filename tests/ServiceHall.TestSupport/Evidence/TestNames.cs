using System.Reflection;
using Xunit.Abstractions;

namespace ServiceHall.TestSupport;

/// <summary>The running test's display name, as the test results and <see cref="FailureEvidence"/> know it.</summary>
public static class TestNames
{
    // xunit 2 gives a test class its test only through the output helper's private field.
    private static readonly FieldInfo? TestField =
        typeof(Xunit.Sdk.TestOutputHelper).GetField("test", BindingFlags.Instance | BindingFlags.NonPublic);

    public static string Of(ITestOutputHelper output) =>
        (TestField?.GetValue(output) as ITest)?.DisplayName ?? "unknown-test";
}
