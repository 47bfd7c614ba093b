using MnPen.VirtualPen;
using MnPen.VirtualPen.Serve;

namespace MnPen.Protocol.Tests;

/// <summary>One virtual pen served on a free loopback port per test (paced faster than real time).</summary>
internal sealed class ServedPen : IDisposable
{
    public ServedPen(ulong seed = 7, TextWriter? log = null, double realTimeFactor = 2.0)
    {
        var endpoint = ServeEndpoint.Parse("tcp://127.0.0.1:0", out _)!;
        Server = new PenServer(new VirtualPenOptions { Seed = seed }, endpoint, realTimeFactor, log);
        Server.Start();
    }

    public PenServer Server { get; }

    public string Target => Server.Target;

    public void Dispose() => Server.Dispose();
}
