using System.CommandLine;

namespace MnPen.Cli.Commands;

/// <summary>`mnpen compat`: Checks portable assemblies against nanoFramework v1.</summary>
internal static class CompatCommand
{
    public static Command Create()
    {
        var cmd = new Command("compat", "Checks portable assemblies against nanoFramework v1.");
        cmd.SetAction(_ =>
        {
            Console.Error.WriteLine("mnpen compat: not available in this build yet.");
            return ExitCodes.Internal;
        });
        return cmd;
    }
}
