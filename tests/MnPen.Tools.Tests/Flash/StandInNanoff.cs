using MnPen.Flashing;

namespace MnPen.Tools.Tests.Flash;

/// <summary>
/// A stand-in for nanoff (a shell script): records every invocation, fails at a chosen step, answers `details` with a
/// chosen list of native assemblies, and on `--masserase` asks the test to wipe the pen (it waits until that is done,
/// as the real erase holds the device until it is finished).
/// </summary>
internal sealed class StandInNanoff : IDisposable
{
    public StandInNanoff()
    {
        Folder = Directory.CreateTempSubdirectory("mnpen-nanoff-").FullName;
        Path = System.IO.Path.Combine(Folder, "nanoff");
        File.WriteAllText(Path, Script);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Native = NativeAssemblies.Required;
        Configure();
    }

    /// <summary>Folder of the script, its log and its signal files.</summary>
    public string Folder { get; }

    /// <summary>The executable.</summary>
    public string Path { get; }

    /// <summary>Verb (flash, deploy, details) or verb@port that exits 5.</summary>
    public string Fail { get => _fail; set { _fail = value; Configure(); } }

    /// <summary>Native assemblies `details` lists.</summary>
    public IReadOnlyList<string> Native { get => _native; set { _native = value; Configure(); } }

    /// <summary>Each invocation's arguments, in order.</summary>
    public IReadOnlyList<string> Calls
    {
        get
        {
            var log = System.IO.Path.Combine(Folder, "calls.log");
            return File.Exists(log) ? File.ReadAllLines(log) : Array.Empty<string>();
        }
    }

    private string _fail = "";
    private IReadOnlyList<string> _native = Array.Empty<string>();

    /// <summary>Native checksums `details` reports instead of the expected ones (name → checksum).</summary>
    public Dictionary<string, uint> ChecksumOverride { get; } = new(StringComparer.Ordinal);

    /// <summary>Image name `details` says is running.</summary>
    public string RunningImage { get => _image; set { _image = value; Configure(); } }

    private string _image = "ESP32_S3_ALL";

    /// <summary>Rewrites the script's configuration (call after changing ChecksumOverride).</summary>
    public void Configure() =>
        File.WriteAllText(System.IO.Path.Combine(Folder, "config"), $"FAIL='{_fail}'\nIMAGE='{_image}'\nNATIVE='{string.Join(" ", _native.Select(Entry))}'\n");

    private string Entry(string name)
    {
        NativeAssemblies.Expected.TryGetValue(name, out var e);
        uint checksum = ChecksumOverride.TryGetValue(name, out var c) ? c : e?.Checksum ?? 0;
        return $"{name}|v{e?.Version ?? "1.0.0.0"},|checksum|0x{checksum:X8}";
    }

    /// <summary>Runs the wipe for every erase request until disposed (wipe gets the port).</summary>
    public Thread ServeErases(Action<string> wipe, CancellationToken stop)
    {
        var t = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var request in Directory.GetFiles(Folder, "erase-*"))
                {
                    string port = File.ReadAllText(request).Trim();
                    wipe(port);
                    File.Delete(request);
                    File.WriteAllText(request.Replace("erase-", "erased-", StringComparison.Ordinal), port);
                }
                Thread.Sleep(20);
            }
        }) { IsBackground = true };
        t.Start();
        return t;
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private const string Script = """
        #!/usr/bin/env bash
        # Stand-in for nanoff in tests: records its arguments, fails when configured to, answers `details`.
        here="$(cd "$(dirname "$0")" && pwd)"
        . "$here/config"
        printf '%s\n' "$*" >> "$here/calls.log"
        verb="$1"; port=""; prev=""
        for a in "$@"; do [ "$prev" = "--serialport" ] && port="$a"; prev="$a"; done
        if [ -n "$FAIL" ] && { [ "$FAIL" = "$verb" ] || [ "$FAIL" = "$verb@$port" ]; }; then
          echo "E2001: stand-in failure at $verb on $port" >&2; exit 5
        fi
        tag="$(printf '%s' "$port" | tr '/:' '__')"
        case "$verb" in
          flash)
            case " $* " in *" --masserase "*)
              printf '%s' "$port" > "$here/erase-$tag"
              for i in $(seq 300); do [ -f "$here/erased-$tag" ] && break; sleep 0.05; done
              rm -f "$here/erased-$tag";;
            esac
            echo "Flashing successful";;
          deploy) echo "Deployment successful";;
          details)
            echo "HAL build info: nanoCLR running @ $IMAGE, firmware version 1.12.4.216"
            echo "Native assemblies:"
            for n in $NATIVE; do echo "  $n" | tr '|' ' '; done;;
        esac
        exit 0
        """;
}
