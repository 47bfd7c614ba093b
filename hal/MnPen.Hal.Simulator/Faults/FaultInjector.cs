using System.Globalization;
using MnPen.Hal.Simulator.Storage;

namespace MnPen.Hal.Simulator.Faults;

/// <summary>
/// Injects catalogue faults into a board: now, at a board time, or when a condition on the ground truth first holds,
/// with named parameters; clears them by name. Every application and clearing is recorded in <see cref="History"/>.
/// Bad names or parameters throw ArgumentException saying what is accepted.
/// </summary>
public sealed class FaultInjector
{
    private readonly VirtualBoard _board;
    private readonly List<Scheduled> _pending = new();
    private readonly List<Active> _active = new();
    private readonly List<SimFaultEvent> _history = new();
    private int _timed;

    internal FaultInjector(VirtualBoard board) => _board = board;

    /// <summary>The catalogue.</summary>
    public IReadOnlyList<SimFaultInfo> Catalog => SimFaultCatalog.All;

    /// <summary>Applied and cleared faults, in order.</summary>
    public IReadOnlyList<SimFaultEvent> History => _history;

    /// <summary>Names of the faults in effect now.</summary>
    public IReadOnlyList<string> ActiveNames => _active.Select(a => a.Info.Name).ToArray();

    /// <summary>Faults scheduled but not yet triggered.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>Whether the named fault is in effect.</summary>
    public bool IsActive(string name) => FindActive(name) != null;

    /// <summary>Applies a fault now (InvalidOperationException if it needs something absent, e.g. a jam without a cartridge).</summary>
    public void Inject(string name, IEnumerable<KeyValuePair<string, double>>? parameters = null)
    {
        var info = SimFaultCatalog.Get(name);
        Apply(info, Resolve(info, parameters), "now");
    }

    /// <summary>Applies a fault now, parameters as "name=value" pairs (e.g. "torque=0.02").</summary>
    public void Inject(string name, params string[] parameters) => Inject(name, ParseParameters(parameters));

    /// <summary>Applies a fault when board time reaches atSeconds (immediately if already past).</summary>
    public void InjectAt(string name, double atSeconds, IEnumerable<KeyValuePair<string, double>>? parameters = null)
    {
        if (atSeconds < 0 || double.IsNaN(atSeconds)) throw new ArgumentOutOfRangeException(nameof(atSeconds), "time must be >= 0 s");
        var info = SimFaultCatalog.Get(name);
        var values = Resolve(info, parameters);
        _pending.Add(new Scheduled(info, values, (ulong)Math.Round(atSeconds * 1e6), null, null,
            "at " + atSeconds.ToString("0.######", CultureInfo.InvariantCulture) + " s"));
    }

    /// <summary>Applies a fault the first time the condition holds (checked every substep).</summary>
    public void InjectWhen(string name, SimCondition condition, IEnumerable<KeyValuePair<string, double>>? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var info = SimFaultCatalog.Get(name);
        _pending.Add(new Scheduled(info, Resolve(info, parameters), ulong.MaxValue, condition, null, "when " + condition.Text));
    }

