#include "dissectors/ppp/chap.h"

#include <algorithm>

#include <fmt/format.h>

#include "dissectors/ppp/lcp_options.h"
#include "dissectors/ppp/packet_header.h"
#include "dissectors/ppp/ppp_diagnostics.h"
#include "src/core/byte_writer.h"

namespace ts::ppp {
namespace {

constexpr CodeName kChapCodes[] = {
    {chap_code::kChallenge, "Challenge", "Challenge"},
    {chap_code::kResponse, "Response", "Response"},
    {chap_code::kSuccess, "Success", "Success"},
    {chap_code::kFailure, "Failure", "Failure"},
    {chap_code::kChangePasswordV1, "Change-Password-v1", "Change Password (version 1)"},
    {chap_code::kChangePasswordV2, "Change-Password-v2", "Change Password (version 2)"},
    {chap_code::kChangePassword, "Change-Password", "Change-Password (MS-CHAPv2)"},
};

bool is_ms(ChapAlgorithm a) { return a == ChapAlgorithm::mschap_v1 || a == ChapAlgorithm::mschap_v2; }

// Value and Name of Challenge/Response (RFC 1994 §4.1).
void read_value_name(ByteReader& br, const detail::HeaderBody& hb, Decoded<ChapPacket>& out) {
  ChapPacket& p = out.value;
  const auto size = br.u8("value_size");
  // RFC 1994 §4.1: Value-Size is one or more octets... the Value is at least one octet.
  if (br.ok() && size == 0) add_diag(out.diags, diag::kChapBadValueSize, "value_size=0");
  p.value = br.take(size, "value");
  if (!br.ok() && hb.whole) {
    add_diag(out.diags, diag::kChapBadValueSize,
             fmt::format("value_size={} but Length leaves {} octets", size, hb.body.size() - 1));
    return;
  }
  p.name = br.rest();
}

void interpret_response(Decoded<ChapPacket>& out) {
  ChapPacket& p = out.value;
  if (p.algorithm == ChapAlgorithm::unknown && p.value.size() == kMsChapResponseSize)
    p.algorithm = looks_like_mschap_v2_response(p.value) ? ChapAlgorithm::mschap_v2 : ChapAlgorithm::mschap_v1;
  if (p.algorithm == ChapAlgorithm::unknown && p.value.size() == 16) p.algorithm = ChapAlgorithm::md5;
  if (!is_ms(p.algorithm)) return;
  // RFC 2759 §4 / RFC 2433 §5: MS-CHAP Response Value-Size is 49.
  if (p.value.size() != kMsChapResponseSize) {
    add_diag(out.diags, diag::kMschapBadResponseSize, fmt::format("value size {}", p.value.size()));
    return;
  }
  if (p.algorithm == ChapAlgorithm::mschap_v2) {
    auto r = decode_mschap_v2_response(p.value);
    out.diags.insert(out.diags.end(), r.diags.begin(), r.diags.end());
    p.mschap_v2 = r.value;
  } else {
    p.mschap_v1 = decode_mschap_v1_response(p.value).value;
  }
}

void interpret_message(Decoded<ChapPacket>& out) {
  ChapPacket& p = out.value;
  const std::string_view text = as_chars(p.message);
  if (p.code == chap_code::kSuccess) {
    if (p.algorithm == ChapAlgorithm::unknown && text.size() >= 42 && text.substr(0, 2) == "S=")
      p.algorithm = ChapAlgorithm::mschap_v2;
    if (p.algorithm != ChapAlgorithm::mschap_v2) return;
    auto s = parse_mschap_v2_success(text);
    out.diags.insert(out.diags.end(), s.diags.begin(), s.diags.end());
    p.success = s.value;
  } else if (p.code == chap_code::kFailure) {
    if (p.algorithm == ChapAlgorithm::unknown && text.substr(0, 2) == "E=")
      p.algorithm = text.find(" C=") != std::string_view::npos && text.find(" V=") != std::string_view::npos
                        ? ChapAlgorithm::mschap_v2
                        : ChapAlgorithm::mschap_v1;
    if (!is_ms(p.algorithm)) return;
    auto f = parse_mschap_failure(text, p.algorithm == ChapAlgorithm::mschap_v2);
    out.diags.insert(out.diags.end(), f.diags.begin(), f.diags.end());
    p.failure = f.value;
  }
}

}  // namespace

ChapAlgorithm chap_algorithm_from_lcp(std::uint8_t a) {
  switch (a) {
    case kChapMd5: return ChapAlgorithm::md5;
    case kChapMsV1: return ChapAlgorithm::mschap_v1;
    case kChapMsV2: return ChapAlgorithm::mschap_v2;
    default: return ChapAlgorithm::unknown;
  }
}

std::string_view to_string(ChapAlgorithm a) {
  switch (a) {
    case ChapAlgorithm::md5: return "MD5";
    case ChapAlgorithm::mschap_v1: return "MS-CHAPv1";
    case ChapAlgorithm::mschap_v2: return "MS-CHAPv2";
    case ChapAlgorithm::unknown: break;
  }
  return "unknown";
}

std::span<const CodeName> chap_code_names() { return kChapCodes; }

Decoded<ChapPacket> decode_chap(ByteView info, ChapAlgorithm hint) {
  Decoded<ChapPacket> out;
  out.value.algorithm = hint;
  const auto hb = detail::read_header(info, out, 4, diag::kChapLengthTooShort, diag::kChapPadding);
  if (!hb.ok) return out;
  ChapPacket& p = out.value;
  ByteReader br(hb.body);
  switch (p.code) {
    case chap_code::kChallenge:
    case chap_code::kResponse:
      read_value_name(br, hb, out);
      if (!br.ok() && hb.whole) return out;  // already reported as bad value size
      break;
    case chap_code::kSuccess:
    case chap_code::kFailure:
      p.message = br.rest();
      break;
    default:
      // RFC 1994 §4: Codes 1-4; MS-CHAP adds 5-7 (RFC 2433 §7, RFC 2759 §7).
      if (p.code > chap_code::kChangePassword) add_diag(out.diags, diag::kChapUnknownCode, fmt::format("code={}", p.code));
      p.message = br.rest();
      break;
  }
  detail::finish_body(br, hb, out, diag::kChapBadValueSize);
  if (!hb.whole) return out;  // do not interpret a cut value or message
  if (p.code == chap_code::kResponse) interpret_response(out);
  if (p.code == chap_code::kSuccess || p.code == chap_code::kFailure) interpret_message(out);
  return out;
}

Bytes encode_chap(const ChapPacket& p) {
  ByteWriter w;
  w.u8(p.code).u8(p.identifier).be16(0);
  if (p.code == chap_code::kChallenge || p.code == chap_code::kResponse) {
    const std::size_t n = std::min<std::size_t>(p.value.size(), 255);
    w.u8(static_cast<std::uint8_t>(n)).bytes(p.value.first(n)).bytes(p.name);
  } else {
    w.bytes(p.message);
  }
  w.patch_be16(2, static_cast<std::uint16_t>(w.size()));
  return w.take();
}

std::string chap_summary(const ChapPacket& p) {
  std::string s = fmt::format("CHAP {} id={}", code_abbrev(kChapCodes, p.code), p.identifier);
  if (p.algorithm != ChapAlgorithm::unknown) s += fmt::format(" {}", to_string(p.algorithm));
  if (p.code == chap_code::kChallenge || p.code == chap_code::kResponse) {
    s += fmt::format(" name=\"{}\"", printable(p.name, 64));
    if (p.mschap_v2) s += fmt::format(" peer-challenge={} nt-response={}", to_hex(p.mschap_v2->peer_challenge, 4), to_hex(p.mschap_v2->nt_response, 4));
    else if (p.mschap_v1) s += fmt::format(" nt-response={} use-nt={}", to_hex(p.mschap_v1->nt_response, 4), p.mschap_v1->use_nt);
    else s += fmt::format(" value={}", to_hex(p.value, 8));
    return s;
  }
  if (p.failure) {
    const auto* e = p.failure->error ? find_code(mschap_error_names(), *p.failure->error) : nullptr;
    s += fmt::format(" E={}{} R={}", p.failure->error.value_or(0), e ? fmt::format(" ({})", e->abbrev) : "",
                     p.failure->retry.value_or(false) ? 1 : 0);
    if (!p.failure->message.empty()) s += fmt::format(" \"{}\"", printable(as_bytes(p.failure->message), 64));
    return s;
  }
  if (p.success) {
    s += " " + p.success->authenticator_response;
    if (!p.success->message.empty()) s += fmt::format(" \"{}\"", printable(as_bytes(p.success->message), 64));
    return s;
  }
  if (!p.message.empty()) s += fmt::format(" \"{}\"", printable(p.message, 64));
  return s;
}

void describe(const ChapPacket& p, Field& layer) {
  layer.add_text("protocol", "CHAP");
  layer.add_num("code", p.code);
  layer.add_text("code_name", code_name(kChapCodes, p.code));
  layer.add_num("identifier", p.identifier);
  layer.add_num("length", p.length);
  layer.add_text("algorithm", std::string(to_string(p.algorithm)));
  if (p.code == chap_code::kChallenge || p.code == chap_code::kResponse) {
    layer.add_num("value_size", p.value.size());
    layer.add_hex("value", p.value);
    layer.add_text("name", printable(p.name));
  } else {
    layer.add_text("message", printable(p.message));
  }
  if (p.mschap_v2) {
    Field& m = layer.add_object("mschap_v2_response");
    m.add_hex("peer_challenge", p.mschap_v2->peer_challenge);
    m.add_hex("reserved", p.mschap_v2->reserved);
    m.add_hex("nt_response", p.mschap_v2->nt_response);
    m.add_num("flags", p.mschap_v2->flags);
  }
  if (p.mschap_v1) {
    Field& m = layer.add_object("mschap_v1_response");
    m.add_hex("lm_response", p.mschap_v1->lm_response);
    m.add_hex("nt_response", p.mschap_v1->nt_response);
    m.add_num("use_nt", p.mschap_v1->use_nt);
  }
  if (p.success) {
    Field& m = layer.add_object("mschap_v2_success");
    m.add_text("authenticator_response", p.success->authenticator_response);
    m.add_text("message", p.success->message);
  }
  if (p.failure) {
    Field& m = layer.add_object("mschap_failure");
    if (p.failure->error) {
      m.add_num("error", *p.failure->error);
      m.add_text("error_name", code_name(mschap_error_names(), *p.failure->error));
    }
    if (p.failure->retry) m.add_bool("retry", *p.failure->retry);
    if (!p.failure->challenge.empty()) m.add_hex("challenge", p.failure->challenge);
    if (p.failure->version) m.add_num("version", *p.failure->version);
    m.add_text("message", p.failure->message);
  }
}

}  // namespace ts::ppp
