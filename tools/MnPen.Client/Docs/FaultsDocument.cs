using System.Globalization;
using System.Text;
using MnPen.Safety;

namespace MnPen.Client.Docs;

/// <summary>
/// Builds docs/faults.md from MnPen.Safety.FaultCatalog (codes, classes, clear policies, texts, reaction deadlines).
/// A test fails when the committed file differs; regenerate with `mnpen docs`.
/// </summary>
public static class FaultsDocument
{
    /// <summary>Repository-relative path of the document.</summary>
    public const string RelativePath = "docs/faults.md";

    /// <summary>The whole document as Markdown (LF line endings).</summary>
    public static string Generate()
    {
        var sb = new StringBuilder();
        sb.Append("""
# MnPen fault codes

<!-- Generated from firmware/MnPen.Safety/FaultCatalog.cs by tools/MnPen.Client/Docs/FaultsDocument.cs (`mnpen docs`).
     Do not edit by hand: a test compares this file with the code. -->

Every fault the pen can raise has one number (`MnPen.Safety.FaultCode`). The number is what the pen sends in its
status and event log and what the protocol carries; numbers are never reused.

| Range | Class | What the pen does |
|---|---|---|
| 100-199 | hard trip | Motor duty 0 and driver disabled (nSLEEP low) in the tick the fault is detected; the fault latches. |
| 200-299 | refusal | The pen will not start; nothing is latched (pre-run checks report every reason at once). |
| 300-399 | limiting | The pen keeps running with its motor duty limited (the motor gate enforces the limit). |
| 400-499 | warning | Information for the user; no effect on the motor. |

## Clear policy

- **acknowledge**: the user acknowledges (long press of Start, or the host's acknowledge command) once the condition is gone.
- **power cycle**: only switching the pen off and on clears it (a power-on start); the start-up self-test runs again.
  A reboot, a watchdog or brown-out restart does not.
- **service**: only a technician's service clear (`mnpen pen clear`, in service mode) clears it; no restart does.
- **automatic**: refusals, limiting and warnings end by themselves when the condition is gone.

Every latched cause keeps its own policy: a clear removes only the causes it may clear whose condition is gone, and the
others stay latched (an acknowledge after a cartridge removal and a loop overrun leaves the overrun: the pen stays in
lockout until a power cycle). Power-cycle and service faults are kept on flash (`LatchStore`) and latched again at boot.

A clear never restarts the motor: it is refused while the motor is commanded or still turning, and afterwards the
motor gate ignores any duty request until the control core has requested zero (a fresh start).

""");
        sb.Append("\n## Codes\n\n");
        sb.Append(Table());
        sb.Append("""

## Reaction table (hard trips)

Detection deadline: longest time from the fault condition arising to its detection by the safety supervisor. Reaction:
the supervisor forces the motor gate safe in the same call that detects the fault, before the control core runs in that
tick (1 ms control tick), so the motor command is cut at most one tick after detection. The fault-injection matrix
(`mnpen bench --suite interlocks`) measures the reaction on the simulated pen against these deadlines.

| Code | Name | Detection | Deadline (ms) | Clear |
|---:|---|---|---:|---|

""".TrimEnd('\n') + "\n");
        foreach (var c in FaultCatalog.All)
        {
            if (FaultCatalog.ClassOf(c) != FaultClass.HardTrip) continue;
            int d = FaultCatalog.DetectionDeadlineMicros(c);
            string deadline = d > 0 ? (d / 1000.0).ToString("0.###", CultureInfo.InvariantCulture) : "boot";
            sb.Append($"| {(int)c} | {FaultCatalog.Name(c)} | {Cell(FaultCatalog.Detection(c))} | {deadline} | {PolicyText(FaultCatalog.PolicyOf(c))} |\n");
        }
        return sb.ToString();
    }

    /// <summary>The code table alone (code, name, class, clear policy, cause, remedy), for other documents such as docs/protocol.md.</summary>
    public static string Table()
    {
        var sb = new StringBuilder();
        sb.Append("| Code | Name | Class | Clear | Cause | Remedy |\n");
        sb.Append("|---:|---|---|---|---|---|\n");
        foreach (var c in FaultCatalog.All)
        {
            if (c == FaultCode.None) continue;
            sb.Append($"| {(int)c} | {FaultCatalog.Name(c)} | {ClassText(FaultCatalog.ClassOf(c))} | {PolicyText(FaultCatalog.PolicyOf(c))} | " +
                      $"{Cell(FaultCatalog.Cause(c))} | {Cell(FaultCatalog.Remedy(c))} |\n");
        }
        return sb.ToString();
    }

    /// <summary>Lower-case class name as used in the documents.</summary>
    public static string ClassText(FaultClass c) => c switch
    {
        FaultClass.HardTrip => "hard trip",
        FaultClass.Refusal => "refusal",
        FaultClass.Limiting => "limiting",
        FaultClass.Warning => "warning",
        _ => "none",
    };

    /// <summary>Lower-case clear policy as used in the documents.</summary>
    public static string PolicyText(ClearPolicy p) => p switch
    {
        ClearPolicy.Acknowledge => "acknowledge",
        ClearPolicy.PowerCycle => "power cycle",
        ClearPolicy.Service => "service",
        _ => "automatic",
    };

    private static string Cell(string s) => s.Replace("|", "\\|", StringComparison.Ordinal);
}
