using OrleansNlp.Models;

namespace OrleansNlp.Llm;

/// <summary>
/// A per-silo limit on concurrent LLM calls. Up to <see cref="Capacity"/> callers hold a slot at once; the rest wait and
/// are let in by priority (high, normal, low), first come first served within a priority. A waiter whose token is
/// cancelled leaves the queue without taking a slot.
/// </summary>
public sealed class PriorityGate
{
    private readonly Lock _lock = new();
    private readonly LinkedList<Waiter>[] _queues = [new(), new(), new()];
    private int _inFlight;

    public PriorityGate(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    /// <summary>Slots held right now.</summary>
    public int InFlight
    {
        get
        {
            lock (_lock)
            {
                return _inFlight;
            }
        }
    }

    /// <summary>Callers waiting for a slot right now.</summary>
    public int Waiting
    {
        get
        {
            lock (_lock)
            {
                return _queues.Sum(queue => queue.Count);
            }
        }
    }

    /// <summary>Waits for a slot; dispose the result to give it back.</summary>
    public async ValueTask<IDisposable> EnterAsync(JobPriority priority, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Waiter waiter;
        lock (_lock)
        {
            // Newcomers never overtake waiters: a free slot goes to the queue first.
            if (_inFlight < Capacity && _queues.All(queue => queue.Count == 0))
            {
                _inFlight++;
                return new Slot(this);
            }

            waiter = new Waiter(this, cancellationToken);
            waiter.Node = _queues[Rank(priority)].AddLast(waiter);
        }

        using (cancellationToken.UnsafeRegister(static state => ((Waiter)state!).Cancel(), waiter))
        {
            return await waiter.Granted.Task.ConfigureAwait(false);
        }
    }

    private static int Rank(JobPriority priority) => priority switch
    {
        JobPriority.High => 0,
        JobPriority.Low => 2,
        _ => 1,
    };

    private void Release()
    {
        Waiter? next = null;
        lock (_lock)
        {
            foreach (var queue in _queues)
            {
                if (queue.First is { } first)
                {
                    next = first.Value;
                    queue.RemoveFirst();
                    break;
                }
            }

            if (next is null)
            {
                _inFlight--;
            }
        }

        // The slot passes straight to the waiter; it is counted as in flight all along.
        next?.Granted.TrySetResult(new Slot(this));
    }

    private sealed class Waiter(PriorityGate gate, CancellationToken cancellationToken)
    {
        public TaskCompletionSource<IDisposable> Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }

        public void Cancel()
        {
            lock (gate._lock)
            {
                // Already dequeued means the slot was handed over: the caller owns it and gives it back.
                if (Node?.List is not { } queue)
                {
                    return;
                }

                queue.Remove(Node);
            }

            Granted.TrySetCanceled(cancellationToken);
        }
    }

    private sealed class Slot(PriorityGate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
