using System.Text;
using Microsoft.Extensions.AI;
using OrleansNlp.Contracts;
using OrleansNlp.Models;

namespace OrleansNlp.Datasets;

/// <summary>The messages of one generation call: the system message says what a row is (the fields and their meaning),
/// the user message the query, how many rows, and which key values the dataset already has.</summary>
public static class DatasetPrompt
{
    /// <summary>The user message's line with the number of rows asked for (the test server reads it).</summary>
    public const string CountLine = "Rows to generate: ";

    public static IList<ChatMessage> Build(DatasetChunkRequest request, DatasetSchema schema)
    {
        var system = new StringBuilder()
            .Append("You build the dataset \"").Append(request.Name).AppendLine("\", a table whose rows answer a research query.")
            .AppendLine("Each row is a JSON object with these fields:");
        foreach (var field in schema.Fields)
        {
            system.Append("- ").Append(field.Name).Append(" (").Append(TypeText(field)).Append(field.Required ? ", required" : ", optional: null when unknown").Append(')');
            if (!string.IsNullOrWhiteSpace(field.Description))
            {
                system.Append(": ").Append(field.Description);
            }

            system.AppendLine();
        }

        system.Append("Answer with a JSON object {\"rows\": [...]} holding exactly the number of rows asked for, each a distinct, factual entry.");
        var user = new StringBuilder().Append("Query: ").AppendLine(request.Query).Append(CountLine).Append(request.Count).AppendLine();
        if (request.KeyField is { } key && request.Avoid.Length > 0)
        {
            user.Append("The dataset already has rows with these ").Append(key).Append(" values; do not repeat them: ")
                .AppendJoin("; ", request.Avoid).AppendLine();
        }

        return [new ChatMessage(ChatRole.System, system.ToString()), new ChatMessage(ChatRole.User, user.ToString())];
    }

    private static string TypeText(DatasetField field) => field.Type switch
    {
        DatasetFieldTypes.Enum => "one of " + string.Join(", ", field.Values!),
        DatasetFieldTypes.Date => "date, yyyy-MM-dd",
        DatasetFieldTypes.ListOfStr => "list of strings",
        DatasetFieldTypes.Int => "integer",
        DatasetFieldTypes.Float => "number",
        DatasetFieldTypes.Bool => "true or false",
        _ => "string",
    };
}
