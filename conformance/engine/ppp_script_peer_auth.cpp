// PppScriptPeer: PAP (RFC 1334 §2.2) and CHAP (RFC 1994 §4, MS-CHAPv2 RFC 2759) packets the
// script sends, with the real computations, and the judgement of the device's credentials.
#include <fmt/format.h>

#include <algorithm>

#include "conformance/engine/ppp_script_peer.h"
#include "conformance/engine/text_number.h"
#include "dissectors/ppp/mschap.h"
#include "dissectors/ppp/mschap_messages.h"
#include "dissectors/ppp/pap.h"
#include "dissectors/ppp/ppp_frame.h"
#include "dissectors/ppp/ppp_protocols.h"

namespace ts::conformance {

namespace {

namespace pp = ts::ppp;
namespace ms = ts::ppp::mschap;

Bytes counting(std::uint8_t first, std::size_t n) {
  Bytes b(n);
  for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(first + i);
  return b;
}

// The fields of a PAP/CHAP send: text or hex values by key; unknown keys are errors.
struct AuthFields {
  std::optional<std::uint8_t> id;
  std::map<std::string, std::string> text;
};

Result<AuthFields> auth_fields(const std::vector<ResolvedField>& fields, std::initializer_list<std::string_view> keys,
                               std::string_view what) {
  AuthFields a;
  for (const auto& f : fields) {
    if (f.key == "id") {
      const auto n = parse_number(f.value);
      if (!n || *n > 255) return Error{"bad value '" + f.value + "' for id"};
      a.id = static_cast<std::uint8_t>(*n);
      continue;
    }
    if (std::find(keys.begin(), keys.end(), std::string_view(f.key)) == keys.end())
      return Error{fmt::format("{} has no field '{}'", what, f.key)};
    a.text[f.key] = f.value;
  }
  return a;
}

std::string get(const AuthFields& a, const std::string& key, std::string fallback) {
  const auto it = a.text.find(key);
  return it == a.text.end() ? fallback : it->second;
}

std::optional<Bytes> hex_field(const AuthFields& a, const std::string& key) {
  const auto it = a.text.find(key);
  if (it == a.text.end()) return std::nullopt;
  return from_hex(it->second);
}

}  // namespace

Result<Bytes> PppScriptPeer::build_pap(std::uint8_t code, const std::vector<ResolvedField>& fields) {
  const bool request = code == pp::pap_code::kAuthenticateRequest;
  auto a = request ? auth_fields(fields, {"peer_id", "password"}, "PAP.AuthReq")
                   : auth_fields(fields, {"message"}, "a PAP reply");
  if (!a.ok()) return Error{a.error()};
  pp::PapPacket p;
  p.code = code;
  const std::string peer_id = get(a.value(), "peer_id", cred_.name);
  const std::string password = get(a.value(), "password", cred_.password);
  const std::string message =
      get(a.value(), "message", code == pp::pap_code::kAuthenticateAck ? "welcome" : "denied");
  if (request) {
    p.identifier = a.value().id.value_or(next_id_.count(pp::kPap) ? next_id_[pp::kPap] : 1);
    next_id_[pp::kPap] = static_cast<std::uint8_t>(p.identifier + 1);
    p.peer_id = as_bytes(peer_id);
    p.password = as_bytes(password);
  } else {
    p.identifier = a.value().id.value_or(device_pap_id_);
    p.message = as_bytes(message);
  }
  return pp::encode_ppp_frame(pp::kPap, pp::encode_pap(p));
}

Result<Bytes> PppScriptPeer::chap_response(std::uint8_t id, const std::string& name, const std::string& password,
                                           Bytes peer_challenge) {
  if (chap_ == pp::ChapAlgorithm::md5) {
    const auto v = ms::chap_md5_response(id, as_bytes(password), device_challenge_);
    if (!v) return Error{"no CHAP-MD5 response could be computed"};
    return Bytes(v->begin(), v->end());
  }
  if (chap_ != pp::ChapAlgorithm::mschap_v2) return Error{"only CHAP-MD5 and MS-CHAPv2 Responses are computed"};
  const auto user = ms::mschap_user_name(name);
  const auto nt = ms::generate_nt_response(device_challenge_, peer_challenge, user, password);
  if (!nt || peer_challenge.size() != 16) return Error{"no MS-CHAPv2 response: peer_challenge must be 16 octets"};
  pp::MsChapV2Response r;
  std::copy(peer_challenge.begin(), peer_challenge.end(), r.peer_challenge.begin());
  r.nt_response = *nt;
  our_peer_challenge_ = std::move(peer_challenge);
  our_nt_response_.assign(nt->begin(), nt->end());
  our_user_ = std::string(user);
  return pp::encode_mschap_v2_response(r);
}

Result<Bytes> PppScriptPeer::build_chap(std::uint8_t code, const std::vector<ResolvedField>& fields) {
  const bool v2 = chap_ == pp::ChapAlgorithm::mschap_v2;
  Result<AuthFields> a = Error{""};
  if (code == pp::chap_code::kChallenge) a = auth_fields(fields, {"value", "name"}, "CHAP.Challenge");
  else if (code == pp::chap_code::kResponse)
    a = auth_fields(fields, {"value", "name", "password", "peer_challenge"}, "CHAP.Response");
  else a = auth_fields(fields, {"message"}, "a CHAP Success/Failure");
  if (!a.ok()) return Error{a.error()};
  pp::ChapPacket p;
  p.code = code;
  Bytes value;
  const std::string name = get(a.value(), "name", cred_.name);
  std::string message;
  if (code == pp::chap_code::kChallenge) {
    p.identifier = a.value().id.value_or(next_id_.count(pp::kChap) ? next_id_[pp::kChap] : 1);
    next_id_[pp::kChap] = static_cast<std::uint8_t>(p.identifier + 1);
    value = hex_field(a.value(), "value").value_or(counting(0x10, 16));
    our_challenge_ = value;
  } else if (code == pp::chap_code::kResponse) {
    p.identifier = a.value().id.value_or(challenge_id_);
    if (auto v = hex_field(a.value(), "value")) {
      value = std::move(*v);
    } else {
      auto r = chap_response(p.identifier, name, get(a.value(), "password", cred_.password),
                             hex_field(a.value(), "peer_challenge").value_or(counting(0x20, 16)));
      if (!r.ok()) return Error{r.error()};
      value = std::move(r.value());
    }
  } else {
    p.identifier = a.value().id.value_or(device_response_id_);
    const bool success = code == pp::chap_code::kSuccess;
    std::string fallback = success ? "welcome" : "denied";
    if (v2 && success) {
      // RFC 2759 §5: "S=<authenticator response> M=<message>".
      const auto s = ms::generate_authenticator_response(cred_.device_password, device_nt_response_,
                                                          device_peer_challenge_, our_challenge_,
                                                          ms::mschap_user_name(device_user_));
      fallback = pp::format_mschap_v2_success({s.value_or(""), "welcome"});
    } else if (v2) {
      // RFC 2759 §6: E=691 (authentication failure), no retry, a new challenge, version 3.
      fallback = pp::format_mschap_failure({691, false, counting(0x30, 16), 3, "denied"});
    }
    message = get(a.value(), "message", fallback);
  }
  p.value = value;
  if (code <= pp::chap_code::kResponse) p.name = as_bytes(name);
  p.message = as_bytes(message);
  return pp::encode_ppp_frame(pp::kChap, pp::encode_chap(p));
}

// The device's credentials, judged against the script side's knowledge.
void PppScriptPeer::judge_auth(WireMessage& w) {
  const auto id = static_cast<std::uint8_t>(parse_number(w.get("id").value_or("0")).value_or(0));
  if (w.name == "PAP.AuthReq") {
    device_pap_id_ = id;
    const bool ok = w.get("peer_id") == cred_.device_name && w.get("password") == cred_.device_password;
    w.fields.emplace_back("valid", ok ? "yes" : "no");
  } else if (w.name == "CHAP.Challenge") {
    challenge_id_ = id;
    device_challenge_ = from_hex(w.get("value").value_or(""));
  } else if (w.name == "CHAP.Response") {
    device_response_id_ = id;
    device_user_ = std::string(w.get("name").value_or(""));
    const Bytes value = from_hex(w.get("value").value_or(""));
    bool ok = false;
    if (chap_ == pp::ChapAlgorithm::md5) {
      const auto v = ms::chap_md5_response(id, as_bytes(cred_.device_password), our_challenge_);
      ok = v && Bytes(v->begin(), v->end()) == value;
    } else if (chap_ == pp::ChapAlgorithm::mschap_v2) {
      device_peer_challenge_ = from_hex(w.get("peer_challenge").value_or(""));
      device_nt_response_ = from_hex(w.get("nt_response").value_or(""));
      const auto nt = ms::generate_nt_response(our_challenge_, device_peer_challenge_,
                                               ms::mschap_user_name(device_user_), cred_.device_password);
      ok = nt && Bytes(nt->begin(), nt->end()) == device_nt_response_;
    }
    ok = ok && device_user_ == cred_.device_name;
    w.fields.emplace_back("valid", ok ? "yes" : "no");
  } else if (w.name == "CHAP.Success" && chap_ == pp::ChapAlgorithm::mschap_v2) {
    const auto s = pp::parse_mschap_v2_success(w.get("message").value_or(""));
    const bool ok = s.complete && ms::check_authenticator_response(cred_.password, our_nt_response_,
                                                                   our_peer_challenge_, device_challenge_, our_user_,
                                                                   s.value.authenticator_response);
    w.fields.emplace_back("authenticator_response", ok ? "valid" : "invalid");
  }
}

}  // namespace ts::conformance
