using MnPen.Protocol;

namespace MnPen.Protocol.Tests;

public class FramingTests
{
    [Fact]
    public void A_frame_round_trips_through_writer_and_parser()
    {
        var frame = TestFrames.Frame(0x02, 7, 1, 2, 3);
        var got = TestFrames.FeedAll(new FrameParser(), frame);
        Assert.Single(got);
        Assert.Equal((byte)0x02, got[0].Type);
        Assert.Equal((byte)7, got[0].Seq);
        Assert.Equal(new byte[] { 1, 2, 3 }, got[0].Payload);
    }

    [Fact]
    public void Crc_matches_the_published_check_value()
    {
        // CRC-16/CCITT-FALSE of "123456789" is 0x29B1 (catalogue check value).
        var data = "123456789"u8.ToArray();
        Assert.Equal(0x29B1, Crc16.Compute(data, 0, data.Length));
    }

    [Fact]
    public void A_corrupted_frame_is_dropped_and_the_next_one_is_received()
    {
        var bad = TestFrames.Frame(0x02, 1, 9, 9, 9);
        bad[7] ^= 0x40;
        var good = TestFrames.Frame(0x03, 2, 5);
        var p = new FrameParser();
        var got = TestFrames.FeedAll(p, bad.Concat(good));
        Assert.Single(got);
        Assert.Equal((byte)2, got[0].Seq);
        Assert.Equal(1u, p.CrcErrors);
    }

    [Fact]
    public void A_frame_hidden_inside_a_false_start_is_found_by_rescanning()
    {
        // A false header announcing 40 bytes swallows the real frame; the CRC failure must lead back to it.
        var real = TestFrames.Frame(0x05, 9, 1, 2);
        var bytes = new List<byte> { FrameFormat.Sync0, FrameFormat.Sync1, 40, 0, FrameFormat.HeaderCheck(40), 0x01, 0x00 };
        bytes.AddRange(real);
        bytes.AddRange(new byte[40]);
        var got = TestFrames.FeedAll(new FrameParser(), bytes, idle: false);
        Assert.Contains(got, f => f.Type == 0x05 && f.Seq == 9);
    }

    [Fact]
    public void A_length_above_the_maximum_is_rejected_at_once()
    {
        var p = new FrameParser();
        var hdr = new byte[] { FrameFormat.Sync0, FrameFormat.Sync1, 0xFF, 0x7F, FrameFormat.HeaderCheck(0x7FFF) };
        foreach (var b in hdr) p.Feed(b);
        Assert.Equal(1u, p.HeaderErrors);
        Assert.True(p.BufferedBytes < hdr.Length);
    }

    [Fact]
    public void A_damaged_length_is_rejected_by_the_header_check_without_swallowing_the_next_frame()
    {
        var first = TestFrames.Frame(0x02, 1, 1, 2, 3);
        first[2] ^= 0x10; // length now 19: without the header check the receiver would wait for (and eat) the next frame
        var second = TestFrames.Frame(0x02, 2, 4);
        var p = new FrameParser();
        var got = TestFrames.FeedAll(p, first.Concat(second), idle: false);
        Assert.Single(got);
        Assert.Equal((byte)2, got[0].Seq);
        Assert.Equal(1u, p.HeaderErrors);
    }

    [Fact]
    public void Writer_refuses_a_payload_above_the_maximum()
    {
        var dst = new byte[FrameFormat.MaxFrame + 10];
        Assert.Equal(0, FrameWriter.Encode(1, 1, new byte[FrameFormat.MaxPayload + 1], 0, FrameFormat.MaxPayload + 1, dst, 0));
        Assert.Equal(FrameFormat.MaxFrame, FrameWriter.Encode(1, 1, new byte[FrameFormat.MaxPayload], 0, FrameFormat.MaxPayload, dst, 0));
    }

    [Fact]
    public void Feeding_bytes_allocates_nothing()
    {
        var p = new FrameParser();
        var rng = new Random(3);
        var garbage = new byte[200_000];
        rng.NextBytes(garbage);
        var frame = TestFrames.Frame(2, 1, 1, 2, 3);
        foreach (var b in frame) p.Feed(b);
        long before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var b in garbage) { if (p.Feed(b)) while (p.Drain()) { } }
        foreach (var b in frame) p.Feed(b);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
