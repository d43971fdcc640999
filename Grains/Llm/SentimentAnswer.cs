using System.Text.Json;
using Microsoft.Extensions.AI;
using OrleansNlp.Models;

namespace OrleansNlp.Llm;

/// <summary>
/// The structured answer a chat model gives when the job also needs the text's sentiment (a language the built-in
/// analyzer does not cover): <c>{"output": "...", "sentiment": {"label": "positive|neutral|negative", "score": -1..1}}</c>,
/// asked for with a JSON-schema response format in the same call as the output. An answer that does not match is a
/// transient failure: the stage retries it like a provider error.
/// </summary>
public static class SentimentAnswer
{
    public const string SchemaName = "answer_with_sentiment";

    public static readonly ChatResponseFormat Format = ChatResponseFormat.ForJsonSchema(
        JsonDocument.Parse("""
        {
          "type": "object",
          "properties": {
            "output": { "type": "string", "description": "The answer to the instruction." },
            "sentiment": {
              "type": "object",
              "properties": {
                "label": { "type": "string", "enum": ["positive", "neutral", "negative"] },
                "score": { "type": "number", "minimum": -1, "maximum": 1 }
              },
              "required": ["label", "score"],
              "additionalProperties": false
            }
          },
          "required": ["output", "sentiment"],
          "additionalProperties": false
        }
        """).RootElement.Clone(),
        SchemaName,
        "The answer to the instruction and the sentiment of the whole text.");

    /// <summary>Appended to the system message: what the sentiment means, in the text's own language.</summary>
    public static string Instruction(TextLanguage language) =>
        " Also judge the sentiment the whole text expresses" +
        (language.Name is { } name ? $" (it is written in {name})" : "") +
        ": label positive, neutral or negative, and a score from -1 (most negative) to 1 (most positive), 0 when neutral." +
        " Answer with a JSON object {\"output\": your answer to the instruction, \"sentiment\": {\"label\", \"score\"}}.";

    /// <summary>The output and sentiment of a structured answer; throws a transient <see cref="LlmProviderException"/>
    /// when the answer is not the JSON asked for.</summary>
    public static (string Output, TextSentiment Sentiment) Parse(string answer)
    {
        try
        {
            using var document = JsonDocument.Parse(CodeFence.Strip(answer));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("output", out var output) || output.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("sentiment", out var sentiment) || sentiment.ValueKind != JsonValueKind.Object
                || !sentiment.TryGetProperty("label", out var label) || label.ValueKind != JsonValueKind.String
                || !sentiment.TryGetProperty("score", out var score) || score.ValueKind != JsonValueKind.Number)
            {
                throw Malformed("it lacks output, sentiment.label or sentiment.score");
            }

            var labelText = label.GetString()!.Trim().ToLowerInvariant();
            if (labelText is not (TextSentimentLabels.Positive or TextSentimentLabels.Neutral or TextSentimentLabels.Negative))
            {
                throw Malformed($"sentiment.label '{labelText}' is not positive, neutral or negative");
            }

            var value = score.GetDouble();
            if (!double.IsFinite(value) || value is < -1 or > 1)
            {
                throw Malformed("sentiment.score is outside -1..1");
            }

            return (output.GetString()!.Trim(), new TextSentiment(labelText, Math.Round(value, 4), TextSentimentLabels.LlmMethod));
        }
        catch (JsonException exception)
        {
            throw Malformed("it is not JSON", exception);
        }
    }

    private static LlmProviderException Malformed(string why, Exception? inner = null) =>
        new($"The LLM's answer was not the JSON asked for: {why}.", isTransient: true, inner: inner);
}
