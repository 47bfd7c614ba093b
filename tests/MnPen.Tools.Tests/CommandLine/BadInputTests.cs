namespace MnPen.Tools.Tests.CommandLine;

/// <summary>The exit-code contract, checked on the built mnpen: every bad input exits 2 with one short message on stderr and nothing on stdout.</summary>
public sealed class BadInputTests : IDisposable
{
    private static readonly string Folder = Directory.CreateTempSubdirectory("mnpen-bad-input-").FullName;

    public void Dispose() { }

    /// <summary>Command lines a user may get wrong, with a word the message must contain (the option or what to write).</summary>
    public static TheoryData<string[], string> Table()
    {
        var missingScenario = Path.Combine(Folder, "nope.scenario");
        return new TheoryData<string[], string>
        {
            { new[] { "sim", "--rate", "abc" }, "--rate" },
            { new[] { "sim", "--rate", "100" }, "110" },
            { new[] { "sim", "--depth", "0.08" }, "0.05 mm" },
            { new[] { "sim", "--depth", "0.08" }, "0.1 mm" },
            { new[] { "sim", "--depth", "3" }, "2.5" },
            { new[] { "sim", "--depth" }, "--depth" },
            { new[] { "sim", "--seed", "-3" }, "--seed" },
            { new[] { "sim", "--duration", "x" }, "a number" },
            { new[] { "sim", "--fault", "ntc-open@5" }, "--serve" },
            { new[] { "sim", "--speed", "2" }, "--serve" },
            { new[] { "sim", "--serve", "tcp://127.0.0.1:7755", "--scenario", "docs/scenarios/cartridge-pulled.scenario" }, "--scenario" },
            { new[] { "sim", "--serve", "tcp://127.0.0.1:7755", "--depth", "1" }, "--depth" },
            { new[] { "sim", "--list-faults", "--rate", "50" }, "--list-faults" },
            { new[] { "sim", "--scenario", missingScenario }, "nope.scenario" },
            { new[] { "sim", "--scenario", "docs/scenarios/cartridge-pulled.scenario", "--rate", "110" }, "--scenario" },
            { new[] { "sim", "--bogus" }, "--bogus" },
            { new[] { "sim", "--rate", "50", "--rate", "70" }, "more than once" },
            { new[] { "sim", "--rat", "50" }, "--rate" },
            { new[] { "bench", "--seed", "-3" }, "--seed" },
            { new[] { "bench", "--suite", "nope" }, "rate" },
            { new[] { "bench", "--junit", Folder }, "folder" },
            { new[] { "perf", "--ticks", "many" }, "--ticks" },
            { new[] { "monitor" }, "--target" },
            { new[] { "monitor", "--target", "tcp://127.0.0.1:9", "--samples-per-second", "0" }, "--samples-per-second" },
            { new[] { "monitor", "--target", "tcp://127.0.0.1:9", "--rate", "10" }, "--rate" },
            { new[] { "status" }, "--target" },
            { new[] { "status", "--target", "pen7" }, "tcp://" },
            { new[] { "status", "--target", "tcp://127.0.0.1:9", "--timeout", "0" }, "more than 0" },
            { new[] { "calibrate" }, "show" },
            { new[] { "calibrate", "export", "--target", "tcp://127.0.0.1:9" }, "<file>" },
            { new[] { "calibrate", "import", Path.Combine(Folder, "none.json"), "--target", "tcp://127.0.0.1:9", "--key", "dev" }, "none.json" },
            { new[] { "flash" }, "--port" },
            { new[] { "flash", "--target", "serial:/dev/ttyACM0" }, "--port /dev/ttyACM0" },
            { new[] { "flash", "--port", "/dev/ttyACM0", "--image-target", "ESP32_S3", "--dry-run" }, "octal" },
            { new[] { "flash", "--port", "/dev/ttyACM0", "--image-target", "NOPE", "--dry-run" }, "ESP32_S3_ALL" },
            { new[] { "flash", "--port", "/dev/ttyACM0", "--fw-version", "latest", "--dry-run" }, "--fw-version" },
            { new[] { "flash", "--port", "/dev/ttyACM0", "--all" }, "--all" },
            { new[] { "flash", "--port", "/dev/ttyACM0", "--app-only", "--mass-erase", "--dry-run" }, "--mass-erase" },
            { new[] { "flash", "--port", "/dev/ttyACM0", "--key", "@" + Path.Combine(Folder, "pen.key"), "--dry-run" }, "does not exist" },
            { new[] { "flash", "--port", "/dev/ttyACM0", "--key", "@" + Path.Combine(Folder, "pen.key"), "--dry-run" }, "64 hex digits" },
            { new[] { "compat", "--reference" }, "--reference" },
            { new[] { "docs", "--root", Path.Combine(Folder, "elsewhere") }, "--root" },
            { new[] { "frob" }, "frob" },
            { new[] { "--rate", "150" }, "mnpen sim --rate" },
            { new[] { "calibrate", "export", Folder, "--target", "tcp://127.0.0.1:9" }, "folder" },
        };
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Bad_input_exits_2_with_one_short_message_on_stderr_and_nothing_on_stdout(string[] args, string mention)
    {
        var r = BuiltTool.Run(args);
        Assert.True(r.Exit == 2, $"exit {r.Exit} for `mnpen {string.Join(" ", args)}`; stderr: {r.Stderr}");
        Assert.Equal("", r.Stdout);
        var lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.InRange(lines.Length, 1, 3);
        Assert.StartsWith("mnpen", lines[0]);
        Assert.Contains(mention, r.Stderr);
        Assert.DoesNotContain("System.", r.Stderr);   // no .NET type names such as System.Nullable`1[System.Double]
        Assert.DoesNotContain("Usage:", r.Stderr);    // help only on --help
        Assert.DoesNotContain("   at ", r.Stderr);    // no stack trace
    }

    [Theory]
    [InlineData("help")]
    [InlineData("--help")]
    public void Help_is_printed_on_stdout_and_exits_0(string word)
    {
        var r = BuiltTool.Run(new[] { word });
        Assert.Equal(0, r.Exit);
        Assert.Contains("Usage:", r.Stdout);
        Assert.Contains("flash", r.Stdout);
        Assert.Equal("", r.Stderr);
    }

    [Fact]
    public void Help_for_a_command_is_printed_for_mnpen_help_command()
    {
        var r = BuiltTool.Run(new[] { "help", "sim" });
        Assert.Equal(0, r.Exit);
        Assert.Contains("--depth", r.Stdout);
    }

    [Fact]
    public void A_pen_that_does_not_answer_exits_3()
    {
        var r = BuiltTool.Run(new[] { "status", "--target", "tcp://127.0.0.1:9", "--timeout", "0.5" });
        Assert.Equal(3, r.Exit);
        Assert.Equal("", r.Stdout);
        Assert.StartsWith("mnpen status:", r.Stderr);
    }

    [Fact]
    public void A_key_file_given_as_at_file_is_read_as_the_service_key()
    {
        string file = Path.Combine(Folder, "good.key");
        File.WriteAllText(file, new string('a', 64) + "\n");
        var r = BuiltTool.Run(new[] { "flash", "--port", "/dev/ttyACM0", "--key", "@" + file, "--dry-run" });
        Assert.True(r.Exit == 0, r.Stderr);
        Assert.Contains("restore what differs", r.Stdout);   // with a key the plan restores; without one it only reports
    }

    [Theory]
    [InlineData("sim")]
    [InlineData("bench")]
    [InlineData("perf")]
    public void Help_names_the_default_platform_as_it_is_typed(string command)
    {
        var r = BuiltTool.Run(new[] { command, "--help" });
        Assert.Equal(0, r.Exit);
        Assert.Contains("esp32-nf (default", r.Stdout);
        Assert.DoesNotContain("Esp32Nf", r.Stdout);   // the enum's name, which --platform refuses
    }

    [Fact]
    public void Calibrate_help_names_every_guided_kind_it_offers()
    {
        var r = BuiltTool.Run(new[] { "calibrate", "--help" });
        Assert.Equal(0, r.Exit);
        // The introduction's list of kinds: "(depth, rate, ...: `mnpen calibrate KIND --help`)".
        var listed = System.Text.RegularExpressions.Regex.Match(r.Stdout, @"\(([a-z, ]+): `mnpen calibrate KIND --help`\)");
        Assert.True(listed.Success, r.Stdout);
        var intro = listed.Groups[1].Value.Split(", ");
        string commands = r.Stdout[r.Stdout.IndexOf("Commands:", StringComparison.Ordinal)..];
        // Every guided kind listed under Commands (the one-word entries other than show/export/import) is named in the
        // introduction that tells the technician what `calibrate KIND` can be.
        // Entries start two spaces in; their descriptions' further lines are indented deeper.
        var kinds = System.Text.RegularExpressions.Regex.Matches(commands, @"^  ([a-z]+)\b", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).Where(w => w is not ("show" or "export" or "import")).ToList();
        Assert.Contains("motor", kinds);
        Assert.All(kinds, k => Assert.Contains(k, intro));
    }
}
