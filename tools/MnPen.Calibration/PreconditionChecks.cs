using System.Globalization;
using MnPen.Calibration.Instruments;
using MnPen.Protocol;

namespace MnPen.Calibration;

/// <summary>The preconditions every guided procedure checks; all are checked and all reported, met or not.</summary>
public static class PreconditionChecks
{
    /// <summary>Cartridge (if asked), service mode, motor stopped, no fault, reference instrument ready.</summary>
    public static List<Precondition> Common(PenStatusData s, IReferenceInstrument reference, string unit, bool needsCartridge, string cartridgeWhy)
    {
        var list = new List<Precondition>();
        if (needsCartridge)
        {
            bool fitted = (s.Flags & PenStatusData.FlagCartridgeAccepted) != 0;
            list.Add(new("cartridge fitted", fitted, fitted ? "accepted" : "fit a new cartridge: " + cartridgeWhy));
        }
        bool service = (s.Flags & PenStatusData.FlagServiceUnlocked) != 0;
        list.Add(new("service mode", service, service ? "unlocked" : "give the pen's service key (--key)"));
        bool stopped = s.DutyBasisPoints == 0 && s.State != 5;
        list.Add(new("motor stopped", stopped, stopped ? "stopped" : "stop the motor first (`mnpen pen stop`)"));
        list.Add(new("no active fault", s.Fault == 0, s.Fault == 0 ? "none" : $"fault {s.Fault} is active: remove its cause and acknowledge it (`mnpen pen ack`)"));
        string? notReady = reference.NotReadyReason();
        list.Add(new("reference instrument ready", notReady == null,
            notReady ?? $"{reference.Name} {reference.Id}, ±{reference.Uncertainty.ToString("0.###", CultureInfo.InvariantCulture)} {unit}"));
        return list;
    }
}
