#include "src/observe/ppp_auth_check.h"

#include <algorithm>

#include "dissectors/ppp/mschap.h"

namespace ts::observe {

namespace {
template <typename Array>
bool same(const std::optional<Array>& computed, ByteView b) {
  return computed && computed->size() == b.size() && std::equal(computed->begin(), computed->end(), b.begin());
}
}  // namespace

std::optional<bool> verify_chap_md5(std::uint8_t id, std::string_view password, ByteView challenge,
                                    ByteView response) {
  if (challenge.empty() || response.size() != 16) return std::nullopt;
  return same(ppp::mschap::chap_md5_response(id, as_bytes(password), challenge), response);
}

std::optional<bool> verify_mschap_v2_response(ByteView authenticator_challenge, ByteView peer_challenge,
                                              std::string_view user, std::string_view password,
                                              ByteView nt_response) {
  if (authenticator_challenge.size() != 16 || peer_challenge.size() != 16 || nt_response.size() != 24)
    return std::nullopt;
  return same(ppp::mschap::generate_nt_response(authenticator_challenge, peer_challenge, user, password),
              nt_response);
}

std::optional<bool> verify_mschap_v2_authenticator(ByteView authenticator_challenge, ByteView peer_challenge,
                                                   std::string_view user, std::string_view password,
                                                   ByteView nt_response, std::string_view s_response) {
  if (authenticator_challenge.size() != 16 || peer_challenge.size() != 16 || nt_response.size() != 24 ||
      s_response.empty())
    return std::nullopt;
  return ppp::mschap::check_authenticator_response(password, nt_response, peer_challenge, authenticator_challenge,
                                                   user, s_response);
}

std::optional<bool> verify_mschap_v1_response(ByteView challenge, std::string_view password, ByteView nt_response) {
  if (challenge.size() != 8 || nt_response.size() != 24) return std::nullopt;
  return same(ppp::mschap::nt_challenge_response(challenge, password), nt_response);
}

}  // namespace ts::observe
