#pragma once
// L2TP data messages (T=0, RFC 2661 §3.1, §5.4) for conformance scripts: what a script sends
// as `> DATA ...` and the fields a device's data message shows to `< DATA ...`.
//
// L2tpDataSender::build(fields, tunnel, session): one data message from the script's fields:
//   tunnel_id, session_id  the header's IDs (defaults: the device's Assigned Tunnel ID and the
//                          Assigned Session ID the device gave last, passed in by the peer);
//   ns=N                   S=1 with this Ns (the script's own data counter continues after N);
//   sequenced=yes|no       S=1 with the next Ns of the counter (from 0), or S=0 (the default);
//   nr=N                   the Nr field when S=1 (reserved in data messages, §3.1; default 0);
//   payload="HEX"          the PPP frame (default: an empty LCP Configure-Request,
//                          Identifier 5, ff03c02101050004, which any PPP peer answers with a
//                          Configure-Ack of the same Identifier, ff03c02102050004).
// The L bit is set (Length present, as most implementations send it). Data messages are not
// reliable (§5.4): the message goes out once, outside the control channel. Error: an unknown
// key or a value that does not fit.
//
// add_data_fields(msg, w): the fields a device's data message adds after the header's
// (tunnel_id, session_id, ns, nr): sequenced=yes|no (whether S is set, so that a script can
// expect data *without* Ns: `< DATA sequenced=no`), when the payload is a PPP frame the PPP
// codec reads, ppp (its name, LCP.ConfAck ...) and ppp_id (its Identifier), then payload (hex).
#include <cstdint>
#include <string>
#include <vector>

#include "conformance/engine/matcher.h"
#include "conformance/engine/wire_message.h"
#include "dissectors/l2tp/message.h"
#include "src/core/bytes.h"
#include "src/core/result.h"

namespace ts::conformance {

class L2tpDataSender {
 public:
  Result<Bytes> build(const std::vector<ResolvedField>& fields, std::uint16_t tunnel, std::uint16_t session);

 private:
  std::uint16_t next_ns_ = 0;  // the script side's data Ns (§5.4: from 0, its own counter)
};

void add_data_fields(const l2tp::Message& msg, WireMessage& w);

}  // namespace ts::conformance
