using OrleansNlp.Models;

namespace OrleansNlp.WebFrontend.Jobs;

/// <summary>A page of jobs with one status, newest first; pass nextCursor back as cursor for the next page.</summary>
public sealed record JobListResponse(IReadOnlyList<JobResponse> Items, string? NextCursor);
