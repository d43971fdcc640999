namespace OrleansNlp.Llm;

/// <summary>Some models wrap JSON in a Markdown code fence even when asked for a JSON response format.</summary>
public static class CodeFence
{
    public static string Strip(string answer)
    {
        var text = answer.Trim();
        if (!text.StartsWith("```", StringComparison.Ordinal))
        {
            return text;
        }

        var start = text.IndexOf('\n');
        var end = text.LastIndexOf("```", StringComparison.Ordinal);
        return start > 0 && end > start ? text[(start + 1)..end] : text;
    }
}
