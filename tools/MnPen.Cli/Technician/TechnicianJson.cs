using System.Text.Json;
using System.Text.Json.Serialization;
using MnPen.Calibration.Certificates;

namespace MnPen.Cli.Technician;

/// <summary>JSON options of the technician commands' output: the certificate's snake_case names, nulls left out.</summary>
public static class TechnicianJson
{
    /// <summary>The options.</summary>
    public static readonly JsonSerializerOptions Options = new(CertificateWriter.Json)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
