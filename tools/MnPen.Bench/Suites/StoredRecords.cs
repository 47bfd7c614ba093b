using MnPen.Hal;
using MnPen.Hal.Simulator.Storage;
using MnPen.Storage;

namespace MnPen.Bench.Suites;

/// <summary>
/// Which two-slot records (RecordStore: "name.a" / "name.b") on a pen's flash load, read through the storage the pen's
/// firmware uses: the persistence suite's check that a cut write left every record that existed readable (old or new).
/// </summary>
public static class StoredRecords
{
    /// <summary>Names of the records that load (RecordStatus.Ok) through storage, for every record file the flash holds.</summary>
    public static SortedSet<string> Readable(SimulatedFlash flash, INonVolatileStorage storage)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string file in flash.FileNames)
            if (file.EndsWith(".a", StringComparison.Ordinal) || file.EndsWith(".b", StringComparison.Ordinal)) names.Add(file[..^2]);
        var ok = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string name in names)
            if (Loads(storage, name)) ok.Add(name);
        return ok;
    }

    // A slot's header names its record type (byte 2); the record loads if either slot's type gives a valid newest frame.
    private static bool Loads(INonVolatileStorage storage, string name)
    {
        var header = new byte[3];
        foreach (string slot in new[] { name + ".a", name + ".b" })
        {
            int length = storage.Length(slot);
            if (length <= RecordStore.HeaderSize + RecordStore.TrailerSize || storage.Read(slot, 0, header, 0, 3) < 3) continue;
            int maxPayload = Math.Max(storage.Length(name + ".a"), storage.Length(name + ".b")) - RecordStore.HeaderSize - RecordStore.TrailerSize;
            if (maxPayload <= 0 || maxPayload > 65535) continue;
            if (new RecordStore(storage, name, header[2], maxPayload, null).Load() == RecordStatus.Ok) return true;
        }
        return false;
    }
}
