#include "dissectors/ppp/mschap.h"

#include <algorithm>
#include <bit>

#include "dissectors/ppp/crypto_primitives.h"
#include "src/core/byte_writer.h"

namespace ts::ppp::mschap {
namespace {

// RFC 2759 §8.7 constants.
constexpr std::string_view kAuthMagic1 = "Magic server to client signing constant";
constexpr std::string_view kAuthMagic2 = "Pad to make it do more than one iteration";

void put_utf16(Bytes& out, std::uint32_t cp) {
  auto unit = [&out](std::uint32_t u) {
    out.push_back(static_cast<std::uint8_t>(u & 0xff));
    out.push_back(static_cast<std::uint8_t>(u >> 8));
  };
  if (cp >= 0x10000) {
    cp -= 0x10000;
    unit(0xD800 | (cp >> 10));
    unit(0xDC00 | (cp & 0x3ff));
  } else {
    unit(cp);
  }
}

std::string upper_hex(ByteView b) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string s;
  for (auto x : b) {
    s.push_back(kDigits[x >> 4]);
    s.push_back(kDigits[x & 0xf]);
  }
  return s;
}

}  // namespace

Bytes utf16le(std::string_view s) {
  Bytes out;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<std::uint8_t>(s[i]);
    std::size_t n = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) { cp = c; n = 0; }
    else if ((c & 0xE0) == 0xC0) { cp = c & 0x1F; n = 1; }
    else if ((c & 0xF0) == 0xE0) { cp = c & 0x0F; n = 2; }
    else if ((c & 0xF8) == 0xF0) { cp = c & 0x07; n = 3; }
    else { put_utf16(out, 0xFFFD); ++i; continue; }
    bool ok = true;
    for (std::size_t k = 1; ok && k <= n; ++k) {
      if (i + k >= s.size() || (static_cast<std::uint8_t>(s[i + k]) & 0xC0) != 0x80) ok = false;
      else cp = cp << 6 | (static_cast<std::uint8_t>(s[i + k]) & 0x3F);
    }
    if (!ok || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      put_utf16(out, 0xFFFD);
      ++i;
      continue;
    }
    put_utf16(out, cp);
    i += n + 1;
  }
  return out;
}

std::string_view mschap_user_name(std::string_view name) {
  const auto slash = name.rfind('\\');
  return slash == std::string_view::npos ? name : name.substr(slash + 1);
}

DesKey8 des_key_from_7(const std::array<std::uint8_t, 7>& in) {
  DesKey8 k{};
  k[0] = in[0] >> 1;
  k[1] = static_cast<std::uint8_t>((in[0] & 0x01) << 6 | in[1] >> 2);
  k[2] = static_cast<std::uint8_t>((in[1] & 0x03) << 5 | in[2] >> 3);
  k[3] = static_cast<std::uint8_t>((in[2] & 0x07) << 4 | in[3] >> 4);
  k[4] = static_cast<std::uint8_t>((in[3] & 0x0F) << 3 | in[4] >> 5);
  k[5] = static_cast<std::uint8_t>((in[4] & 0x1F) << 2 | in[5] >> 6);
  k[6] = static_cast<std::uint8_t>((in[5] & 0x3F) << 1 | in[6] >> 7);
  k[7] = in[6] & 0x7F;
  for (auto& b : k) {
    b = static_cast<std::uint8_t>(b << 1);
    if (std::popcount(b) % 2 == 0) b |= 1;  // odd parity (RFC 2759 §9.3)
  }
  return k;
}

std::optional<Hash16> nt_password_hash(std::string_view password) {
  const Bytes u = utf16le(password);
  return crypto::md4(u);
}

std::optional<Hash16> hash_nt_password_hash(const Hash16& h) { return crypto::md4(h); }

std::optional<Challenge8> challenge_hash(ByteView peer, ByteView auth, std::string_view user) {
  if (peer.size() != 16 || auth.size() != 16) return std::nullopt;
  ByteWriter w;
  w.bytes(peer).bytes(auth).text(user);
  const auto d = crypto::sha1(w.data());
  if (!d) return std::nullopt;
  Challenge8 c{};
  std::copy_n(d->begin(), 8, c.begin());
  return c;
}

