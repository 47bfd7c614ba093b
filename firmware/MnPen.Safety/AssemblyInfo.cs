using System.Runtime.CompilerServices;

// The host tests drive the supervisor-only gate members directly to prove the gate itself holds.
[assembly: InternalsVisibleTo("MnPen.Safety.Tests")]
