using System.Text.Json;
using System.Text.Json.Serialization;

namespace MnPen.VirtualPen.Reporting;

/// <summary>JSON form of run summaries and perf reports: snake_case names, indented, invariant numbers.</summary>
public static class SummaryJson
{
    /// <summary>Serializer options shared by `mnpen sim --json`, `mnpen perf --json` and the tests.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        // Text is for people and tools, not for embedding in HTML: keep quotes and unit symbols readable.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Serializes a value with the shared options.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
