using System.Text;
using System.Text.Json;
using Microsoft.Net.Http.Headers;
using OrleansNlp.Models;

namespace OrleansNlp.WebFrontend.Datasets;

/// <summary>Writes a completed dataset to the response row by row: CSV (RFC 4180: a header of field names, CRLF line
/// ends, a value quoted when it holds a comma, quote, CR or LF, quotes doubled; lists joined with "; "; null empty) or
/// JSON Lines (one row object per line).</summary>
public sealed class DatasetExport(DatasetExportFormat format, DatasetResult dataset) : IResult
{
    private const int FlushEvery = 100;

    public async Task ExecuteAsync(HttpContext http)
    {
        var extension = format == DatasetExportFormat.Csv ? "csv" : "jsonl";
        http.Response.ContentType = format == DatasetExportFormat.Csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = $"{dataset.Name}.{extension}" }.ToString();
        var fields = DatasetJson.Fields(dataset.FieldsJson).Select(field => field.Name!).ToArray();
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
        if (format == DatasetExportFormat.Csv)
        {
            await writer.WriteAsync(string.Join(',', fields.Select(Quote)) + "\r\n");
        }

        for (var index = 0; index < dataset.Rows.Length; index++)
        {
            await writer.WriteAsync(format == DatasetExportFormat.Csv ? CsvLine(dataset.Rows[index], fields) : dataset.Rows[index] + "\n");
            if (index % FlushEvery == FlushEvery - 1)
            {
                await writer.FlushAsync(http.RequestAborted);
            }
        }

        await writer.FlushAsync(http.RequestAborted);
    }

    private static string CsvLine(string rowJson, string[] fields)
    {
        using var document = JsonDocument.Parse(rowJson);
        var row = document.RootElement;
        return string.Join(',', fields.Select(field => row.TryGetProperty(field, out var value) ? Quote(Text(value)) : "")) + "\r\n";
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Array => string.Join("; ", value.EnumerateArray().Select(Text)),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
