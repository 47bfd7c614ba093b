using System.CommandLine;
using MnPen.Cli;

namespace MnPen.Tools.Tests;

/// <summary>Runs `mnpen` through its real command tree in-process and captures exit code, stdout and stderr.</summary>
internal static class Cli
{
    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = Program.BuildRoot().Parse(args).Invoke(new InvocationConfiguration { Output = o, Error = e });
        return (code, o.ToString(), e.ToString());
    }
}
