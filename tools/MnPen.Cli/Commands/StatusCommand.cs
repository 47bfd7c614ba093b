using System.CommandLine;

namespace MnPen.Cli.Commands;

/// <summary>`mnpen status`: Prints a pen's handshake and status.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var cmd = new Command("status", "Prints a pen's handshake and status.");
        cmd.SetAction(_ =>
        {
            Console.Error.WriteLine("mnpen status: not available in this build yet.");
            return ExitCodes.Internal;
        });
        return cmd;
    }
}
