#include "dissectors/ppp/pap.h"

#include <algorithm>

#include <fmt/format.h>

#include "dissectors/ppp/packet_header.h"
#include "dissectors/ppp/ppp_diagnostics.h"
#include "src/core/byte_writer.h"

namespace ts::ppp {
namespace {
constexpr CodeName kPapCodes[] = {
    {pap_code::kAuthenticateRequest, "Authenticate-Request", "Authenticate-Request"},
    {pap_code::kAuthenticateAck, "Authenticate-Ack", "Authenticate-Ack"},
    {pap_code::kAuthenticateNak, "Authenticate-Nak", "Authenticate-Nak"},
};
}  // namespace

std::span<const CodeName> pap_code_names() { return kPapCodes; }

Decoded<PapPacket> decode_pap(ByteView info) {
  Decoded<PapPacket> out;
  const auto hb = detail::read_header(info, out, 4, diag::kPapLengthTooShort, diag::kPapPadding);
  if (!hb.ok) return out;
  PapPacket& p = out.value;
  ByteReader br(hb.body);
  switch (p.code) {
    case pap_code::kAuthenticateRequest: {
      const auto id_len = br.u8("peer_id_length");
      p.peer_id = br.take(id_len, "peer_id");
      const auto pw_len = br.u8("password_length");
      p.password = br.take(pw_len, "password");
      break;
    }
    case pap_code::kAuthenticateAck:
    case pap_code::kAuthenticateNak: {
      // RFC 1334 §2.2.2: the Msg-Length octet is part of the packet (it may be zero); a
      // header alone (Length 4) is decoded leniently and reported.
      if (br.empty() && hb.whole) {
        add_diag(out.diags, diag::kPapLengthTooShort, "Length 4: no Msg-Length octet");
        break;
      }
      const auto msg_len = br.u8("message_length");
      p.message = br.take(msg_len, "message");
      break;
    }
    default:
      // RFC 1334 §2.2: only Codes 1-3 are defined.
      add_diag(out.diags, diag::kPapUnknownCode, fmt::format("code={}", p.code));
      p.message = br.rest();
      break;
  }
  detail::finish_body(br, hb, out, diag::kPapFieldOverrun);
  return out;
}

Bytes encode_pap(const PapPacket& p) {
  ByteWriter w;
  w.u8(p.code).u8(p.identifier).be16(0);
  // Each variable field is prefixed by a one-octet length (RFC 1334 §2.2.1, §2.2.2).
  auto prefixed = [&w](ByteView v) {
    const std::size_t n = std::min<std::size_t>(v.size(), 255);
    w.u8(static_cast<std::uint8_t>(n)).bytes(v.first(n));
  };
  if (p.code == pap_code::kAuthenticateRequest) {
    prefixed(p.peer_id);
    prefixed(p.password);
  } else if (p.code == pap_code::kAuthenticateAck || p.code == pap_code::kAuthenticateNak) {
    prefixed(p.message);
  } else {
    w.bytes(p.message);
  }
  w.patch_be16(2, static_cast<std::uint16_t>(w.size()));
  return w.take();
}

std::string summarize(const PapPacket& p) {
  std::string s = fmt::format("PAP {} id={}", code_abbrev(kPapCodes, p.code), p.identifier);
  if (p.code == pap_code::kAuthenticateRequest)
    return s + fmt::format(" peer=\"{}\" password={}B", printable(p.peer_id, 64), p.password.size());
  if (!p.message.empty()) s += fmt::format(" \"{}\"", printable(p.message, 64));
  return s;
}

void describe(const PapPacket& p, Field& layer) {
  layer.add_text("protocol", "PAP");
  layer.add_num("code", p.code);
  layer.add_text("code_name", code_name(kPapCodes, p.code));
  layer.add_num("identifier", p.identifier);
  layer.add_num("length", p.length);
  if (p.code == pap_code::kAuthenticateRequest) {
    layer.add_text("peer_id", printable(p.peer_id));
    layer.add_num("password_length", p.password.size());
  } else {
    layer.add_text("message", printable(p.message));
  }
}

}  // namespace ts::ppp
