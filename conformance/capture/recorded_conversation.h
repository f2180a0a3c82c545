#pragma once
// RecordedConversation: what the capture harness (capture_harness.h) replays to a script
// peer: the device's side of a recorded conversation, turned into the inputs the live
// driver gave the same peer in that run (engine::Received, Opened, Closed), at their capture
// times. One reader per transport, each in its own file; all take the recording's IPv4
// packets (recorded_packets.h) and the device's address, and return an error (never a
// verdict) when the recording does not hold the conversation they need.
//  - read_l2tp_conversation (l2tp.lns, l2tp.lac): the device's UDP payloads (port 1701 at
//    either end), on channel 1 of an L2tpScriptPeer; time 0 is the first L2TP packet either
//    way; ids holds $tunnel and $session as the script side assigned them (its first
//    SCCRQ/SCCRP, ICRQ/ICRP).
//  - read_pptp_conversation (pptp.pac, pptp.pns): the device's TCP 1723 byte stream of the
//    first control connection, reassembled (tcp_stream_reassembler.h) and handed over as
//    the driver's socket would (pptp.pns: Opened when the device's SYN arrives, as the
//    driver accepting its connection); the device's FIN, or RST, once its bytes are all in,
//    as Closed ("peer closed", "connection reset": the peer records CLOSED) unless the
//    script side closed first; GRE (IP protocol 47) from the device on the GRE channel.
//    Time 0 is the first packet of the conversation (TCP 1723 or GRE, either way).
//  - read_ppp_l2tp_conversation (ppp.authenticator over L2TP, docs/device-profiles.md):
//    the PPP frames are the payloads of the device's L2TP data messages in the script
//    side's session (the one its ICRP named), handed to a PppScriptPeer as PppL2tpScriptPeer
//    hands them (one frame each, async-HDLC framed, stale sequenced ones skipped as the
//    session does); the device's CDN of that session or StopCCN of that tunnel closes the
//    line (Closed: CLOSED). Time 0 is the script side's ICCN: the moment the session came
//    up, which is the live run's time 0 (LiveHarness waits for line_up() before the script
//    starts); the peer's line is "open" from then on.
#include <memory>
#include <string>
#include <vector>

#include "conformance/capture/recorded_packets.h"
#include "conformance/engine/matcher.h"
#include "conformance/engine/ppp_script_peer.h"
#include "conformance/engine/script_peer.h"
#include "src/core/result.h"
#include "src/engine/endpoint.h"

namespace ts::conformance {

struct RecordedEvent {
  Instant time;
  engine::Input input;
};

struct RecordedConversation {
  std::unique_ptr<ScriptPeer> peer;
  std::vector<RecordedEvent> events;  // in capture order
  Instant start{};                    // the script's time 0
  Bindings ids;                       // for RunnerOptions::preset
};

// What the run knew of the device: its address, the L2TP secret, the PPP credentials.
struct RecordedDevice {
  std::string target;
  std::string secret;
  PppScriptCredentials ppp;
};

Result<RecordedConversation> read_l2tp_conversation(const RecordedPackets& rec, const RecordedDevice& device);
Result<RecordedConversation> read_pptp_conversation(const RecordedPackets& rec, const RecordedDevice& device,
                                                    bool device_is_pac);
Result<RecordedConversation> read_ppp_l2tp_conversation(const RecordedPackets& rec, const RecordedDevice& device);

}  // namespace ts::conformance
