using System.Text.Json;

namespace OrleansNlp.Contracts;

/// <summary>A page of a completed dataset's rows (GET /api/datasets/{jobId}/rows?offset=&amp;limit=).</summary>
/// <param name="Total">All the dataset's rows.</param>
/// <param name="Rows">Rows offset to offset + limit, each a JSON object with the dataset's fields.</param>
public sealed record DatasetRowsResponse(string JobId, int Offset, int Limit, int Total, IReadOnlyList<JsonElement> Rows);
