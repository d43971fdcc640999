namespace OrleansNlp;

/// <summary>Which waiting jobs the LLM stage serves first when its capacity is saturated (FIFO within a priority).
/// The values are stored with jobs and never renumbered; JSON carries the lowercase names.</summary>
public enum JobPriority
{
    Normal = 0,
    High = 1,
    Low = 2,
}
