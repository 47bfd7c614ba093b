using MnPen.VirtualPen.Serve;

namespace MnPen.Tools.Tests.Technician;

/// <summary>A host that stalls: the served pen runs on with its link polled and no byte from the host.</summary>
internal static class SilentHost
{
    /// <summary>Runs the pen for its link keep-alive plus 0.3 s of its own time without a request (it stops a link-started motor).</summary>
    public static void Stall(PenServer server) => server.Query(p =>
    {
        double end = p.NowSeconds + MnPen.Protocol.LinkSession.KeepAliveMs / 1000.0 + 0.3;
        while (p.NowSeconds < end)
        {
            p.Step();
            server.Link.Poll();
        }
        return 0;
    });
}
