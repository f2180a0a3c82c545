#pragma once
// The conformance script model (docs/conformance-scripts.md): one behaviour per file, steps
// in time order, in the spirit of packetdrill. A script is parsed once (script_parser.h) and
// then run against a live device, against our reference endpoint in simulation, or (for the
// expectations) against a capture. The model is syntax only: which message names and
// fields exist is the runner's business, per protocol.
//
//   # RFC 2661 5.8: an unacknowledged control message is retransmitted with back-off
//   check  l2tp.ctrl.retransmit_backoff
//   device l2tp.lns
//   0.000    >  SCCRQ host_name="ts-lac" assigned_tunnel_id=$tid
//   +0~2     <  SCCRP assigned_tunnel_id=$peer_tid
//            drop-next 1 ack
//   +0.8~1.2 <  SCCRP ns=0
//   +0~3     !< SCCRP                     # and no further one within 3 s
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ts::conformance {

// When a step happens (send, directive) or the window an expected message must arrive in.
// Seconds; relative times count from the previous step (for an expectation met, the time the
// message arrived). `lo == hi` without a window.
struct TimeSpec {
  bool relative = false;
  double lo = 0.0;
  double hi = 0.0;
  bool window = false;  // written as lo~hi
};

struct FieldValue {
  enum class Kind : std::uint8_t { string, number, word, variable, wildcard };
  Kind kind = Kind::word;
  std::string text;       // string contents (unescaped), word, or variable name without '$'
  std::uint64_t number = 0;
};

struct Field {
  std::string key;
  FieldValue value;
  // Written as !key=value on a send: the script breaks a rule on purpose; the runner records
  // the violation as ours (by_us) and never blames the device for it.
  bool deliberate = false;
};

// expect_none: `!< NAME FIELD...`, no such message may come from the device in the window.
enum class StepKind : std::uint8_t { send, expect, expect_none, directive };

struct Step {
  int line = 0;
  std::optional<TimeSpec> time;  // absent: right after the previous step
  StepKind kind = StepKind::directive;
  std::string name;              // message name (SCCRQ) or directive (wait, drop-next, assert)
  std::vector<Field> fields;     // send / expect
  std::vector<std::string> args; // directive arguments
};

struct Script {
  std::string file;
  std::vector<std::string> checks;  // check ids this script decides (conformance/checks/)
  std::string device;               // the role the device plays: l2tp.lns, pptp.pac, ppp.peer ...
  std::vector<std::string> requires_features;  // profile features the script needs
  std::vector<Step> steps;
};

}  // namespace ts::conformance
