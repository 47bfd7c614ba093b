using System.CommandLine;
using MnPen.Cli;
using MnPen.Cli.Contract;

namespace MnPen.Tools.Tests.CommandLine;

/// <summary>An unexpected exception is exit 4 with one line naming where the details were written.</summary>
public sealed class InternalErrorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mnpen-errors-").FullName;

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("MNPEN_ERROR_DIR", null);
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public void An_exception_in_a_command_exits_4_with_one_line_and_a_details_file()
    {
        Environment.SetEnvironmentVariable("MNPEN_ERROR_DIR", _dir);
        var root = new RootCommand("test");
        var boom = new Command("boom");
        boom.SetAction((Func<ParseResult, int>)(_ => throw new InvalidOperationException("the table was empty\nsecond line")));
        root.Subcommands.Add(boom);
        var output = new StringWriter();
        var error = new StringWriter();

        int exit = CommandLineContract.Run(root, new[] { "boom" }, output, error);

        Assert.Equal(ExitCodes.Internal, exit);
        Assert.Equal("", output.ToString());
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("mnpen boom: internal error: InvalidOperationException: the table was empty", line);
        var file = Assert.Single(Directory.GetFiles(_dir));
        Assert.Contains(file, line);
        var details = File.ReadAllText(file);
        Assert.Contains("mnpen boom", details);
        Assert.Contains("second line", details);
        Assert.Contains("   at ", details);   // the stack trace is in the file, not on the terminal
    }
}
