using System.Text.Json;
using System.Text.Json.Serialization;

namespace MnPen.Cli.Technician;

/// <summary>JSON options of the technician commands' output: snake_case names, nulls left out, indented.</summary>
public static class TechnicianJson
{
    /// <summary>The options.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
