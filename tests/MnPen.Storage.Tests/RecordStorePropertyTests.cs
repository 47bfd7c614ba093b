using FsCheck;
using FsCheck.Fluent;
using MnPen.Hal.Simulator.Storage;

namespace MnPen.Storage.Tests;

public class RecordStorePropertyTests
{
    private const int MaxPayload = 200;

    private static byte[] Clip(byte[]? b) => b is null ? Array.Empty<byte>() : b.Length > MaxPayload ? b[..MaxPayload] : b;

    private static RecordStore Store(SimulatedFlash f) => new(f, "prop", 0x70, MaxPayload, new WriteGuard());

    [Fact]
    public void Any_two_payloads_with_a_cut_anywhere_in_the_second_save_load_the_first_or_the_second()
    {
        Prop.ForAll<byte[], byte[], NonNegativeInt>((a, b, cut) =>
        {
            byte[] first = Clip(a), second = Clip(b);
            var flash = new SimulatedFlash { TornByteIsGarbage = cut.Get % 2 == 1 };
            if (Store(flash).Save(1, first, first.Length) != StoreWriteResult.Ok) return false;
            long span = 2L * (RecordStore.HeaderSize + second.Length + RecordStore.TrailerSize);
            flash.ArmPowerCut(cut.Get % span, cut.Get);
            try { Store(flash).Save(2, second, second.Length); } catch (PowerCutException) { }
            flash.RestorePower();

            var s = Store(flash);
            if (s.Load() != RecordStatus.Ok) return false;
            byte[] got = s.Payload[..s.PayloadLength];
            return (s.Version == 1 && got.SequenceEqual(first)) || (s.Version == 2 && got.SequenceEqual(second));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_long_history_of_saves_with_cuts_always_loads_one_of_the_last_two_payloads()
    {
        Prop.ForAll<int>(seed =>
        {
            var rnd = new Random(seed);
            var flash = new SimulatedFlash { TornByteIsGarbage = true };
            byte[]? current = null;
            for (int i = 0; i < 30; i++)
            {
                var payload = new byte[rnd.Next(MaxPayload + 1)];
                rnd.NextBytes(payload);
                bool cutIt = rnd.Next(3) == 0;
                if (cutIt) flash.ArmPowerCut(rnd.Next(2 * (payload.Length + 16)), rnd.Next());
                StoreWriteResult r;
                try { r = Store(flash).Save(1, payload, payload.Length); } catch (PowerCutException) { r = StoreWriteResult.StorageError; }
                bool cut = flash.PowerIsCut;
                flash.RestorePower();
                var s = Store(flash);
                var status = s.Load();
                if (current is null && status != RecordStatus.Ok) { if (!cut) return false; continue; }
                if (status != RecordStatus.Ok) return false;
                byte[] got = s.Payload[..s.PayloadLength];
                bool isNew = got.SequenceEqual(payload), isOld = current is not null && got.SequenceEqual(current);
                if (!isNew && !isOld) return false;
                if (!cut && !isNew) return false;
                if (isNew) current = payload;
            }
            return true;
        }).QuickCheckThrowOnFailure();
    }
}
