// PppPeer, CCP and MPPE (RFC 1962, RFC 3078): CCP runs in the Network phase when the
// policy asks for MPPE and an MS-CHAP authentication provided keys; once it is Opened the
// MppeCodec carries every network packet as protocol 0x00FD.
#include <fmt/format.h>

#include "dissectors/ppp/ppp_protocols.h"
#include "src/endpoints/ppp/ppp_endpoint_diagnostics.h"
#include "src/endpoints/ppp/ppp_peer.h"

namespace ts::endpoints::ppp {

namespace pp = ts::ppp;

namespace {
std::optional<MppeCodec> make_codec(const MppeKeyMaterial& keys, bool is_server,
                                    const MppeSettings& s) {
  // RFC 3079 §3 (MS-CHAPv2, also inside EAP) and §2 (MS-CHAPv1).
  if (keys.method == AuthMethod::mschap_v2 || keys.method == AuthMethod::eap_mschap_v2)
    return MppeCodec::from_mschap_v2(keys.password, keys.nt_response, is_server, s);
  if (keys.method == AuthMethod::mschap_v1)
    return MppeCodec::from_mschap_v1(keys.password, keys.challenge, s);
  return std::nullopt;
}
}  // namespace

const AuthResult* PppPeer::key_source(bool& is_server) const {
  if (authenticator_ && authenticator_->result().outcome == AuthOutcome::success &&
      authenticator_->result().keys) {
    is_server = true;
    return &authenticator_->result();
  }
  if (authenticatee_ && authenticatee_->result().outcome == AuthOutcome::success &&
      authenticatee_->result().keys) {
    is_server = false;
    return &authenticatee_->result();
  }
  return nullptr;
}

void PppPeer::start_ccp(Instant now, engine::LinkOutput& out) {
  if (config_.mppe.strength == MppeStrength::none) return;
  bool is_server = false;
  if (!key_source(is_server)) {
    // RFC 3078 §1: MPPE keys come from MS-CHAP; without them we cannot offer MPPE.
    if (config_.mppe.required) {
      note(out, peer_diag::kMppeNotAgreed, "no MS-CHAP authentication, so no MPPE keys");
      close_link(now, "MPPE required but no MS-CHAP keys", out);
    }
    return;
  }
  ccp_running_ = true;
  absorb(now, ccp_, ccp_.open(now), out);
  absorb(now, ccp_, ccp_.up(now), out);
}

void PppPeer::on_ccp_signal(Instant now, LayerSignal s, engine::LinkOutput& out) {
  if (s == LayerSignal::up) {
    bool is_server = false;
    const AuthResult* source = key_source(is_server);
    const auto settings = ccp_policy_.agreed();
    if (source && settings) codec_ = make_codec(*source->keys, is_server, *settings);
    if (!codec_ && config_.mppe.required) {
      note(out, peer_diag::kMppeNotAgreed, "CCP Opened without a usable MPPE option");
      close_link(now, "MPPE required but not agreed", out);
    }
    return;
  }
  if (s == LayerSignal::down || s == LayerSignal::finished) codec_.reset();
  // RFC 3078 §2: "If encryption is required ... and is attempted and fails, the link
  // SHOULD be terminated."
  if (s == LayerSignal::finished && config_.mppe.required && !closing_) {
    note(out, peer_diag::kMppeNotAgreed,
         ccp_policy_.failure().value_or("CCP finished without MPPE"));
    close_link(now, "MPPE required but not agreed", out);
  }
}

void PppPeer::receive_ccp(Instant now, ByteView info, engine::LinkOutput& out) {
  const auto d = pp::decode_control(pp::kCcp, info);
  if (d.complete && d.value.length >= 4 && d.value.code == pp::code::kResetRequest) {
    if (!ccp_.opened()) return;
    // RFC 1962 §3.1 / RFC 3078 §8.2: the sender re-initialises (FLUSHED on the next
    // packet) and answers with a Reset-Ack of the same Identifier.
    ++counters_.reset_requests_received;
    if (codec_) codec_->on_reset_request();
    pp::ControlPacket ack;
    ack.code = pp::code::kResetAck;
    ack.identifier = d.value.identifier;
    emit(pp::kCcp, pp::encode_control(pp::kCcp, ack), out);
    return;
  }
  if (d.complete && d.value.length >= 4 && d.value.code == pp::code::kResetAck) return;
  receive_control(now, ccp_, info, out);
}

void PppPeer::receive_encrypted(Instant now, ByteView info, engine::LinkOutput& out) {
  if (!codec_) {
    ++counters_.discarded;
    if (views_may_differ(ccp_.state())) return;  // the peer may be Opened already (lost Ack)
    note(out, peer_diag::kDataBeforeOpened, "0x00FD packet while CCP is not Opened with MPPE");
    return;
  }
  const auto d = codec_->decrypt(info);
  if (d.problem) note(out, *d.problem, d.detail);
  if (d.send_reset_request && ccp_.opened()) {
    // RFC 3078 §8.2 (stateful mode): lost synchronisation is signalled by a Reset-Request.
    pp::ControlPacket rr;
    rr.code = pp::code::kResetRequest;
    rr.identifier = ccp_.take_identifier();
    ++counters_.reset_requests_sent;
    emit(pp::kCcp, pp::encode_control(pp::kCcp, rr), out);
  }
  if (!d.plaintext || d.plaintext->size() < 2) return;
  const std::uint16_t protocol =
      static_cast<std::uint16_t>(((*d.plaintext)[0] << 8) | (*d.plaintext)[1]);
  if (protocol != pp::kIpv4 && protocol != pp::kIpv6) {
    ++counters_.discarded;
    return;
  }
  deliver_data(now, protocol, ByteView(*d.plaintext).subspan(2), out);
}

void PppPeer::send_data(std::uint16_t protocol, ByteView packet, engine::LinkOutput& out) {
  if (codec_) {
    // RFC 3078 §3.1: the encrypted data begins with the (2-octet) Protocol field.
    Bytes plain(packet.size() + 2);
    plain[0] = static_cast<std::uint8_t>(protocol >> 8);
    plain[1] = static_cast<std::uint8_t>(protocol);
    std::copy(packet.begin(), packet.end(), plain.begin() + 2);
    emit(pp::kCompressed, codec_->encrypt(plain), out);
    return;
  }
  if (config_.mppe.required) {
    ++counters_.data_held;  // never in clear when MPPE is required
    return;
  }
  emit(protocol, packet, out);
}

}  // namespace ts::endpoints::ppp