    /// <summary>Applies a fault the first time the predicate holds (checked every substep).</summary>
    public void InjectWhen(string name, Func<VirtualBoard, bool> predicate, IEnumerable<KeyValuePair<string, double>>? parameters = null, string description = "condition")
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var info = SimFaultCatalog.Get(name);
        _pending.Add(new Scheduled(info, Resolve(info, parameters), ulong.MaxValue, null, predicate, "when " + description));
    }

    /// <summary>Clears a fault (and cancels any pending schedule of it). Returns false if it was neither active nor pending.</summary>
    public bool Clear(string name)
    {
        var info = SimFaultCatalog.Get(name);
        bool any = _pending.RemoveAll(s => s.Info == info) > 0;
        var a = FindActive(info.Name);
        if (a != null)
        {
            Revert(a);
            any = true;
        }
        return any;
    }

    /// <summary>Clears every active fault and cancels every pending one.</summary>
    public void ClearAll()
    {
        _pending.Clear();
        while (_active.Count > 0) Revert(_active[_active.Count - 1]);
    }

    /// <summary>
    /// For the stepping loop, before each firmware tick: extra microseconds to advance the board before running the tick
    /// (control-loop-overrun); 0 normally.
    /// </summary>
    public int TakeTickDelayMicros()
    {
        if (_active.Count == 0) return 0;   // every tick asks: keep the common case to one comparison
        var a = FindActive("control-loop-overrun");
        if (a == null) return 0;
        int delay = (int)a.Values[0];
        a.Remaining--;
        if (a.Remaining <= 0) Revert(a);
        return delay;
    }

    /// <summary>Off time after a storage power cut, microseconds (0 = stays off).</summary>
    internal long PowerCutRestoreDelayMicros { get; private set; }

    internal bool NeedsPolling => _pending.Count > 0 || _timed > 0;

    internal void Poll()
    {
        ulong now = _board.NowMicros;
        for (int i = 0; i < _pending.Count; i++)
        {
            var s = _pending[i];
            bool due = s.Condition != null ? s.Condition.IsMet(_board)
                : s.Predicate != null ? s.Predicate(_board)
                : now >= s.AtMicros;
            if (!due) continue;
            _pending.RemoveAt(i);
            i--;
            Apply(s.Info, s.Values, s.Trigger);
        }
        if (_timed > 0)
        {
            for (int i = _active.Count - 1; i >= 0; i--)
            {
                if (i >= _active.Count) continue;
                var a = _active[i];
                if (a.ClearAtMicros != 0 && now >= a.ClearAtMicros) Revert(a);
            }
        }
    }

    internal void NotifyPowerRestored()
    {
        var a = FindActive("storage-power-cut");
        if (a != null) { _active.Remove(a); if (a.ClearAtMicros != 0) _timed--; Record(a.Info.Name, false, "power restored"); }
    }

    private Active? FindActive(string name)
    {
        foreach (var a in _active)
            if (string.Equals(a.Info.Name, name, StringComparison.OrdinalIgnoreCase)) return a;
        return null;
    }

    private void Apply(SimFaultInfo info, double[] v, string trigger)
    {
        var b = _board;
        var existing = FindActive(info.Name);
        if (existing != null) Revert(existing);
        var a = new Active(info, v);
        string detail = trigger;
        switch (info.Name)
        {
            case "cartridge-removed":
                a.Removed = b.RemoveCartridge();
                if (a.Removed == null) detail += " (no cartridge was seated)";
                break;
            case "cartridge-jam":
                if (b.Cartridge == null)
                {
                    if (trigger == "now")
                        throw new InvalidOperationException("cartridge-jam needs a seated cartridge: insert one first");
                    Record(info.Name, false, trigger + ": not applied, no cartridge seated");
                    return;
                }
                b.SetJam(true, v[0]);
                break;
            case "motor-short":
                b.Powertrain.ShortOhms = v[0];
                b.Powertrain.MotorShort = true;
                break;
            case "driver-fault":
                b.Bridge.ForcedFault = true;
                break;
            case "current-sensor-stuck":
                b.MotorCurrentAdc.StuckAtCount = v[0] >= 0 ? (int)v[0] : b.CurrentSense.IdealCounts(b.CurrentSense.FilteredAmps);
                detail += $" (reads {b.MotorCurrentAdc.StuckAtCount})";
                break;
            case "current-sensor-open":
                b.CurrentSense.Open = true;
                break;
            case "hall-dead":
                b.Powertrain.HallDead = true;
                break;
            case "depth-stuck":
                b.DepthActuator.Stuck = true;
                break;
            case "ntc-open":
                b.Ntc.Open = true;
                break;
            case "ntc-short":
                b.Ntc.Shorted = true;
                break;
            case "ambient-overtemp":
                a.PreviousAmbient = b.AmbientCelsius;
                b.AmbientCelsius = v[0];
                break;
            case "battery-sag":
                b.Battery.ExtraResistanceOhms = v[0];
                break;
            case "brown-out":
                b.Battery.ForcedVolts = v[0];
                b.Battery.SetLoad(b.Battery.LoadAmps);
                break;
            case "storage-corrupt":
            {
                int flipped = b.Flash.FlipRandomBits((int)v[0], (int)(b.Seed ^ (b.Seed >> 32)) + _history.Count);
                Record(info.Name, true, detail + $" ({flipped} bits flipped)");
                return; // instantaneous: never stays active
            }
            case "storage-write-fail":
                b.Flash.WriteFailure = v[0] >= 0.5 ? FlashWriteFailure.Throws : FlashWriteFailure.Silent;
                break;
            case "storage-power-cut":
                b.Flash.ArmPowerCut((long)v[0]);
                PowerCutRestoreDelayMicros = (long)Math.Round(v[1] * 1e6);
                break;
            case "control-loop-overrun":
                a.Remaining = (int)v[1];
                break;
            case "hall-missing":
                b.Powertrain.Hall.MissEvery = (int)v[0];
                break;
            case "hall-extra":
                b.Powertrain.Hall.ExtraEvery = (int)v[0];
                break;
            case "hall-intermittent":
                b.Powertrain.Hall.SetIntermittent(v[0] * 1000.0, v[1] * 1000.0, b.NowMicros);
                break;
            case "pot-offset":
                b.DepthActuator.PotOffsetCounts = v[0];
                break;
            case "mcu-clock-drift":
                b.Clock.Drift = v[0] / 100.0;
                break;
            case "driver-stuck-on":
                b.Bridge.StuckOn = true;
                break;
            case "actuator-runaway":
                b.DepthActuator.Runaway = true;
                break;
            case "partial-jam":
                b.Powertrain.DragTorque = v[0];
                break;
            case "battery-aged":
                a.PreviousSoc = b.Battery.StateOfCharge;
                a.PreviousOhms = b.Battery.ExtraResistanceOhms;
                b.Battery.SetStateOfCharge(v[0]);
                b.Battery.ExtraResistanceOhms = v[1];
                break;
        }
        double duration = v[v.Length - 1];
        if (duration > 0 && info.Parameters[info.Parameters.Count - 1].Name == "duration")
        {
            a.ClearAtMicros = b.NowMicros + (ulong)Math.Round(duration * 1e6);
            _timed++;
        }
        _active.Add(a);
        Record(info.Name, true, detail);
    }

    private void Revert(Active a)
    {
        var b = _board;
        _active.Remove(a);
        if (a.ClearAtMicros != 0) _timed--;
        switch (a.Info.Name)
        {
            case "cartridge-removed":
                if (a.Removed != null && b.Cartridge == null) b.InsertCartridge(a.Removed);
                break;
            case "cartridge-jam":
                b.SetJam(false, 0);
                break;
            case "motor-short":
                b.Powertrain.MotorShort = false;
                break;
            case "driver-fault":
                b.Bridge.ForcedFault = false;
                break;
            case "current-sensor-stuck":
                b.MotorCurrentAdc.StuckAtCount = -1;
                break;
            case "current-sensor-open":
                b.CurrentSense.Open = false;
                break;
            case "hall-dead":
                b.Powertrain.HallDead = false;
                break;
            case "depth-stuck":
                b.DepthActuator.Stuck = false;
                break;
            case "ntc-open":
                b.Ntc.Open = false;
                break;
            case "ntc-short":
                b.Ntc.Shorted = false;
                break;
            case "ambient-overtemp":
                b.AmbientCelsius = a.PreviousAmbient;
                break;
            case "battery-sag":
                b.Battery.ExtraResistanceOhms = 0;
                break;
            case "brown-out":
                b.Battery.ForcedVolts = double.NaN;
                b.Battery.SetLoad(b.Battery.LoadAmps);
                break;
            case "hall-missing":
                b.Powertrain.Hall.MissEvery = 0;
                break;
            case "hall-extra":
                b.Powertrain.Hall.ExtraEvery = 0;
                break;
            case "hall-intermittent":
                b.Powertrain.Hall.SetIntermittent(0, 0, b.NowMicros);
                break;
            case "pot-offset":
                b.DepthActuator.PotOffsetCounts = 0;
                break;
            case "mcu-clock-drift":
                b.Clock.Drift = 0.0;
                break;
            case "driver-stuck-on":
                b.Bridge.StuckOn = false;
                break;
            case "actuator-runaway":
                b.DepthActuator.Runaway = false;
                break;
            case "partial-jam":
                b.Powertrain.DragTorque = 0;
                break;
            case "battery-aged":
                b.Battery.SetStateOfCharge(a.PreviousSoc);
                b.Battery.ExtraResistanceOhms = a.PreviousOhms;
                break;
            case "storage-write-fail":
                b.Flash.WriteFailure = FlashWriteFailure.None;
                break;
            case "storage-power-cut":
                b.Flash.DisarmPowerCut();
                if (b.Flash.PowerIsCut) { Record(a.Info.Name, false, "cleared"); b.PressPowerButton(); return; }
                break;
        }
        Record(a.Info.Name, false, "cleared");
    }

    private void Record(string name, bool injected, string detail) =>
        _history.Add(new SimFaultEvent(_board.NowMicros, name, injected, detail));

    /// <summary>Checks names and ranges against the catalogue and fills defaults; values in catalogue order.</summary>
    public static double[] Resolve(SimFaultInfo info, IEnumerable<KeyValuePair<string, double>>? parameters)
    {
        var values = new double[info.Parameters.Count];
        for (int i = 0; i < values.Length; i++) values[i] = info.Parameters[i].Default;
        if (parameters == null) return values;
        foreach (var kv in parameters)
        {
            int at = -1;
            for (int i = 0; i < info.Parameters.Count; i++)
                if (string.Equals(info.Parameters[i].Name, kv.Key, StringComparison.OrdinalIgnoreCase)) at = i;
            if (at < 0)
                throw new ArgumentException($"fault '{info.Name}' has no parameter '{kv.Key}'; it accepts: " +
                    string.Join(", ", info.Parameters.Select(p => $"{p.Name} ({p.Unit})")));
            var p = info.Parameters[at];
            if (double.IsNaN(kv.Value) || kv.Value < p.Min || kv.Value > p.Max)
                throw new ArgumentException($"fault '{info.Name}' parameter '{p.Name}' = {kv.Value.ToString(CultureInfo.InvariantCulture)} is out of range; " +
                    $"use {p.Min.ToString(CultureInfo.InvariantCulture)}..{p.Max.ToString(CultureInfo.InvariantCulture)} {p.Unit}");
            values[at] = kv.Value;
        }
        if (info.Name == "hall-intermittent" && values[0] >= values[1])
            throw new ArgumentException($"fault 'hall-intermittent': off ({values[0].ToString(CultureInfo.InvariantCulture)} ms) must be shorter than period ({values[1].ToString(CultureInfo.InvariantCulture)} ms)");
        return values;
    }

    /// <summary>Parses "name=value" strings into parameters (invariant culture).</summary>
    public static IReadOnlyList<KeyValuePair<string, double>> ParseParameters(IEnumerable<string> items)
    {
        var list = new List<KeyValuePair<string, double>>();
        foreach (var item in items)
        {
            int eq = item.IndexOf('=');
            if (eq <= 0 || !double.TryParse(item.AsSpan(eq + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
                throw new ArgumentException($"cannot read fault parameter '{item}': write name=value, e.g. torque=0.02");
            list.Add(new KeyValuePair<string, double>(item.Substring(0, eq).Trim(), v));
        }
        return list;
    }

    private sealed record Scheduled(SimFaultInfo Info, double[] Values, ulong AtMicros, SimCondition? Condition,
        Func<VirtualBoard, bool>? Predicate, string Trigger);

    private sealed class Active
    {
        public Active(SimFaultInfo info, double[] values) { Info = info; Values = values; }
        public SimFaultInfo Info { get; }
        public double[] Values { get; }
        public ulong ClearAtMicros { get; set; }
        public SimCartridge? Removed { get; set; }
        public double PreviousAmbient { get; set; }
        public int Remaining { get; set; }
        public double PreviousSoc { get; set; }
        public double PreviousOhms { get; set; }
    }
}
