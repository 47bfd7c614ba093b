namespace MnPen.Flashing;

/// <summary>What `mnpen flash` was asked to do for one pen.</summary>
public sealed class FlashRequest
{
    /// <summary>Serial port of the pen (COM5, /dev/ttyACM0).</summary>
    public string? Port { get; init; }
    /// <summary>nanoFramework firmware image (nanoff target name).</summary>
    public string ImageTarget { get; init; } = ImageTargets.Default;
    /// <summary>Update the nanoFramework firmware (nanoBooter + nanoCLR).</summary>
    public bool Firmware { get; init; } = true;
    /// <summary>Deploy the application image.</summary>
    public bool Application { get; init; } = true;
    /// <summary>Firmware version to install; null = latest stable.</summary>
    public string? FirmwareVersion { get; init; }
    /// <summary>Erase the whole flash first (also wipes I:\ storage: calibration, settings, log, service key).</summary>
    public bool MassErase { get; init; }
    /// <summary>Deployment image (.bin) of the built app, or a folder that holds it.</summary>
    public string? Image { get; init; }
}
