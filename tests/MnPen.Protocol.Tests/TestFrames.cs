using MnPen.Protocol;

namespace MnPen.Protocol.Tests;

/// <summary>Helpers to build frames and collect what a parser delivers.</summary>
internal static class TestFrames
{
    public static byte[] Frame(byte type, byte seq, params byte[] payload)
    {
        var buf = new byte[FrameFormat.MaxFrame];
        int n = FrameWriter.Encode(type, seq, payload, 0, payload.Length, buf, 0);
        return buf.AsSpan(0, n).ToArray();
    }

    /// <summary>Feeds every byte, then (if idle is true) lets the line go quiet as the endpoint does, and collects frames.</summary>
    public static List<(byte Type, byte Seq, byte[] Payload)> FeedAll(FrameParser p, IEnumerable<byte> bytes, bool idle = true)
    {
        var got = new List<(byte, byte, byte[])>();
        void Take() => got.Add((p.FrameType, p.FrameSeq, p.Buffer.AsSpan(p.PayloadOffset, p.PayloadLength).ToArray()));
        foreach (byte b in bytes)
        {
            if (!p.Feed(b)) continue;
            Take();
            while (p.Drain()) Take();
        }
        while (idle && p.BufferedBytes > 0)
        {
            if (p.Flush())
            {
                Take();
                while (p.Drain()) Take();
            }
        }
        return got;
    }
}
