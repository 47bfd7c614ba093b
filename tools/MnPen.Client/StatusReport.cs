using System.Text.Json;
using System.Text.Json.Serialization;
using MnPen.Protocol;
using MnPen.Safety;

namespace MnPen.Client;

/// <summary>Handshake and status of a pen in tool-friendly units: what `mnpen status` prints (JSON schema = these properties).</summary>
public sealed record StatusReport
{
    /// <summary>Target the pen was reached at.</summary>
    public required string Target { get; init; }
    /// <summary>Pen serial number.</summary>
    public required string Serial { get; init; }
    /// <summary>Firmware version.</summary>
    public required string Firmware { get; init; }
    /// <summary>Protocol version of the pen.</summary>
    public required int ProtocolVersion { get; init; }
    /// <summary>Schema hash of the pen, 8 hex digits.</summary>
    public required string SchemaHash { get; init; }
    /// <summary>True when this tool speaks the pen's protocol version and schema.</summary>
    public required bool Compatible { get; init; }
    /// <summary>Service mode unlocked.</summary>
    public required bool ServiceUnlocked { get; init; }
    /// <summary>A service key is provisioned.</summary>
    public required bool ServiceKeyProvisioned { get; init; }
    /// <summary>Live status (absent when the pen is incompatible).</summary>
    public StatusBody? Status { get; init; }

    /// <summary>Status in engineering units.</summary>
    public sealed record StatusBody(
        string State, int FaultCode, string Fault, string? FaultRemedy, int RateLevel, int RateLevelCount,
        double LevelRateStrokesPerSecond, double TargetRateStrokesPerSecond, double MeasuredRateStrokesPerSecond, double MotorDuty,
        double DepthTargetMm, double DepthMeasuredMm, double DepthLimitMm, double MotorCurrentAmps, double HandpieceCelsius,
        double BatteryVolts, double RunSeconds, double TreatmentSeconds, bool CartridgePresent, bool CartridgeAccepted,
        int CartridgeNeedles, double CartridgeMaxDepthMm, bool TelemetryOn, uint TickCount, uint OverrunCount, double UptimeSeconds);

    /// <summary>Builds the report.</summary>
    public static StatusReport From(string target, PenHello hello, PenStatusData? s) => new()
    {
        Target = target,
        Serial = hello.SerialNumber,
        Firmware = hello.FirmwareVersion,
        ProtocolVersion = hello.ProtocolVersion,
        SchemaHash = hello.SchemaHash.ToString("x8"),
        Compatible = hello.ProtocolVersion == ProtocolSchema.Version && hello.SchemaHash == ProtocolSchema.Hash,
        ServiceUnlocked = hello.ServiceUnlocked,
        ServiceKeyProvisioned = hello.KeyProvisioned,
        Status = s == null ? null : Body(s),
    };

    /// <summary>Converts wire units to engineering units.</summary>
    public static StatusBody Body(PenStatusData s)
    {
        var fault = (FaultCode)s.Fault;
        return new StatusBody(
            ProtocolSchema.StateName(s.State), s.Fault, s.Fault == 0 ? "none" : FaultCatalog.Name(fault),
            s.Fault == 0 ? null : FaultCatalog.Remedy(fault), s.RateLevel, s.RateLevelCount,
            s.LevelRateCenti / 100.0, s.TargetRateCenti / 100.0, s.MeasuredRateCenti / 100.0, s.DutyBasisPoints / 10000.0,
            s.DepthTargetUm / 1000.0, s.DepthMeasuredUm / 1000.0, s.DepthLimitUm / 1000.0, s.MotorCurrentMa / 1000.0,
            s.HandpieceCentiC / 100.0, s.BatteryMv / 1000.0, s.RunMs / 1000.0, s.TreatmentMs / 1000.0,
            (s.Flags & PenStatusData.FlagCartridgePresent) != 0, (s.Flags & PenStatusData.FlagCartridgeAccepted) != 0,
            s.CartridgeNeedles, s.CartridgeMaxDepthUm / 1000.0, (s.Flags & PenStatusData.FlagTelemetryOn) != 0,
            s.TickCount, s.OverrunCount, s.UptimeMs / 1000.0);
    }

    /// <summary>JSON options used by every tool output (camelCase, indented).</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Compact JSON (one line), for JSON-lines output.</summary>
    public static readonly JsonSerializerOptions JsonLine = new(Json) { WriteIndented = false };
}
