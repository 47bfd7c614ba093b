using MnPen.Protocol;

namespace MnPen.Client;

/// <summary>A page of the pen's event log.</summary>
public sealed record EventPage(uint Total, uint FirstSequence, IReadOnlyList<EventRecord> Entries);
