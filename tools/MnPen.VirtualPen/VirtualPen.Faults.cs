using System.Globalization;
using MnPen.Firmware;
using MnPen.Hal.Simulator;
using MnPen.Hal.Simulator.Faults;
using MnPen.Safety;
using MnPen.VirtualPen.Scenarios;

namespace MnPen.VirtualPen;

// Fault injection through the simulator's catalogue, and the names scenarios may use.
public sealed partial class VirtualPen
{
    /// <summary>Injects a simulator fault now; returns what happened in words (errors are returned, not thrown).</summary>
    public string InjectFault(string name, IReadOnlyList<KeyValuePair<string, double>> parameters)
    {
        try
        {
            Board.Faults.Inject(name, parameters);
            return "injected" + (parameters.Count == 0 ? "" : " (" + string.Join(", ", parameters.Select(p => p.Key + "=" + p.Value.ToString(CultureInfo.InvariantCulture))) + ")");
        }
        catch (ArgumentException e)
        {
            return "not injected: " + e.Message;
        }
        catch (InvalidOperationException e)
        {
            return "not injected: " + e.Message;
        }
    }

    /// <summary>Clears one simulator fault by name, or all of them when name is null.</summary>
    public string ClearFault(string? name)
    {
        if (name == null)
        {
            Board.Faults.ClearAll();
            return "all faults cleared";
        }
        try
        {
            return Board.Faults.Clear(name) ? "cleared" : "was not active";
        }
        catch (ArgumentException e)
        {
            return "not cleared: " + e.Message;
        }
    }

    // The control-loop-overrun fault delays the next tick: physics runs on with the last outputs.
    private int TakeTickDelayMicros() => Board.Faults.TakeTickDelayMicros();

    /// <summary>Every name a scenario may use on a virtual pen: states, fault codes, simulator faults and parameters, skins, cartridges.</summary>
    public static ScenarioVocabulary Vocabulary { get; } = new()
    {
        States = Enum.GetNames<PenState>(),
        FaultCodes = Enum.GetNames<FaultCode>(),
        SimFaults = SimFaultCatalog.Names,
        SimFaultParameters = SimFaultCatalog.All.ToDictionary(
            f => f.Name, f => (IReadOnlyList<string>)f.Parameters.Select(p => p.Name).ToArray(), StringComparer.OrdinalIgnoreCase),
        CheckFaultParameter = CheckFaultParameter,
        Skins = Enum.GetNames<SkinProfile>().Select(n => n.ToLowerInvariant()).ToArray(),
        CartridgeKinds = MnPen.VirtualPen.CartridgeKinds.Names,
    };

    private static string? CheckFaultParameter(string fault, string parameter, double value)
    {
        var info = SimFaultCatalog.Find(fault);
        var p = info?.Parameters.FirstOrDefault(x => string.Equals(x.Name, parameter, StringComparison.OrdinalIgnoreCase));
        if (p == null || (value >= p.Min && value <= p.Max)) return null;
        return "parameter '" + p.Name + "' of fault '" + info!.Name + "' must be " + p.Min.ToString(CultureInfo.InvariantCulture) + ".." +
               p.Max.ToString(CultureInfo.InvariantCulture) + " " + p.Unit + ", found " + value.ToString(CultureInfo.InvariantCulture);
    }
}
