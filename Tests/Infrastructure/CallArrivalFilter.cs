namespace OrleansNlp.Tests.Infrastructure;

/// <summary>Tells <see cref="FaultInjection.CallArrivedAsync"/> waiters that a grain call's turn has begun, before the
/// grain's method runs: a test can then act while the call is inside the grain, without waiting for a time.</summary>
public sealed class CallArrivalFilter : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        FaultInjection.CallArrived(context.TargetId.Key.ToString()!, context.InterfaceMethod.Name);
        return context.Invoke();
    }
}
