// Method names, the LCP Authentication-Protocol mapping, packet routing by role, and the
// diagnostics table.
#include "src/endpoints/ppp/auth_types.h"

#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "dissectors/ppp/lcp_options.h"
#include "dissectors/ppp/ppp_protocols.h"
#include "src/endpoints/ppp/auth_diagnostics.h"

using namespace ts::endpoints::ppp;

TEST_CASE("auth types: method names round-trip, case-insensitively") {
  for (AuthMethod m :
       {AuthMethod::none, AuthMethod::pap, AuthMethod::chap_md5, AuthMethod::mschap_v1,
        AuthMethod::mschap_v2, AuthMethod::eap_md5, AuthMethod::eap_mschap_v2}) {
    CAPTURE(to_string(m));
    CHECK(auth_method_from_name(to_string(m)) == m);
  }
  CHECK(to_string(AuthMethod::mschap_v2) == "MS-CHAPv2");
  CHECK(to_string(AuthMethod::eap_mschap_v2) == "EAP-MS-CHAPv2");
  CHECK(auth_method_from_name("ms-chapV2") == AuthMethod::mschap_v2);
  CHECK(auth_method_from_name("chap-md5") == AuthMethod::chap_md5);
  CHECK_FALSE(auth_method_from_name("CHAP"));
  CHECK_FALSE(auth_method_from_name(""));
}

TEST_CASE("auth types: LCP Authentication-Protocol option and back") {
  CHECK(lcp_auth_protocol(AuthMethod::pap).protocol == 0xC023);
  CHECK(lcp_auth_protocol(AuthMethod::chap_md5).protocol == 0xC223);
  CHECK(lcp_auth_protocol(AuthMethod::chap_md5).chap_algorithm == 5);
  CHECK(lcp_auth_protocol(AuthMethod::mschap_v1).chap_algorithm == 0x80);
  CHECK(lcp_auth_protocol(AuthMethod::mschap_v2).chap_algorithm == 0x81);
  CHECK(lcp_auth_protocol(AuthMethod::eap_md5).protocol == 0xC227);
  CHECK(lcp_auth_protocol(AuthMethod::eap_mschap_v2).protocol == 0xC227);
  CHECK(lcp_auth_protocol(AuthMethod::none).protocol == 0);
  for (AuthMethod m :
       {AuthMethod::pap, AuthMethod::chap_md5, AuthMethod::mschap_v1, AuthMethod::mschap_v2}) {
    CHECK(auth_method_from_lcp(lcp_auth_protocol(m)) == m);
  }
  const ts::ppp::AuthProtocol eap{0xC227, 0};
  CHECK(auth_method_from_lcp(eap) == AuthMethod::eap_md5);
  CHECK(auth_method_from_lcp(eap, AuthMethod::eap_mschap_v2) == AuthMethod::eap_mschap_v2);
  CHECK(auth_method_from_lcp(eap, AuthMethod::mschap_v2) == AuthMethod::eap_md5);
  CHECK_FALSE(auth_method_from_lcp({0xC223, 0x12}));
  CHECK_FALSE(auth_method_from_lcp({0xC025, 0}));
}

TEST_CASE("auth types: packets are routed to the role that handles their Code") {
  const ts::Bytes request{1, 1, 0, 4};
  const ts::Bytes response{2, 1, 0, 4};
  const ts::Bytes success{3, 1, 0, 4};
  CHECK(auth_packet_role(ts::ppp::kPap, request) == AuthRole::authenticator);
  CHECK(auth_packet_role(ts::ppp::kPap, response) == AuthRole::authenticatee);
  CHECK(auth_packet_role(ts::ppp::kChap, request) == AuthRole::authenticatee);
  CHECK(auth_packet_role(ts::ppp::kChap, response) == AuthRole::authenticator);
  CHECK(auth_packet_role(ts::ppp::kChap, success) == AuthRole::authenticatee);
  CHECK(auth_packet_role(ts::ppp::kEap, request) == AuthRole::authenticatee);
  CHECK(auth_packet_role(ts::ppp::kEap, response) == AuthRole::authenticator);
  CHECK(auth_packet_role(ts::ppp::kLcp, request) == AuthRole::none);
  CHECK(auth_packet_role(ts::ppp::kEap, {}) == AuthRole::none);
}

TEST_CASE("auth diagnostics: registered, ids unique and in the ppp.authn namespace") {
  std::set<std::string> ids;
  for (const auto* d : ts::all_diagnostic_defs()) {
    CHECK(ids.insert(std::string(d->id)).second);
  }
  for (const auto* d : diag::all_defs()) {
    CAPTURE(d->id);
    CHECK(ids.count(std::string(d->id)) == 1);
    CHECK(d->id.rfind("ppp.authn.", 0) == 0);
    CHECK_FALSE(d->clause.empty());
  }
}
