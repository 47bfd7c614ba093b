using FsCheck;
using FsCheck.Fluent;
using MnPen.Protocol;

namespace MnPen.Protocol.Tests;

public class FramingProperties
{
    private static readonly Config Many = Config.QuickThrowOnFailure.WithMaxTest(500);

    [Fact]
    public void Every_frame_survives_garbage_before_it_at_any_length()
    {
        Prop.ForAll((byte[] garbage, byte[] payload) =>
        {
            payload = payload.Take(FrameFormat.MaxPayload).ToArray();
            var frame = TestFrames.Frame(0x02, 0x33, payload);
            // A frame is guaranteed after garbage once the receiver's hold of a false start is flushed: at most one
            // maximum frame of bytes. Send the frame twice; at least one copy must arrive intact.
            var got = TestFrames.FeedAll(new FrameParser(), garbage.Concat(frame).Concat(frame));
            return got.Any(f => f.Type == 0x02 && f.Seq == 0x33 && f.Payload.SequenceEqual(payload));
        }).Check(Many);
    }

    [Fact]
    public void A_stream_of_frames_is_recovered_after_a_corrupted_byte_anywhere()
    {
        Prop.ForAll((int position, byte value) =>
        {
            var frames = Enumerable.Range(0, 12).Select(i => TestFrames.Frame(0x02, (byte)i, (byte)i, (byte)(i * 3), 0xA5)).ToList();
            var stream = frames.SelectMany(f => f).ToArray();
            int at = (int)((uint)position % (uint)stream.Length);
            byte original = stream[at];
            stream[at] = value;
            var got = TestFrames.FeedAll(new FrameParser(), stream);
            // Every frame not containing the damaged byte must arrive; the damaged one may not (unless value == original).
            int damaged = 0, offset = 0;
            for (int i = 0; i < frames.Count; i++)
            {
                if (at >= offset && at < offset + frames[i].Length) damaged = i;
                offset += frames[i].Length;
            }
            var seqs = got.Select(g => (int)g.Seq).ToHashSet();
            bool othersArrived = Enumerable.Range(0, frames.Count).Where(i => i != damaged).All(seqs.Contains);
            bool noForgery = got.All(g => g.Seq < frames.Count && g.Payload.Length == 3);
            return othersArrived && noForgery && (value != original || seqs.Contains(damaged));
        }).Check(Many);
    }

    [Fact]
    public void Random_bytes_never_grow_the_receiver_past_one_frame()
    {
        Prop.ForAll((byte[] bytes) =>
        {
            var p = new FrameParser();
            foreach (var b in bytes.Concat(bytes).Concat(bytes))
            {
                if (p.Feed(b)) while (p.Drain()) { }
                if (p.BufferedBytes > FrameFormat.MaxFrame) return false;
            }
            return true;
        }).Check(Many);
    }

    [Fact]
    public void Frames_split_at_any_boundary_and_mixed_with_sync_bytes_arrive_in_order()
    {
        Prop.ForAll((byte[][] payloads) =>
        {
            var list = payloads.Where(p => p != null).Take(20).Select(p => p.Take(64).ToArray()).ToList();
            var stream = new List<byte>();
            for (int i = 0; i < list.Count; i++)
            {
                stream.Add(FrameFormat.Sync0); // stray sync byte between frames
                stream.AddRange(TestFrames.Frame(0x04, (byte)i, list[i]));
            }
            var got = TestFrames.FeedAll(new FrameParser(), stream);
            return got.Count == list.Count && got.Select((g, i) => g.Seq == i && g.Payload.SequenceEqual(list[i])).All(x => x);
        }).Check(Many);
    }
}
