namespace MnPen.Hal.Simulator.Parameters;

/// <summary>
/// How long a file write holds the processor on the pen's internal flash (LittleFS on I:\, ESP32 SPI NOR flash):
/// a fixed cost per write (file open, metadata commit, close), page programming per byte (about 0.7 ms per 256-byte
/// page), and a sector erase (typically 45 ms for 4 KB) each time that much has been written. Values are typical
/// data-sheet figures for the ESP32-S3's quad-SPI flash, not worst cases.
/// </summary>
public sealed class FlashParameters
{
    /// <summary>Fixed cost of one write call, microsecond.</summary>
    public int WriteOverheadMicros { get; set; } = 2000;

    /// <summary>Programming time per byte written, microsecond.</summary>
    public double MicrosPerByte { get; set; } = 2.75;

    /// <summary>Bytes written between sector erases (the erase block), byte.</summary>
    public int EraseBlockBytes { get; set; } = 4096;

    /// <summary>Time of one sector erase, microsecond.</summary>
    public int EraseMicros { get; set; } = 45_000;

    /// <summary>Copy of these parameters.</summary>
    public FlashParameters Clone() => (FlashParameters)MemberwiseClone();
}
