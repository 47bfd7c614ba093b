using System.Text;
using MnPen.Protocol;
using MnPen.Storage;

namespace MnPen.Client.Docs;

/// <summary>
/// Builds docs/protocol.md from the protocol's definition in code (ProtocolSchema, ErrorCode, SettingTable, limits).
/// A test fails when the committed file differs; regenerate with `MNPEN_UPDATE_DOCS=1 dotnet test tests/MnPen.Protocol.Tests`.
/// </summary>
public static class ProtocolDocument
{
    /// <summary>Repository-relative path of the document.</summary>
    public const string RelativePath = "docs/protocol.md";

    /// <summary>The whole document as Markdown (LF line endings).</summary>
    public static string Generate()
    {
        var sb = new StringBuilder();
        sb.Append($$"""
# MnPen pen protocol

<!-- Generated from firmware/MnPen.Protocol (ProtocolSchema and friends) by tools/MnPen.Client/Docs/ProtocolDocument.cs.
     Do not edit by hand: a test compares this file with the code. -->

Every tool talks to a pen through this protocol, and to a virtual pen through exactly the same bytes: the firmware's
`PenEndpoint` (portable, runs on the pen) answers on the pen's USB serial port, or on the simulator's `SimSerialPort`
bridged to TCP by `mnpen sim --serve`.

- Protocol version: **{{ProtocolSchema.Version}}**
- Schema hash: **{{ProtocolSchema.Hash:x8}}** (first four bytes of SHA-256 over every layout below; sent in the handshake)

## Framing

```
+------+------+--------+--------+------+------+-----+---------------+--------+--------+
| 0xA5 | 0x5A | LEN lo | LEN hi | HCHK | TYPE | SEQ | PAYLOAD (LEN) | CRC lo | CRC hi |
+------+------+--------+--------+------+------+-----+---------------+--------+--------+
```

- `LEN` is the payload length, 0..{{FrameFormat.MaxPayload}} bytes; a whole frame is at most {{FrameFormat.MaxFrame}} bytes.
- `HCHK` is the low byte of the CRC-16 of the two `LEN` bytes: a damaged length is rejected at once instead of making
  the receiver wait for, and swallow, the frames behind it.
- `CRC` is CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF) over `LEN`, `HCHK`, `TYPE`, `SEQ` and the payload.
- All multi-byte fields are little-endian. `str` is a length byte then that many printable ASCII bytes (at most {{ProtocolLimits.MaxStringLength}}).
  Physical values are scaled integers (no floats on the wire); `i32u` means value x 1,000,000, `i32m` value x 1,000.
- **Resynchronisation.** The receiver is a byte-at-a-time state machine over one preallocated buffer. Bytes before a sync pair
  are skipped; a bad header check, a length above the maximum or a CRC mismatch drops only the first sync byte and rescans
  the bytes already held, so a real frame hidden behind a false start or garbage is still found. A partial frame followed
  by {{PenEndpoint.IdleFlushMicros / 1000}} ms of silence is abandoned the same way. Nothing is allocated per byte on the pen.
- **Sequencing.** The tool picks `SEQ` per request; the reply (type = request | 0x80) or the `Error` frame echoes it.
  `TelemetrySample` frames count their own sequence so gaps reveal drops. Frames of reply types sent *to* the pen are ignored.
- `text` (error messages only) is the same encoding with up to {{ProtocolLimits.MaxMessageLength}} characters: messages are whole sentences, never cut.
- **Errors.** A refused or malformed request gets `Error` (0x7F): `requestType:u8 code:u8 detail:i32 message:text (optional)`.
  A frame with a bad CRC gets no answer at all (the tool times out and may retry).

## Handshake and compatibility

`Hello`'s layout is frozen for all protocol versions. A tool compares `protocolVersion` and `schemaHash` with its own
and refuses an incompatible pen with a message naming both (`mnpen status` exits with code 3). `Hello` begins a new
session that inherits nothing from the previous one (see Sessions and link loss).

Hello `flags`: bit0 service unlocked (always 0 in a Hello reply now: a Hello ends any session), bit1 a service key is
provisioned, bit2 this Hello ended an unlocked service session (a takeover; logged in the security log), bit3 this Hello
stopped a motor the previous session had started over the link.

## Messages

| Code | Name | Access | Request | Reply |
|---|---|---|---|---|

""");
        foreach (var m in ProtocolSchema.Messages)
        {
            string access = m.ServiceOnly ? "service" : "any";
            string reply = m.Code == MessageType.Error || m.Code == MessageType.TelemetrySample
                ? $"0x{m.Code:X2}: {Cell(m.Reply)}"
                : $"0x{MessageType.ReplyTo(m.Code):X2}: {Cell(m.Reply)}";
            string request = m.Code == MessageType.Error || m.Code == MessageType.TelemetrySample ? "(pen to tool)" : Cell(m.Request);
            sb.Append($"| 0x{m.Code:X2} | {m.Name} | {access} | {request} | {reply} |\n");
        }
        sb.Append("\n");
        foreach (var m in ProtocolSchema.Messages)
            sb.Append($"- **{m.Name}**: {m.Summary}\n");

        sb.Append($$"""

### status (GetStatus reply, {{StatusCodec.StatusLength}} bytes)

`{{ProtocolSchema.StatusFields}}`

Units: rates in strokes/s x100, duty 0..10000, depths in micrometres, current in mA, temperature in degC x100,
battery in mV, times in ms. `state` is the firmware's PenState: {{StateList()}}. `fault` is the FaultCode number
(docs/faults.md). `flags`: bit0 cartridge present, bit1 cartridge accepted, bit2 service unlocked, bit3 telemetry on,
bit4 the motor was started over the link and runs under the keep-alive.

### sample (TelemetrySample, {{StatusCodec.SampleLength}} bytes)

`{{ProtocolSchema.SampleFields}}`

Sampled in the host loop (never inside the 100 Hz control tick) at the requested rate, 1..{{ProtocolLimits.MaxTelemetryHz}} samples/s.
When the link cannot keep up, samples are dropped (the sequence byte shows the gap) rather than queued without bound.

### calibration (ReadCalibration reply, WriteCalibration request)

`{{ProtocolSchema.CalibrationFields}}`

Tables hold at most {{ProtocolLimits.MaxTableEntries}} points and must be strictly ascending. `MalformedPayload` means only the layout
is wrong (version byte, counts, trailing bytes). The pen validates every value (CalibrationValidator), ascending tables
included, before storing it and answers `InvalidCalibration` with the reason otherwise; nothing changes then. Dates
(`calibratedOnDay`, `nextDueDay`) count days since 2000-01-01 UTC (the day epoch; 0 = unknown). `sensingFlags` and
`motorFlags` bit 0 = measured on this pen. Layouts 1 (no sensing block) and 2 (no motor block) are still read: sensing
then takes the conservative defaults and the motor the nominal constants, marked not measured.

## Settings

| Id | Name | Unit | Write access |
|---|---|---|---|

""");
        foreach (int id in SettingTable.Ids)
            sb.Append($"| {id} | {SettingTable.Name(id)} | {SettingTable.Unit(id)} | {SettingTable.AccessName(id)} |\n");
        sb.Append($$"""

Levels are 0-based on the wire (`rate-level` and `start-rate-level` 0..5 address `rate-level-1`..`rate-level-6`).
Every write goes through the firmware's own checks: a value past a hard limit (e.g. depth above the seated cartridge's
maximum, the depth limit or 2.5 mm, stroke rate above 150 strokes/s) is refused with `AboveHardLimit` or `OutOfRange`,
in any mode. A depth must lie on the {{ProtocolLimits.DepthGridUm}} um grid: any other value (e.g. 1026) is refused with `OutOfRange` and a
message naming the two nearest valid depths, never rounded.

**In force at once.** A stored setting takes effect the moment the reply is sent (stored settings are written with the
motor stopped), and the reply holds the value the pen now runs with: a new depth limit bounds the very next depth
command, new rate levels and the inactivity auto-stop apply to the next start. A depth limit below the current depth
target is refused (lower the depth first): the pen never moves the needle on its own. `cartridge-usage` is read-only
(`NotSupported` for every writer): the pen and the cartridge record it themselves.

## Error codes

| Code | Name | What to do |
|---|---|---|

""");
        for (int c = 0; c <= ErrorCode.Last; c++)
            sb.Append($"| {c} | {ErrorText.Name(c)} | {ErrorText.Remedy(c)} |\n");
        sb.Append("""

`detail` of an `Error`: the firmware's CommandResult number for `Refused` (and in the `result:u8` of `Start`, `Stop` and
`AckFault` replies), the remaining lockout in ms for `RateLimited` and for an `AuthFailed` that started one, the wait
in ms for `Busy`, otherwise 0.

### CommandResult (Refused detail, Start/Stop/AckFault result)

| Value | Name |
|---|---|

""");
        for (int v = 0; v < CommandResultNames.Count; v++)
            sb.Append($"| {v} | {CommandResultNames.Name(v)} |\n");
        sb.Append("""

## Event logs

`ReadEvents` reads one of two rings. Log 0, the event log ({{EventLog.DefaultCapacity}} entries), holds the kinds below;
log 1, the security log ({{PenStore.SecurityLogCapacity}} entries, its own file), holds only service access over the link
(kind 14), so no flood of other events can evict it. `boot` counts power-ups (1 = the first with this log), `uptimeMs`
is milliseconds since that boot. An event identical to one of the last {{EventLog.FoldWindow}} entries (same kind, code and argument, no
measurements) is folded into it: `repeats` counts the folded ones (0..{{EventEntry.MaxRepeats}}) and the entry shows the latest boot and time,
so a reboot loop costs a few entries per {{EventEntry.MaxRepeats + 1}} boots. Entries are in order of first occurrence.

| Kind | Name | Code and argument |
|---|---|---|

""".Replace("{{EventLog.DefaultCapacity}}", EventLog.DefaultCapacity.ToString())
   .Replace("{{PenStore.SecurityLogCapacity}}", PenStore.SecurityLogCapacity.ToString())
   .Replace("{{EventLog.FoldWindow}}", EventLog.FoldWindow.ToString())
   .Replace("{{EventEntry.MaxRepeats}}", EventEntry.MaxRepeats.ToString())
   .Replace("{{EventEntry.MaxRepeats + 1}}", (EventEntry.MaxRepeats + 1).ToString()));
        foreach (EventKind k in Enum.GetValues<EventKind>())
            sb.Append($"| {(int)k} | {EventLog.KindName(k)} | {EventKindText.Meaning(k)} |\n");
        sb.Append("""

Security log codes (LinkEvent; kind 14):

| Code | Name |
|---|---|

""");
        for (int c = 1; c <= LinkEvent.Last; c++)
            sb.Append($"| {c} | {LinkEvent.Name(c)} |\n");
        sb.Append("""

`ServiceUnlockFailed`'s argument is the lockout that failure started, in seconds (0 while attempts remain), so one entry
(with its repeats) records every failure of a run and every lockout. `ServiceLocked` and `LinkMotorStopped` carry why
the session ended (LinkEndReason):

| Value | Reason |
|---|---|

""");
        for (int r = 0; r <= LinkEndReason.HostSilent; r++)
            sb.Append($"| {r} | {LinkEndReason.Name(r)} |\n");

        sb.Append($$"""

## Service mode

Writes that change calibration, limits or the serial number, replacing the service key, `Start` and `Reboot` need
service mode. Who may do what, and why, is in [docs/safety/link-threats.md](safety/link-threats.md) (the link's threat model).

**Unlock.** The tool asks for `ServiceChallenge` and gets a single-use {{ProtocolLimits.NonceLength}}-byte nonce (valid {{ServiceLock.ChallengeLifetimeMs / 1000}} s).
It answers `ServiceUnlock` with `HMAC-SHA-256(key, "{{ServiceLock.MacLabel}}" | nonce | serialNumber)`, where `key` is the
pen's own 32-byte service key and `serialNumber` its ASCII serial. A challenge is consumed by any answer, right or wrong.

**Nonces never repeat.** nonce = first 16 bytes of SHA-256("MNPEN-NONCE-1" | epoch | counter | uptime ms | 16 bytes
of the hardware RNG | previous nonce). `epoch` is a persisted counter taken once per boot that issues a challenge and
written to flash before the first nonce of that boot goes out; `counter` counts challenges within the boot. So no two
nonces are the same across any number of reboots, even with a failed RNG, and a recorded answer never unlocks again.

**Failures and lockout (one rule, code and document agree).** {{ServiceLock.FreeAttempts}} wrong answers are judged without a wait; the
{{ServiceLock.FreeAttempts}}rd starts a {{ServiceLock.FirstLockoutMs / 1000}} s lockout, and each further wrong answer (one per lockout) doubles it, up to {{ServiceLock.MaxLockoutMs / 60000}} minutes.
A right answer resets the count. The count and the lockout are written to flash *before* an answer is judged, so
neither cutting the power nor a reboot nor a new connection resets them; after a reboot the remaining lockout restarts
in full (the pen cannot tell how long it was off). While locked out `ServiceChallenge` and `ServiceUnlock` answer
`RateLimited` with the remaining milliseconds. During the self-test's first ~0.1 s after boot (and during a self-test on request) they
answer `Busy` (retry after `detail` ms): a flash write there would stall the processor inside the self-test's clock
cross-check. `mnpen` retries by itself.

**Sessions.** The session ends on `ServiceLock`, after {{ServiceLock.SessionIdleMs / 60000}} minutes without a service command, when the link ends
(the cable, the port's DTR, or the virtual pen server's client goes away), on a new `Hello`, and on reboot. A new
connection always starts locked. A `Hello` that ends an unlocked session is a takeover: its reply says so (flag bit2),
the security log records it, and the tool that lost the session gets `ServiceLocked` with a message saying why.
Service writes, challenge and unlock, self-test and reboot are refused while the motor runs.

**Key provisioning.** Each pen gets a random key at the factory (`ProvisionKey`, accepted only while none is stored);
the service organisation keeps keys by serial number. Replacing a key needs service mode.

**Development key (published).** Virtual pens are provisioned with the development key, SHA-256 of the ASCII text
`{{DevelopmentKey.Label}}`:

```
{{Convert.ToHexString(DevelopmentKey.Bytes).ToLowerInvariant()}}
```

`mnpen ... --key dev` uses it. No real pen is ever provisioned with it.

## Sessions and link loss

A connection owns two things on the pen: its service session and a motor it started (`Start`). Both end with it.

- **Keep-alive.** A motor started over the link stops when no valid request has arrived from the host for
  {{LinkSession.KeepAliveMs}} ms; any valid request counts (`GetStatus` is the usual one). A host that polls at 2 Hz or faster never comes
  near it; a crashed host or a pulled cable leaves the needle running for about a second at most.
- **Link dropped.** When the link ends the pen stops a link-started motor at once and ends service mode.
- **New Hello.** A new handshake ends the previous session the same way (Hello flags bit2/bit3 report what it ended).
- **The pen's own button is not the link's.** A motor started with the button is never stopped by link loss, silence
  or a Hello; status flag bit4 shows which motor the link owns.
- Each stop is logged in the security log (`LinkMotorStopped` with the reason).

## Transports

- Pen: the USB CDC serial port (`PenBoard.Serial`), polled from the host loop by `PenEndpoint.Poll()`. Every request
  is answered: while its send buffer cannot take a whole reply the pen stops reading, so a host that pipelines faster
  than it reads is slowed by the link's flow control, never answered with silence. Only telemetry samples are dropped
  when the host does not read them (their sequence number shows the gap).
- Host: `tcp://HOST:PORT` (the virtual pen server, loopback) and `serial:DEVICE` (Linux/macOS termios, raw mode).
  Both sit behind `ITransport`, so a System.IO.Ports transport can be added where that package is available.

## Virtual pen

`mnpen sim --serve tcp://127.0.0.1:7755` runs firmware and simulator paced to real time and serves this protocol on
loopback. `mnpen status --target tcp://127.0.0.1:7755 --json` then answers. Like a pen on one USB port it serves one
client at a time: a second connection receives one plain-text line, `busy: another client is connected (since
HH:MM:SS UTC, from HOST:PORT); close it first ...`, and is closed, while the first client's link is untouched (tools
show that line). When the client goes, its link ends on the pen as well (service mode ends and a motor it started stops). The idle pen sleeps and
powers itself off like a real one; the server reports it on stderr and wakes the pen (power button) when a client
connects or sends. Fault injection stays on
the test side: `--fault NAME[@SECONDS]` on `mnpen sim --serve`, or `PenServer.Pen` in-process, never through the protocol.
The virtual pen's service key is a published development key (`mnpen calibrate --key dev`); real pens never use it.

""");
        return sb.ToString().Replace("\r\n", "\n");
    }

    private static string StateList()
    {
        var parts = new List<string>();
        for (int i = 0; i <= 10; i++) parts.Add($"{i} {ProtocolSchema.StateName(i)}");
        return string.Join(", ", parts);
    }

    private static string Cell(string s) => string.IsNullOrEmpty(s) ? "(empty)" : "`" + s.Replace("|", "\\|") + "`";
}
