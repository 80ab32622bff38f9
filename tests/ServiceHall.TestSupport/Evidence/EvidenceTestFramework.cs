using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ServiceHall.TestSupport;

/// <summary>
/// xunit's own framework with one addition: it hears each test's result, so <see cref="FailureEvidence"/> can keep
/// what a failed test leaves behind while its fixtures (the silo processes) are still running. Test projects select it
/// with an assembly attribute (tests/Directory.Build.props adds it).
/// </summary>
public sealed class EvidenceTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        protected override async void RunTestCases(
            IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new XunitTestAssemblyRunner(
                TestAssembly, testCases, DiagnosticMessageSink, new ResultListener(executionMessageSink), executionOptions);
            await runner.RunAsync();
        }
    }

    private sealed class ResultListener(IMessageSink next) : IMessageSink
    {
        public bool OnMessage(IMessageSinkMessage message)
        {
            try
            {
                switch (message)
                {
                    case ITestFailed failed:
                        FailureEvidence.TestFailed(failed.Test.DisplayName, failed.Messages.Concat(failed.StackTraces).Where(m => m is not null));
                        break;
                    case ITestPassed passed:
                        FailureEvidence.TestSucceeded(passed.Test.DisplayName);
                        break;
                    case ITestSkipped skipped:
                        FailureEvidence.TestSucceeded(skipped.Test.DisplayName);
                        break;
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Keeping evidence must never change a result.
            }

            return next.OnMessage(message);
        }
    }
}
