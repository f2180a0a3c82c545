#include "dissectors/ppp/mppe_keys.h"

#include <algorithm>

#include "dissectors/ppp/crypto_primitives.h"
#include "dissectors/ppp/mschap.h"
#include "src/core/byte_writer.h"

namespace ts::ppp::mppe {
namespace {

// RFC 3079 §3.4 constants (also RFC 3078 §7.3 SHApad1/SHApad2).
constexpr std::string_view kMagic1 = "This is the MPPE Master Key";
constexpr std::string_view kMagic2 =
    "On the client side, this is the send key; on the server side, it is the receive key.";
constexpr std::string_view kMagic3 =
    "On the client side, this is the receive key; on the server side, it is the send key.";

void pad(ByteWriter& w, std::uint8_t v) {
  for (int i = 0; i < 40; ++i) w.u8(v);
}

std::optional<Bytes> first(const std::optional<std::array<std::uint8_t, 20>>& d, std::size_t n) {
  if (!d || n > d->size()) return std::nullopt;
  return Bytes(d->begin(), d->begin() + static_cast<std::ptrdiff_t>(n));
}

}  // namespace

std::size_t key_length(KeyStrength s) { return s == KeyStrength::bits128 ? 16 : 8; }

std::optional<std::array<std::uint8_t, 16>> get_master_key(ByteView hash_hash, ByteView nt_response) {
  if (hash_hash.size() != 16 || nt_response.size() != 24) return std::nullopt;
  ByteWriter w;
  w.bytes(hash_hash).bytes(nt_response).text(kMagic1);
  const auto d = crypto::sha1(w.data());
  if (!d) return std::nullopt;
  std::array<std::uint8_t, 16> k{};
  std::copy_n(d->begin(), 16, k.begin());
  return k;
}

std::optional<Bytes> get_asymmetric_start_key(ByteView master_key, std::size_t len, bool is_send, bool is_server) {
  if (master_key.size() != 16 || len < 8 || len > 16) return std::nullopt;
  // RFC 3079 §3.4: Magic3 for (send, server) and (receive, client); Magic2 otherwise.
  const std::string_view s = is_send == is_server ? kMagic3 : kMagic2;
  ByteWriter w;
  w.bytes(master_key);
  pad(w, 0x00);
  w.text(s);
  pad(w, 0xf2);
  return first(crypto::sha1(w.data()), len);
}

std::optional<Bytes> get_new_key_from_sha(ByteView start_key, ByteView session_key, std::size_t len) {
  if (start_key.size() < len || session_key.size() < len || len > 20) return std::nullopt;
  ByteWriter w;
  w.bytes(start_key.first(len));
  pad(w, 0x00);
  w.bytes(session_key.first(len));
  pad(w, 0xf2);
  return first(crypto::sha1(w.data()), len);
}

void reduce_key_strength(Bytes& key, KeyStrength s) {
  if (key.size() < 3) return;
  if (s == KeyStrength::bits40) {
    key[0] = 0xd1;
    key[1] = 0x26;
    key[2] = 0x9e;
  } else if (s == KeyStrength::bits56) {
    key[0] = 0xd1;
  }
}

std::optional<SessionKeys> initial_session_keys(std::string_view password, ByteView nt_response, KeyStrength strength,
                                                bool is_server) {
  const auto h = mschap::nt_password_hash(password);
  if (!h) return std::nullopt;
  const auto hh = mschap::hash_nt_password_hash(*h);
  if (!hh) return std::nullopt;
  const auto master = get_master_key(*hh, nt_response);
  if (!master) return std::nullopt;
  const std::size_t len = key_length(strength);
  const auto send_start = get_asymmetric_start_key(*master, len, true, is_server);
  const auto recv_start = get_asymmetric_start_key(*master, len, false, is_server);
  if (!send_start || !recv_start) return std::nullopt;
  auto send = get_new_key_from_sha(*send_start, *send_start, len);
  auto recv = get_new_key_from_sha(*recv_start, *recv_start, len);
  if (!send || !recv) return std::nullopt;
  reduce_key_strength(*send, strength);
  reduce_key_strength(*recv, strength);
  return SessionKeys{std::move(*send), std::move(*recv)};
}

std::optional<Bytes> change_key(ByteView start_key, ByteView current_key, KeyStrength strength) {
  const std::size_t len = key_length(strength);
  const auto interim = get_new_key_from_sha(start_key, current_key, len);
  if (!interim) return std::nullopt;
  auto next = crypto::rc4(*interim, *interim);
  if (!next) return std::nullopt;
  reduce_key_strength(*next, strength);
  return next;
}

std::optional<Bytes> mschap_v1_start_key(ByteView challenge8, ByteView hash_hash) {
  if (challenge8.size() != 8 || hash_hash.size() != 16) return std::nullopt;
  // RFC 3079 §2.4 Get_Start_Key: SHA1(hash_hash || hash_hash || challenge)[0..16].
  ByteWriter w;
  w.bytes(hash_hash).bytes(hash_hash).bytes(challenge8);
  return first(crypto::sha1(w.data()), 16);
}

std::optional<Bytes> mschap_v1_session_key(std::string_view password, ByteView challenge8, KeyStrength strength) {
  if (strength == KeyStrength::bits128) {
    const auto h = mschap::nt_password_hash(password);
    const auto hh = h ? mschap::hash_nt_password_hash(*h) : std::nullopt;
    if (!hh) return std::nullopt;
    const auto start = mschap_v1_start_key(challenge8, *hh);
    if (!start) return std::nullopt;
    return get_new_key_from_sha(*start, *start, 16);
  }
  const auto lm = mschap::lm_password_hash(password);
  if (!lm) return std::nullopt;
  const ByteView base(lm->data(), 8);
  auto key = get_new_key_from_sha(base, base, 8);
  if (!key) return std::nullopt;
  reduce_key_strength(*key, strength);
  return key;
}

std::optional<Bytes> rc4(ByteView key, ByteView data) { return crypto::rc4(key, data); }

}  // namespace ts::ppp::mppe
