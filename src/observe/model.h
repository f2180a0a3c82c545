#pragma once
// The analysis model: what the observers learned from a capture, and the only input of
// the report writers (text, JSON). Plain data; no protocol logic here.
//
// Sides: every control connection has side 0 (the initiator: it sent the first SCCRQ, or
// the TCP SYN / first PPTP message) and side 1. Per-side arrays are indexed by that.
// Times are capture timestamps; `frame` numbers are 1-based within their input file.
#include <array>
#include <cstdint>
#include <deque>
#include <list>
#include <optional>
#include <string>
#include <vector>

#include "src/core/diagnostic.h"
#include "src/core/fields.h"
#include "src/core/time.h"

namespace ts::observe {

// ppp: a PPP link not inside a tunnel (PPPoE session, DLT_PPP serial link).
enum class Protocol : std::uint8_t { pptp, l2tp, ppp };
std::string_view to_string(Protocol p);

enum class EventKind : std::uint8_t { message, state, info, diagnostic };
std::string_view to_string(EventKind k);

// One line of a timeline.
struct Event {
  Instant ts{};
  std::uint64_t frame = 0;
  std::string entity;     // "tunnel", "session 3", "call 5", "session 3 ppp"
  int from = -1;          // sending side 0/1, or -1 for state/info lines not tied to a packet
  EventKind kind = EventKind::message;
  std::string text;
};

struct DiagRecord {
  Diagnostic diag;        // diag.frame holds the frame number
  Instant ts{};
  std::string entity;     // "" for capture-level diagnostics
  std::string connection; // "l2tp-1", "pptp-2", or "" for capture-level
};

struct Traffic {
  std::array<std::uint64_t, 2> packets{};
  std::array<std::uint64_t, 2> bytes{};
};

// Options one side asked for in its last acknowledged Configure-Request (RFC 1661 §5.2):
// they describe what that side receives.
struct PppSideOptions {
  std::optional<std::uint16_t> mru;
  std::optional<std::uint32_t> accm;
  std::optional<std::uint32_t> magic;
  std::string auth;       // "CHAP/MS-CHAPv2", "PAP", ... (authenticator side only)
  bool pfc = false;
  bool acfc = false;
  bool acked = false;     // the peer sent Configure-Ack for it
};

struct PppLink {
  bool seen = false;
  std::string phase = "dead";  // RFC 1661 §3.2 phase as last observed
  std::array<PppSideOptions, 2> lcp;
  std::string auth_method;     // "MS-CHAPv2", "CHAP-MD5", "PAP", "EAP-MD5", ...
  int authenticator = -1;      // side that authenticates the other
  std::string user;
  std::string auth_outcome;    // "success", "failure", "" (not seen)
  std::string auth_detail;     // "E=691 (authentication failure) R=0 ..." or message
  std::string auth_check;      // with --ppp-password: "response verified" / "response MISMATCH"
  std::array<std::string, 2> ip_address;   // address each side ends up with (IPCP)
  std::array<std::string, 2> dns;          // primary, secondary offered to the peer
  std::array<std::string, 2> nbns;
  std::array<std::string, 2> ipv6_interface_id;
  std::string ipcp_state;                  // "opened" when both acked
  std::string ccp;                         // "MPPE-128 stateless" ...
  std::string end_reason;                  // "LCP Terminate-Request from side 1: ..." ...
  std::array<std::uint32_t, 2> echo_requests{};
  std::array<std::uint32_t, 2> echo_replies{};
  std::optional<double> echo_interval;     // seconds between the last two Echo-Requests of a side
  std::array<std::uint64_t, 2> data_frames{};
  std::array<std::uint64_t, 2> compressed_frames{};
  std::optional<Instant> lcp_opened, network_up, terminated;
};

struct SequenceStats {  // GRE or L2TP data sequence numbers, one direction
  std::uint64_t packets = 0;
  std::uint64_t lost = 0;
  std::uint64_t reordered = 0;
  std::uint64_t duplicates = 0;
  std::uint64_t acks = 0;  // GRE ack-only or piggybacked acks
};

// A PPTP call or an L2TP session.
struct Call {
  std::uint32_t index = 0;                 // 1-based within its connection
  std::array<std::optional<std::uint16_t>, 2> id;  // Call ID / Session ID assigned by each side
  std::string direction;                   // "incoming", "outgoing"
  std::optional<std::uint32_t> serial;
  std::string bearer, framing;
  std::optional<std::uint32_t> min_bps, max_bps, connect_speed, rx_connect_speed;
  std::string called_number, calling_number, sub_address;
  std::optional<std::uint16_t> peer_window;   // PPTP packet receive window (per side later)
  std::string state = "requested";
  std::optional<Instant> requested, established, ended;
  std::string teardown_cause;              // result/error text of CDN / Call-Disconnect-Notify
  int teardown_by = -1;
  Traffic data;
  std::array<SequenceStats, 2> sequence;
  PppLink ppp;
};

struct PeerInfo {
  std::string address;   // "10.0.0.1"
  std::uint16_t port = 0;
  std::string role;      // "LAC", "LNS", "PAC", "PNS" when known
  std::string host_name, vendor_name;
  std::optional<std::uint32_t> firmware;
  std::optional<std::uint16_t> tunnel_id;   // L2TP assigned tunnel id of this side
  std::optional<std::uint16_t> receive_window;
  std::string protocol_version;
  std::string framing_caps, bearer_caps;
  std::optional<std::uint16_t> max_channels;
};

struct ControlStats {
  std::uint64_t messages = 0;
  std::uint64_t retransmissions = 0;
  std::uint64_t duplicates = 0;
  std::uint64_t zlb = 0;
  std::uint64_t out_of_window = 0;
  std::uint64_t acked = 0;
  double ack_latency_sum = 0;  // seconds
  double ack_latency_max = 0;
};

struct Keepalive {
  std::array<std::uint32_t, 2> requests{};
  std::array<std::uint32_t, 2> replies{};
  std::uint32_t unanswered = 0;
  std::optional<double> interval;  // seconds between requests of the same side, last seen
};

// A PPTP control connection or an L2TP tunnel, with its calls and timeline.
struct Connection {
  Protocol protocol = Protocol::l2tp;
  std::uint32_t index = 0;       // 1-based per protocol in order of first appearance
  std::string id;                // "l2tp-1", "pptp-1"
  std::array<PeerInfo, 2> side;
  std::string state = "idle";
  std::optional<Instant> first, established, last, ended;
  std::string teardown_cause;
  int teardown_by = -1;
  std::array<ControlStats, 2> control;  // per sending side
  Keepalive keepalive;
  std::string file;               // input file it was seen in
  // Frame from which behavioural checks (state tables, acks, keepalives) were suspended
  // because the capture lost part of this connection (snaplen cut, TCP gap): what follows
  // cannot be judged fairly. Diagnostics of kind violation are not raised after it.
  std::optional<std::uint64_t> checks_suspended_at;
  std::deque<Call> calls;         // deque: references stay valid while calls are added
  std::vector<Event> events;
  std::vector<DiagRecord> diags;
};

// One decoded frame for `--packets`.
struct PacketRecord {
  std::uint64_t frame = 0;
  Instant ts{};
  std::uint32_t length = 0;
  std::string summary;
  Field layers;             // object: layer name -> fields
  std::string connection;   // which connection it was assigned to, if any
};

struct InputSummary {
  std::string path;
  std::string linktype;
  std::uint64_t frames = 0;
  std::uint64_t bytes = 0;
  std::uint64_t tunnel_frames = 0;   // frames that belonged to a PPTP/L2TP/GRE/PPP flow
  std::optional<Instant> first, last;
  std::string truncated;             // libpcap's message when the file was cut off
};

struct Analysis {
  std::vector<InputSummary> inputs;
  // In order of first appearance; a list keeps references valid while connections are
  // added and, when the analysis streams (AnalysisSink), removed once finished. Streaming,
  // it holds only the live connections and capture_diags stays empty (the sink gets them).
  std::list<Connection> connections;
  std::vector<DiagRecord> capture_diags; // not tied to a connection
  std::optional<Instant> origin;         // first timestamp: text times are relative to it
};

}  // namespace ts::observe
