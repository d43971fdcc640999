namespace OrleansNlp.Contracts;

/// <summary>A page of jobs with one status, newest first (GET /api/jobs?status=…); pass <see cref="NextCursor"/> back as
/// cursor for the next page. It is null on the last page.</summary>
public sealed record JobListResponse(IReadOnlyList<JobResponse> Items, string? NextCursor);
