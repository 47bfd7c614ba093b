using MnPen.Protocol;

namespace MnPen.Client;

/// <summary>Reads a pen's whole event log (or its tail) page by page over <see cref="PenClient.ReadEvents"/>.</summary>
public static class EventLogReader
{
    /// <summary>Most pages read before giving up, so a pen whose log keeps growing cannot hold the tool forever.</summary>
    public const int MaxPages = 4096;

    /// <summary>Every entry of a log (EventLogId) from sequence number fromSequence (0 = the oldest the pen still holds), oldest first.</summary>
    public static List<EventRecord> ReadAll(PenClient client, uint fromSequence = 0, int log = EventLogId.Main)
    {
        var all = new List<EventRecord>();
        uint next = fromSequence;
        for (int page = 0; page < MaxPages; page++)
        {
            var p = client.ReadEvents(next, ProtocolLimits.MaxEventsPerReply, log);
            if (p.Entries.Count == 0) break;
            uint before = next;
            foreach (var e in p.Entries)
            {
                // A pen that answers out of order or repeats itself would loop us forever: keep only progress.
                if (e.Sequence < next) continue;
                all.Add(e);
                next = e.Sequence + 1;
            }
            if (next == before) break;
        }
        return all;
    }
}
