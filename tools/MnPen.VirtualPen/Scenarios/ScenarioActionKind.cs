namespace MnPen.VirtualPen.Scenarios;

/// <summary>What a scenario step does to the virtual pen.</summary>
public enum ScenarioActionKind
{
    /// <summary>Press a button and release it after a hold time (a click, or a long press).</summary>
    Press,
    /// <summary>Press a button and keep it pressed.</summary>
    Hold,
    /// <summary>Release a held button.</summary>
    Release,
    /// <summary>Firmware command RequestStart (what the host protocol would send).</summary>
    Start,
    /// <summary>Firmware command RequestStop.</summary>
    Stop,
    /// <summary>Firmware command AcknowledgeFault.</summary>
    Acknowledge,
    /// <summary>Select a stroke-rate level (firmware command, or rate buttons with "via buttons").</summary>
    Level,
    /// <summary>Set the needle depth in mm (firmware command, or depth buttons with "via buttons").</summary>
    Depth,
    /// <summary>Seat a cartridge (kind: new, used, blank, unreadable... see the simulator).</summary>
    InsertCartridge,
    /// <summary>Pull the cartridge out.</summary>
    RemoveCartridge,
    /// <summary>Change the skin profile the needles work against.</summary>
    Skin,
    /// <summary>Inject a simulator fault from the catalogue, with parameters.</summary>
    Fault,
    /// <summary>Clear one injected fault by name, or all of them.</summary>
    ClearFault,
    /// <summary>Add a line to the run's event highlights.</summary>
    Note,
}
