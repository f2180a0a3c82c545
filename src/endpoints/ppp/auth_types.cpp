#include "src/endpoints/ppp/auth_types.h"

#include <array>
#include <cctype>
#include <utility>

#include "dissectors/ppp/chap.h"
#include "dissectors/ppp/eap.h"
#include "dissectors/ppp/pap.h"
#include "dissectors/ppp/ppp_protocols.h"

namespace ts::endpoints::ppp {

namespace {

constexpr std::array<std::pair<AuthMethod, std::string_view>, 7> kNames{{
    {AuthMethod::none, "none"},
    {AuthMethod::pap, "PAP"},
    {AuthMethod::chap_md5, "CHAP-MD5"},
    {AuthMethod::mschap_v1, "MS-CHAPv1"},
    {AuthMethod::mschap_v2, "MS-CHAPv2"},
    {AuthMethod::eap_md5, "EAP-MD5"},
    {AuthMethod::eap_mschap_v2, "EAP-MS-CHAPv2"},
}};

bool iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto ca = static_cast<unsigned char>(a[i]);
    const auto cb = static_cast<unsigned char>(b[i]);
    if (std::tolower(ca) != std::tolower(cb)) return false;
  }
  return true;
}

}  // namespace

std::string_view to_string(AuthMethod m) {
  for (const auto& [method, name] : kNames)
    if (method == m) return name;
  return "unknown";
}

std::optional<AuthMethod> auth_method_from_name(std::string_view name) {
  for (const auto& [method, text] : kNames)
    if (iequal(text, name)) return method;
  return std::nullopt;
}

ts::ppp::AuthProtocol lcp_auth_protocol(AuthMethod m) {
  using ts::ppp::AuthProtocol;
  switch (m) {
    case AuthMethod::pap:
      return AuthProtocol{ts::ppp::kPap, 0};
    case AuthMethod::chap_md5:
      return AuthProtocol{ts::ppp::kChap, ts::ppp::kChapMd5};
    case AuthMethod::mschap_v1:
      return AuthProtocol{ts::ppp::kChap, ts::ppp::kChapMsV1};
    case AuthMethod::mschap_v2:
      return AuthProtocol{ts::ppp::kChap, ts::ppp::kChapMsV2};
    case AuthMethod::eap_md5:
    case AuthMethod::eap_mschap_v2:
      return AuthProtocol{ts::ppp::kEap, 0};
    case AuthMethod::none:
      break;
  }
  return AuthProtocol{};
}

std::optional<AuthMethod> auth_method_from_lcp(const ts::ppp::AuthProtocol& a, AuthMethod prefer) {
  switch (a.protocol) {
    case ts::ppp::kPap:
      return AuthMethod::pap;
    case ts::ppp::kEap:
      return is_eap(prefer) ? prefer : AuthMethod::eap_md5;
    case ts::ppp::kChap:
      switch (a.chap_algorithm) {
        case ts::ppp::kChapMd5:
          return AuthMethod::chap_md5;
        case ts::ppp::kChapMsV1:
          return AuthMethod::mschap_v1;
        case ts::ppp::kChapMsV2:
          return AuthMethod::mschap_v2;
        default:
          return std::nullopt;
      }
    default:
      return std::nullopt;
  }
}

std::uint16_t auth_ppp_protocol(AuthMethod m) { return lcp_auth_protocol(m).protocol; }

bool is_eap(AuthMethod m) { return m == AuthMethod::eap_md5 || m == AuthMethod::eap_mschap_v2; }

bool is_chap(AuthMethod m) {
  return m == AuthMethod::chap_md5 || m == AuthMethod::mschap_v1 || m == AuthMethod::mschap_v2;
}

AuthRole auth_packet_role(std::uint16_t protocol, ByteView info) {
  if (info.empty()) return AuthRole::none;
  const std::uint8_t code = info[0];
  switch (protocol) {
    case ts::ppp::kPap:
      if (code == ts::ppp::pap_code::kAuthenticateRequest) return AuthRole::authenticator;
      if (code == ts::ppp::pap_code::kAuthenticateAck ||
          code == ts::ppp::pap_code::kAuthenticateNak)
        return AuthRole::authenticatee;
      return AuthRole::none;
    case ts::ppp::kChap:
      if (code == ts::ppp::chap_code::kResponse) return AuthRole::authenticator;
      if (code == ts::ppp::chap_code::kChallenge || code == ts::ppp::chap_code::kSuccess ||
          code == ts::ppp::chap_code::kFailure)
        return AuthRole::authenticatee;
      return AuthRole::none;
    case ts::ppp::kEap:
      if (code == ts::ppp::eap_code::kResponse) return AuthRole::authenticator;
      if (code == ts::ppp::eap_code::kRequest || code == ts::ppp::eap_code::kSuccess ||
          code == ts::ppp::eap_code::kFailure)
        return AuthRole::authenticatee;
      return AuthRole::none;
    default:
      return AuthRole::none;
  }
}

std::string_view to_string(AuthOutcome o) {
  switch (o) {
    case AuthOutcome::pending:
      return "pending";
    case AuthOutcome::success:
      return "success";
    case AuthOutcome::failure:
      return "failure";
  }
  return "unknown";
}

}  // namespace ts::endpoints::ppp
