using System.Globalization;
using MnPen.Firmware;
using MnPen.Client;
using MnPen.Hal;
using MnPen.Protocol;
using MnPen.Safety;
using MnPen.Storage;

namespace MnPen.Cli.Technician;

/// <summary>
/// One event-log entry decoded for people and scripts: kind by name, faults with name, cause and remedy from the
/// fault catalogue, and a one-line summary (`mnpen log`). JSON names are snake_case (see <see cref="TechnicianJson"/>).
/// The pen folds an event identical to one of its last few entries into that entry: Repeats counts the folded ones
/// (the entry happened Repeats + 1 times; boot and time are the latest one's), so nothing the pen counted is hidden.
/// </summary>
public sealed record LoggedEvent(
    uint Sequence, int Boot, uint UptimeMs, string Uptime, string Kind, int KindNumber, int Code, uint Argument, int Repeats,
    string? Fault, int? FaultCode, string? FaultClass, string? Cause, string? Remedy, string Summary)
{
    private static readonly DateTime CalibrationEpoch = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Decodes a wire record; unknown kinds and codes are shown by number, never dropped.</summary>
    public static LoggedEvent From(EventRecord e)
    {
        var kind = (EventKind)e.Kind;
        string kindName = Enum.IsDefined(kind) ? kind.ToString() : $"Kind{e.Kind}";
        bool carriesFault = kind is EventKind.Fault or EventKind.CartridgeRefused or EventKind.FaultCleared;
        var fault = (FaultCode)e.Code;
        bool known = carriesFault && FaultCatalog.IsKnown(fault) && fault != Safety.FaultCode.None;
        return new LoggedEvent(
            e.Sequence, e.BootNumber, e.UptimeMs, FormatUptime(e.UptimeMs), kindName, e.Kind, e.Code, e.Argument, e.Repeats,
            carriesFault ? (known ? FaultCatalog.Name(fault) : $"Fault{e.Code}") : null,
            carriesFault ? e.Code : null,
            known ? FaultCatalog.ClassOf(fault).ToString() : null,
            known && kind != EventKind.FaultCleared ? FaultCatalog.Cause(fault) : null,
            known && kind != EventKind.FaultCleared ? FaultCatalog.Remedy(fault) : null,
            Summarise(kind, e, known ? FaultCatalog.Name(fault) : $"fault {e.Code}") + (e.Repeats > 0 ? $" ({e.Repeats + 1} times, the last shown)" : ""));
    }

    /// <summary>"h:mm:ss.fff" since boot.</summary>
    public static string FormatUptime(uint ms) =>
        TimeSpan.FromMilliseconds(ms).ToString(@"h\:mm\:ss\.fff", CultureInfo.InvariantCulture);

    private static string Summarise(EventKind kind, EventRecord e, string fault) => kind switch
    {
        EventKind.Boot => $"firmware 0x{e.Argument:x8} started (reset cause {Name<ResetCause>(e.Code)})",
        EventKind.Fault => $"fault {fault} ({e.Code}) raised",
        EventKind.SessionStart => $"session started at rate level {e.Code + 1}, depth {e.Argument * 0.05:0.00} mm (logged before the motor ran)",
        EventKind.SessionInterrupted => $"session started at entry #{e.Argument} was interrupted: no end logged before the restart (reset cause {Name<ResetCause>(e.Code)})",
        EventKind.SessionEnd => $"motor stopped after {e.Argument} s ({Name<TransitionReason>(e.Code)})",
        EventKind.CartridgeInserted => $"cartridge {e.Argument:x8} accepted (max depth {e.Code * 0.05:0.00} mm)",
        EventKind.CartridgeRemoved => $"cartridge {e.Argument:x8} removed after {e.Code} s of use",
        EventKind.CartridgeRefused => $"cartridge {e.Argument:x8} refused: {fault} ({e.Code})",
        EventKind.CalibrationChanged => $"calibration written (calibrated on {CalibrationEpoch.AddDays(e.Argument):yyyy-MM-dd})",
        EventKind.SettingsChanged => "settings written",
        EventKind.FirmwareUpdated => $"firmware updated to 0x{e.Argument:x8}",
        EventKind.StorageRepaired => $"damaged storage record (type {e.Code}) found and rewritten",
        EventKind.LogOverflow => $"{e.Argument} entries lost: the log queue was full",
        EventKind.FaultCleared => e.Argument switch
        {
            1 => $"fault {fault} ({e.Code}) cleared by a power cycle",
            2 => $"fault {fault} ({e.Code}) cleared by a service clear",
            _ => $"fault {fault} ({e.Code}) acknowledged and cleared",
        },
        EventKind.ServiceAccess => LinkEventText(e.Code, e.Argument),
        _ => $"event kind {e.Kind}, code {e.Code}, argument {e.Argument}",
    };

    // Texts follow LinkEvent's documented details (docs/protocol.md): unlock failures carry the lockout they started,
    // session ends and link-motor stops carry a LinkEndReason.
    private static string LinkEventText(int code, uint detail) => code switch
    {
        LinkEvent.ServiceUnlocked => "service mode unlocked",
        LinkEvent.ServiceUnlockFailed => detail == 0 ? "service unlock failed (attempts remain)" : $"service unlock failed: locked out for {detail} s",
        LinkEvent.ServiceLockout => $"service unlock locked out for {detail} s after failures",
        LinkEvent.ServiceLocked => "service mode ended (" + LinkEndReason.Name((int)detail) + ")",
        LinkEvent.CalibrationWritten => "calibration written over the link",
        LinkEvent.SerialWritten => "serial number written over the link",
        LinkEvent.LimitWritten => $"service setting {SettingTable.Name((int)detail)} written over the link",
        LinkEvent.KeyProvisioned => "service key provisioned",
        LinkEvent.LinkMotorStopped => "motor started over the link stopped (" + LinkEndReason.Name((int)detail) + ")",
        LinkEvent.RebootRequested => "restart requested over the link (service mode)",
        LinkEvent.FaultServiceCleared => $"service clear of latched faults requested over the link (result {CommandResultNames.Name((int)detail)})",
        _ => $"service access event {code} (detail {detail})",
    };

    private static string Name<T>(int value) where T : struct, Enum
    {
        var v = (T)Enum.ToObject(typeof(T), value);
        return Enum.IsDefined(v) ? v.ToString() : value.ToString(CultureInfo.InvariantCulture);
    }
}
