#include "src/endpoints/ppp/mppe_codec.h"

#include <utility>

#include "dissectors/ppp/crypto_primitives.h"
#include "dissectors/ppp/mppe_keys.h"
#include "dissectors/ppp/mschap.h"

namespace ts::endpoints::ppp {

namespace mppe = ts::ppp::mppe;
namespace mschap = ts::ppp::mschap;

MppeCodec::MppeCodec(MppeKeyChain send, MppeKeyChain receive, MppeSettings s)
    : settings_(s), sender_(std::move(send), s), receiver_(std::move(receive), s) {}

std::optional<MppeCodec> MppeCodec::from_start_keys(ByteView send_start, ByteView receive_start,
                                                    MppeSettings s) {
  auto send = MppeKeyChain::from_start_key(send_start, s.strength);
  auto receive = MppeKeyChain::from_start_key(receive_start, s.strength);
  if (!send || !receive || !ts::ppp::crypto::available()) return std::nullopt;
  return MppeCodec(std::move(*send), std::move(*receive), s);
}

std::optional<MppeCodec> MppeCodec::from_mschap_v2(std::string_view password, ByteView nt_response,
                                                   bool is_server, MppeSettings s) {
  // RFC 3079 §3.1-§3.3: NtPasswordHash, md4, GetMasterKey, GetAsymmetricStartKey.
  const auto hash = mschap::nt_password_hash(password);
  const auto hash_hash = hash ? mschap::hash_nt_password_hash(*hash) : std::nullopt;
  if (!hash_hash) return std::nullopt;
  const auto master = mppe::get_master_key(*hash_hash, nt_response);
  if (!master) return std::nullopt;
  const std::size_t len = mppe::key_length(s.strength);
  const auto send = mppe::get_asymmetric_start_key(*master, len, true, is_server);
  const auto receive = mppe::get_asymmetric_start_key(*master, len, false, is_server);
  if (!send || !receive) return std::nullopt;
  return from_start_keys(*send, *receive, s);
}

std::optional<MppeCodec> MppeCodec::from_mschap_v1(std::string_view password, ByteView challenge8,
                                                   MppeSettings s) {
  Bytes start;
  if (s.strength == KeyStrength::bits128) {
    // RFC 3079 §2.3: Get_Start_Key(Challenge, NtPasswordHashHash).
    const auto hash = mschap::nt_password_hash(password);
    const auto hash_hash = hash ? mschap::hash_nt_password_hash(*hash) : std::nullopt;
    if (!hash_hash) return std::nullopt;
    auto key = mppe::mschap_v1_start_key(challenge8, *hash_hash);
    if (!key) return std::nullopt;
    start = std::move(*key);
  } else {
    // RFC 3079 §2.1/§2.2: "The first 8 octets of the [LmPasswordHash] result are used as the
    // basis for the session key".
    const auto lm = mschap::lm_password_hash(password);
    if (!lm) return std::nullopt;
    start.assign(lm->begin(), lm->begin() + 8);
  }
  // RFC 3079 §2 Implementation Note: the same initial key in both directions.
  return from_start_keys(start, start, s);
}

MppeCodec MppeCodec::from_keys(Bytes send_key, Bytes receive_key, MppeSettings s) {
  Bytes send_start = send_key;
  Bytes receive_start = receive_key;
  return MppeCodec(MppeKeyChain(std::move(send_start), std::move(send_key), s.strength),
                   MppeKeyChain(std::move(receive_start), std::move(receive_key), s.strength), s);
}

Bytes MppeCodec::encrypt(ByteView protocol_and_info) { return sender_.encrypt(protocol_and_info); }

MppeCodec::Decrypted MppeCodec::decrypt(ByteView info) { return receiver_.decrypt(info); }

void MppeCodec::on_reset_request() { sender_.on_reset_request(); }

MppeCounters MppeCodec::counters() const {
  MppeCounters c;
  c.encrypted = sender_.packets();
  c.decrypted = receiver_.packets();
  c.send_key_changes = sender_.keys().changes();
  c.receive_key_changes = receiver_.keys().changes();
  c.flushed_sent = sender_.flushed_sent();
  c.resets_received = sender_.resets_received();
  c.sync_losses = receiver_.sync_losses();
  c.discarded = receiver_.discarded();
  c.late = receiver_.late();
  c.duplicates = receiver_.duplicates();
  return c;
}

std::optional<engine::Violation> mppe_violation(const MppeDecrypted& d) {
  if (d.problem == nullptr) return std::nullopt;
  return engine::Violation{d.problem, d.detail, false};
}

}  // namespace ts::endpoints::ppp
