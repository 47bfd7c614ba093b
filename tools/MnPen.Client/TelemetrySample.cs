using MnPen.Protocol;

namespace MnPen.Client;

/// <summary>One telemetry sample with its stream sequence byte (gaps mean samples were dropped).</summary>
public sealed record TelemetrySample(byte Seq, PenStatusData Data);
