namespace MnPen.Flashing;

/// <summary>The nanoff invocations of a flash, in order.</summary>
public enum NanoffStep
{
    /// <summary>`nanoff flash`: nanoBooter + nanoCLR (and the mass erase, when asked).</summary>
    Firmware,
    /// <summary>`nanoff deploy`: the app's deployment image.</summary>
    Application,
    /// <summary>`nanoff details`: what the device reports afterwards (firmware version, native assemblies).</summary>
    Details,
}
