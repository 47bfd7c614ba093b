using MnPen.Client;
using MnPen.Protocol;
using MnPen.VirtualPen;
using MnPen.VirtualPen.Serve;

namespace MnPen.Tools.Tests.Technician;

/// <summary>A virtual pen served on a free loopback port for one test (paced faster than real time).</summary>
internal sealed class ServedPen : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public ServedPen(VirtualPenOptions? options = null)
    {
        var endpoint = ServeEndpoint.Parse("tcp://127.0.0.1:0", out _)!;
        Server = new PenServer(options ?? new VirtualPenOptions { Seed = 7 }, endpoint, realTimeFactor: 2.0);
        Server.Start();
        // Past boot and self-test: commands sent while the pen boots are (rightly) refused as the wrong state.
        WaitForStatus(s => s.State >= 2);
    }

    public PenServer Server { get; }

    public string Target => Server.Target;

    /// <summary>Polls the pen's status (own connection, closed afterwards) until the condition holds or the timeout passes.</summary>
    public PenStatusData WaitForStatus(Func<PenStatusData, bool> condition)
    {
        using var client = PenClient.Connect(Target, Timeout);
        var deadline = DateTime.UtcNow + Timeout;
        PenStatusData s;
        do { s = client.GetStatus(); } while (!condition(s) && DateTime.UtcNow < deadline);
        return s;
    }

    public void Dispose() => Server.Dispose();
}
