namespace ServiceHall.Workflows.Activities;

/// <summary>The activity cannot do its job with the inputs it has; the step becomes an incident.</summary>
public sealed class ActivityFaultException(string message) : Exception(message);
