namespace OrleansNlp.Models;

/// <summary>Which waiting jobs the LLM stage serves first when its capacity is saturated (FIFO within a priority).</summary>
[GenerateSerializer, Alias("OrleansNlp.JobPriority")]
public enum JobPriority
{
    Normal = 0,
    High = 1,
    Low = 2,
}
