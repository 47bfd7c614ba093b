using System.CommandLine;

namespace MnPen.Cli.Commands;

/// <summary>`mnpen docs`: Generates the reference docs from the code.</summary>
internal static class DocsCommand
{
    public static Command Create()
    {
        var cmd = new Command("docs", "Generates the reference docs from the code.");
        cmd.SetAction(_ =>
        {
            Console.Error.WriteLine("mnpen docs: not available in this build yet.");
            return ExitCodes.Internal;
        });
        return cmd;
    }
}
