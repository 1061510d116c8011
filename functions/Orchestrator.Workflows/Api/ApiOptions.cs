using System.ComponentModel.DataAnnotations;

namespace Orchestrator.Workflows.Api;

/// <summary>Settings under <c>Api</c>.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Local host only: plays the Functions function key.</summary>
    public string? Key { get; set; }

    /// <summary>Local host only: plays the Functions admin key.</summary>
    public string? AdminKey { get; set; }

    /// <summary>Request bodies larger than this are refused with 413.</summary>
    [Range(typeof(long), "1", "1073741824"), Display(Name = "Api__MaxBodyBytes")]
    public long MaxBodyBytes { get; set; } = 1024 * 1024;
}
