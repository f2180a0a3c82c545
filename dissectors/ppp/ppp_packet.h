#pragma once
// One PPP frame decoded down to its control/authentication packet: the convenience entry
// point for the registry and the CLI. Network-layer payloads (IPv4, IPv6, compressed or
// encrypted data, MP, ...) are left in frame.info and not decoded here.
//
// decode_ppp(): frame_bytes is a PPP frame without HDLC framing (see hdlc.h for async
// HDLC). Diagnostics of the frame and of the body are merged; complete=false when either
// was cut. Views point into frame_bytes.
#include <string>
#include <variant>

#include "dissectors/ppp/chap.h"
#include "dissectors/ppp/control_packet.h"
#include "dissectors/ppp/eap.h"
#include "dissectors/ppp/pap.h"
#include "dissectors/ppp/ppp_frame.h"
#include "src/core/decoded.h"
#include "src/core/fields.h"

namespace ts::ppp {

struct PppPacket {
  PppFrame frame;
  std::variant<std::monostate, ControlPacket, PapPacket, ChapPacket, EapPacket> body;
};

Decoded<PppPacket> decode_ppp(ByteView frame_bytes, ChapAlgorithm chap_hint = ChapAlgorithm::unknown);

// "LCP Configure-Request id=1 MRU=1400 ...", "PPP IPv4 60 bytes",
// "PPP compressed/encrypted (CCP) 120 bytes", "PPP protocol 0x1234 10 bytes".
std::string summarize(const PppPacket& packet);
// Fills `layer` with the frame fields and, for control/auth packets, the body's fields.
void describe(const PppPacket& packet, Field& layer);

}  // namespace ts::ppp
