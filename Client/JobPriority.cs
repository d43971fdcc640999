namespace OrleansNlp.Client;

/// <summary>Which waiting jobs the LLM stage serves first when it is saturated.</summary>
public enum JobPriority
{
    Normal,
    High,
    Low,
}
