using System.CommandLine;

namespace MnPen.Cli.Commands;

/// <summary>`mnpen flash`: Flashes firmware onto a pen over USB.</summary>
internal static class FlashCommand
{
    public static Command Create()
    {
        var cmd = new Command("flash", "Flashes firmware onto a pen over USB.");
        cmd.SetAction(_ =>
        {
            Console.Error.WriteLine("mnpen flash: not available in this build yet.");
            return ExitCodes.Internal;
        });
        return cmd;
    }
}
