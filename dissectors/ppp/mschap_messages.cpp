#include "dissectors/ppp/mschap_messages.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "dissectors/ppp/ppp_diagnostics.h"
#include "src/core/byte_reader.h"
#include "src/core/byte_writer.h"

namespace ts::ppp {
namespace {

constexpr CodeName kErrors[] = {
    {646, "ERROR_RESTRICTED_LOGON_HOURS", "ERROR_RESTRICTED_LOGON_HOURS"},
    {647, "ERROR_ACCT_DISABLED", "ERROR_ACCT_DISABLED"},
    {648, "ERROR_PASSWD_EXPIRED", "ERROR_PASSWD_EXPIRED"},
    {649, "ERROR_NO_DIALIN_PERMISSION", "ERROR_NO_DIALIN_PERMISSION"},
    {691, "ERROR_AUTHENTICATION_FAILURE", "ERROR_AUTHENTICATION_FAILURE"},
    {709, "ERROR_CHANGING_PASSWORD", "ERROR_CHANGING_PASSWORD"},
};

template <std::size_t N>
void read_array(ByteReader& r, std::array<std::uint8_t, N>& a, std::string_view field) {
  const ByteView v = r.take(N, field);
  if (v.size() == N) std::copy(v.begin(), v.end(), a.begin());
}

template <typename T>
void check_size(ByteView value, Decoded<T>& out) {
  // Shorter values are reported as truncation by the reader below.
  // RFC 2759 §4 / RFC 2433 §5: the MS-CHAP Response Value-Size is always 49.
  if (value.size() > kMsChapResponseSize)
    add_diag(out.diags, diag::kMschapBadResponseSize, fmt::format("value size {}", value.size()));
}

std::optional<std::uint32_t> parse_decimal(std::string_view s) {
  std::uint32_t v = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

bool is_hex(std::string_view s, bool upper_only) {
  return std::all_of(s.begin(), s.end(), [upper_only](char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (!upper_only && c >= 'a' && c <= 'f');
  });
}

std::string upper_hex(ByteView b) {
  std::string s = to_hex(b);
  std::transform(s.begin(), s.end(), s.begin(), [](char c) { return c >= 'a' && c <= 'f' ? c - 32 : c; });
  return s;
}

}  // namespace

std::span<const CodeName> mschap_error_names() { return kErrors; }

Decoded<MsChapV1Response> decode_mschap_v1_response(ByteView value) {
  Decoded<MsChapV1Response> out;
  check_size(value, out);
  ByteReader r(value);
  read_array(r, out.value.lm_response, "lm_response");
  read_array(r, out.value.nt_response, "nt_response");
  out.value.use_nt = r.u8("use_nt_flag");
  if (!r.ok()) {
    out.complete = false;
    out.truncated_field = r.truncation();
  }
  return out;
}

Decoded<MsChapV2Response> decode_mschap_v2_response(ByteView value) {
  Decoded<MsChapV2Response> out;
  check_size(value, out);
  ByteReader r(value);
  read_array(r, out.value.peer_challenge, "peer_challenge");
  read_array(r, out.value.reserved, "reserved");
  read_array(r, out.value.nt_response, "nt_response");
  out.value.flags = r.u8("flags");
  if (!r.ok()) {
    out.complete = false;
    out.truncated_field = r.truncation();
    return out;
  }
  // RFC 2759 §4: the 8 Reserved octets MUST be zero.
  if (std::any_of(out.value.reserved.begin(), out.value.reserved.end(), [](auto b) { return b != 0; }))
    add_diag(out.diags, diag::kMschapv2NonzeroReserved, to_hex(out.value.reserved));
  // RFC 2759 §4: Flags is reserved for future use and MUST be zero.
  if (out.value.flags != 0) add_diag(out.diags, diag::kMschapv2NonzeroFlags, fmt::format("flags=0x{:02x}", out.value.flags));
  return out;
}

Bytes encode_mschap_v1_response(const MsChapV1Response& r) {
  ByteWriter w(kMsChapResponseSize);
  w.bytes(r.lm_response).bytes(r.nt_response).u8(r.use_nt);
  return w.take();
}

Bytes encode_mschap_v2_response(const MsChapV2Response& r) {
  ByteWriter w(kMsChapResponseSize);
  w.bytes(r.peer_challenge).bytes(r.reserved).bytes(r.nt_response).u8(r.flags);
  return w.take();
}

Decoded<MsChapV2Success> parse_mschap_v2_success(std::string_view m) {
  Decoded<MsChapV2Success> out;
  // RFC 2759 §5: "S=<auth_string> M=<message>", auth_string is 40 uppercase hex digits.
  if (m.size() < 42 || m.substr(0, 2) != "S=" || !is_hex(m.substr(2, 40), true)) {
    add_diag(out.diags, diag::kMschapv2BadSuccessMessage, fmt::format("\"{}\"", printable(as_bytes(m), 64)));
    return out;
  }
  out.value.authenticator_response = std::string(m.substr(0, 42));
  std::string_view rest = m.substr(42);
  if (rest.empty()) return out;
  if (rest.substr(0, 3) == " M=") {
    out.value.message = std::string(rest.substr(3));
  } else {
    add_diag(out.diags, diag::kMschapv2BadSuccessMessage, fmt::format("trailing \"{}\"", printable(as_bytes(rest), 32)));
  }
  return out;
}

Decoded<MsChapFailure> parse_mschap_failure(std::string_view m, bool v2) {
  Decoded<MsChapFailure> out;
  MsChapFailure& f = out.value;
  auto bad = [&](std::string what) { add_diag(out.diags, diag::kMschapv2BadFailureMessage, std::move(what)); };
  std::size_t pos = 0;
  while (pos < m.size()) {
    if (m[pos] == ' ') {
      ++pos;
      continue;
    }
    if (m.substr(pos, 2) == "M=") {  // the message runs to the end, spaces included
      f.message = std::string(m.substr(pos + 2));
      break;
    }
    const std::size_t end = std::min(m.find(' ', pos), m.size());
    const std::string_view tok = m.substr(pos, end - pos);
    pos = end;
    const std::string_view val = tok.size() >= 2 ? tok.substr(2) : std::string_view{};
    if (tok.substr(0, 2) == "E=") {
      f.error = parse_decimal(val);
      if (!f.error) bad(fmt::format("E={}", val));
    } else if (tok.substr(0, 2) == "R=") {
      if (val == "0" || val == "1") f.retry = val == "1";
      else bad(fmt::format("R={}", val));
    } else if (tok.substr(0, 2) == "C=") {
      // RFC 2759 §6: exactly 32 hex digits; RFC 2433 §6: 16 hex digits.
      const std::size_t want = v2 ? 32 : 16;
      if (val.size() == want && is_hex(val, false)) f.challenge = from_hex(val);
      else bad(fmt::format("C= has {} characters, expected {} hex digits", val.size(), want));
    } else if (tok.substr(0, 2) == "V=") {
      f.version = parse_decimal(val);
      if (!f.version) bad(fmt::format("V={}", val));
    } else {
      bad(fmt::format("unknown token \"{}\"", printable(as_bytes(tok), 32)));
    }
  }
  // RFC 2759 §6 / RFC 2433 §6: E= is always present.
  if (!f.error) bad("E= missing");
  // RFC 2759 §6: the C= field MUST be present.
  if (v2 && f.challenge.empty()) bad("C= missing");
  return out;
}

std::string format_mschap_failure(const MsChapFailure& f) {
  std::string s = fmt::format("E={}", f.error.value_or(0));
  if (f.retry) s += fmt::format(" R={}", *f.retry ? 1 : 0);
  if (!f.challenge.empty()) s += " C=" + upper_hex(f.challenge);
  if (f.version) s += fmt::format(" V={}", *f.version);
  if (!f.message.empty()) s += " M=" + f.message;
  return s;
}

std::string format_mschap_v2_success(const MsChapV2Success& s) {
  return s.message.empty() ? s.authenticator_response : s.authenticator_response + " M=" + s.message;
}

bool looks_like_mschap_v2_response(ByteView v) {
  if (v.size() != kMsChapResponseSize) return false;
  const auto reserved = v.subspan(16, 8);
  const auto peer = v.subspan(0, 16);
  return std::all_of(reserved.begin(), reserved.end(), [](auto b) { return b == 0; }) &&
         std::any_of(peer.begin(), peer.end(), [](auto b) { return b != 0; });
}

}  // namespace ts::ppp
