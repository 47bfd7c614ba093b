using MnPen.Firmware;
using MnPen.Hal.Simulator;
using MnPen.VirtualPen.Scenarios;

namespace MnPen.VirtualPen;

// What a user (or a scenario) does to the pen, and what the scenario runner reads back.
public sealed partial class VirtualPen
{
    /// <summary>Button for a scenario name (start, rate-up, rate-down, depth-up, depth-down); throws ArgumentException otherwise.</summary>
    public static SimButton ButtonFor(string name) => name.ToLowerInvariant() switch
    {
        "start" => SimButton.Start,
        "rate-up" => SimButton.RateUp,
        "rate-down" => SimButton.RateDown,
        "depth-up" => SimButton.DepthUp,
        "depth-down" => SimButton.DepthDown,
        _ => throw new ArgumentException("unknown button '" + name + "'; use one of: " + string.Join(", ", ScenarioVocabulary.ButtonNames), nameof(name)),
    };

    /// <summary>Presses a button (held until Release).</summary>
    public void Press(SimButton button) => Board.Press(button);

    /// <summary>Releases a button.</summary>
    public void Release(SimButton button) => Board.Release(button);

    /// <summary>Presses a button, keeps stepping for the hold time, releases it.</summary>
    public void Click(SimButton button, double holdSeconds = 0.1)
    {
        Board.Press(button);
        RunFor(holdSeconds);
        Board.Release(button);
    }

    /// <summary>Seats a cartridge of the named kind (CartridgeKinds.Names), removing any seated one first.</summary>
    public void InsertCartridge(string kind = CartridgeKinds.New)
    {
        var cartridge = CartridgeKinds.Build(kind, _cartridgeSerial++);
        if (Board.CartridgeSeated) Board.RemoveCartridge();
        Board.InsertCartridge(cartridge);
    }

    /// <summary>Pulls the cartridge out (nothing happens if none is seated).</summary>
    public void RemoveCartridge() => Board.RemoveCartridge();

    /// <summary>Selects a stroke-rate level (0-based) by firmware command.</summary>
    public CommandResult SetRateLevel(int level) => Firmware.SetRateLevel(level);

    /// <summary>Sets the needle depth by firmware command, mm.</summary>
    public CommandResult SetDepthMm(double mm) => Firmware.SetDepthMm((float)mm);

    /// <summary>Level whose stroke rate is the given one (strokes/s), or -1 if no level has it.</summary>
    public int LevelForRate(double strokesPerSecond)
    {
        float[] levels = Firmware.Config.RateLevels;
        for (int i = 0; i < levels.Length; i++)
            if (Math.Abs(levels[i] - strokesPerSecond) < 0.01) return i;
        return -1;
    }

    /// <inheritdoc />
    public void SetButton(string button, bool pressed)
    {
        var b = ButtonFor(button);
        if (pressed) Board.Press(b); else Board.Release(b);
    }

    /// <inheritdoc />
    public void Read(ref PenSample s)
    {
        var status = Firmware.Status;
        s.NowMicros = Board.NowMicros;
        s.ProcessorRunning = Board.ProcessorRunning;
        if (s.ProcessorRunning)
        {
            s.State = Firmware.State;
            s.Fault = Firmware.ActiveFault;
            s.RateLevel = status.RateLevel;
            s.TargetStrokeRate = status.TargetStrokeRate;
            s.LevelStrokeRate = status.LevelStrokeRate;
            s.DepthTargetMm = status.DepthTargetMm;
        }
        else
        {
            // No processor, no firmware: its last status would be stale, so report the pen as off.
            s.State = PenState.PowerOff;
            s.Fault = MnPen.Safety.FaultCode.None;
            s.TargetStrokeRate = s.LevelStrokeRate = 0;
        }
        s.MotorDriven = Board.DriverEnabled && Board.MotorPwm.EffectiveDuty > 0;
        s.StrokeRate = Board.StrokeRate;
        s.DepthMm = Board.NeedleDepthMm;
        s.MotorCurrentAmps = Math.Abs(Board.MotorCurrentAmps);
        s.PeakMotorCurrentAmps = Board.TakePeakMotorCurrentAmps();
        s.HandpieceCelsius = Board.HandpieceCelsius;
        s.BatteryVolts = Board.BatteryTerminalVolts;
        s.BatteryStateOfCharge = Board.BatteryStateOfCharge;
        s.Strokes = (ulong)Board.Strokes;
        s.CartridgeSeated = Board.CartridgeSeated;
        s.Restarts = FirmwareRestarts;
        s.LastResetCause = LastResetCause;
    }

    /// <inheritdoc />
    public string Apply(ScenarioAction action)
    {
        switch (action.Kind)
        {
            case ScenarioActionKind.Start:
            {
                var r = Firmware.RequestStart();
                return r == CommandResult.Accepted ? r.ToString() : r + " (" + Firmware.LastRefusalFault + ")";
            }
            case ScenarioActionKind.Stop:
                return Firmware.RequestStop().ToString();
            case ScenarioActionKind.Acknowledge:
                return Firmware.AcknowledgeFault().ToString();
            case ScenarioActionKind.Level:
                return SetRateLevel((int)action.Value).ToString();
            case ScenarioActionKind.Depth:
                return SetDepthMm(action.Value).ToString();
            case ScenarioActionKind.InsertCartridge:
                InsertCartridge(action.Name ?? CartridgeKinds.New);
                return "seated";
            case ScenarioActionKind.RemoveCartridge:
                return Board.RemoveCartridge() != null ? "removed" : "no cartridge was seated";
            case ScenarioActionKind.Skin:
                Board.Skin = Enum.Parse<SkinProfile>(action.Name!, ignoreCase: true);
                return "skin " + Board.Skin;
            case ScenarioActionKind.Fault:
                return InjectFault(action.Name!, action.Parameters);
            case ScenarioActionKind.ClearFault:
                return ClearFault(action.Name);
            default:
                throw new ArgumentException("action " + action.Kind + " is carried out by the scenario runner", nameof(action));
        }
    }
}