std::optional<Response24> challenge_response(const Challenge8& challenge, const Hash16& hash) {
  std::array<std::uint8_t, 21> z{};
  std::copy(hash.begin(), hash.end(), z.begin());
  Response24 r{};
  for (std::size_t i = 0; i < 3; ++i) {
    std::array<std::uint8_t, 7> raw{};
    std::copy_n(z.begin() + static_cast<std::ptrdiff_t>(7 * i), 7, raw.begin());
    const auto block = crypto::des_ecb_encrypt(des_key_from_7(raw), challenge);
    if (!block) return std::nullopt;
    std::copy(block->begin(), block->end(), r.begin() + static_cast<std::ptrdiff_t>(8 * i));
  }
  return r;
}

std::optional<Response24> generate_nt_response(ByteView auth, ByteView peer, std::string_view user,
                                               std::string_view password) {
  const auto c = challenge_hash(peer, auth, user);
  const auto h = nt_password_hash(password);
  if (!c || !h) return std::nullopt;
  return challenge_response(*c, *h);
}

std::optional<std::string> generate_authenticator_response(std::string_view password, ByteView nt_response,
                                                           ByteView peer, ByteView auth, std::string_view user) {
  if (nt_response.size() != 24) return std::nullopt;
  const auto h = nt_password_hash(password);
  if (!h) return std::nullopt;
  const auto hh = hash_nt_password_hash(*h);
  const auto c = challenge_hash(peer, auth, user);
  if (!hh || !c) return std::nullopt;
  ByteWriter w1;
  w1.bytes(*hh).bytes(nt_response).text(kAuthMagic1);
  const auto d1 = crypto::sha1(w1.data());
  if (!d1) return std::nullopt;
  ByteWriter w2;
  w2.bytes(*d1).bytes(*c).text(kAuthMagic2);
  const auto d2 = crypto::sha1(w2.data());
  if (!d2) return std::nullopt;
  return "S=" + upper_hex(*d2);
}

bool check_authenticator_response(std::string_view password, ByteView nt_response, ByteView peer, ByteView auth,
                                  std::string_view user, std::string_view received) {
  const auto expected = generate_authenticator_response(password, nt_response, peer, auth, user);
  if (!expected || received.size() < expected->size()) return false;
  return std::equal(expected->begin(), expected->end(), received.begin(), [](char a, char b) {
    auto up = [](char x) { return x >= 'a' && x <= 'f' ? static_cast<char>(x - 32) : x; };
    return up(a) == up(b);
  });
}

std::optional<Response24> nt_challenge_response(ByteView challenge8, std::string_view password) {
  if (challenge8.size() != 8) return std::nullopt;
  const auto h = nt_password_hash(password);
  if (!h) return std::nullopt;
  Challenge8 c{};
  std::copy(challenge8.begin(), challenge8.end(), c.begin());
  return challenge_response(c, *h);
}

std::optional<Hash16> lm_password_hash(std::string_view password) {
  // RFC 2433 §A.2: upper-case, cut or zero-pad to 14 octets, DES-encrypt "KGS!@#$%" with
  // each 7-octet half as the key (§A.3 DesHash).
  std::array<std::uint8_t, 14> pw{};
  for (std::size_t i = 0; i < pw.size() && i < password.size(); ++i) {
    const char c = password[i];
    pw[i] = static_cast<std::uint8_t>(c >= 'a' && c <= 'z' ? c - 32 : c);
  }
  static constexpr Challenge8 kStdText = {'K', 'G', 'S', '!', '@', '#', '$', '%'};
  Hash16 out{};
  for (std::size_t half = 0; half < 2; ++half) {
    std::array<std::uint8_t, 7> raw{};
    std::copy_n(pw.begin() + static_cast<std::ptrdiff_t>(7 * half), 7, raw.begin());
    const auto c = crypto::des_ecb_encrypt(des_key_from_7(raw), kStdText);
    if (!c) return std::nullopt;
    std::copy(c->begin(), c->end(), out.begin() + static_cast<std::ptrdiff_t>(8 * half));
  }
  return out;
}

std::optional<Response24> lm_challenge_response(ByteView challenge8, std::string_view password) {
  if (challenge8.size() != 8) return std::nullopt;
  const auto h = lm_password_hash(password);
  if (!h) return std::nullopt;
  Challenge8 c{};
  std::copy(challenge8.begin(), challenge8.end(), c.begin());
  return challenge_response(c, *h);
}

std::optional<Hash16> chap_md5_response(std::uint8_t identifier, ByteView secret, ByteView challenge) {
  ByteWriter w;
  w.u8(identifier).bytes(secret).bytes(challenge);
  return crypto::md5(w.data());
}

}  // namespace ts::ppp::mschap
