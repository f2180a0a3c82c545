#include "src/endpoints/ppp/eap_method.h"

#include <algorithm>

#include "dissectors/ppp/eap.h"

namespace ts::endpoints::ppp {

std::uint8_t eap_type_of(AuthMethod m) {
  if (m == AuthMethod::eap_md5) return ts::ppp::eap_type::kMd5Challenge;
  if (m == AuthMethod::eap_mschap_v2) return ts::ppp::eap_type::kMsChapV2;
  return 0;
}

std::optional<AuthMethod> eap_method_of_type(std::uint8_t type) {
  if (type == ts::ppp::eap_type::kMd5Challenge) return AuthMethod::eap_md5;
  if (type == ts::ppp::eap_type::kMsChapV2) return AuthMethod::eap_mschap_v2;
  return std::nullopt;
}

Bytes eap_md5_data(ByteView value, std::string_view name) {
  const std::size_t n = std::min<std::size_t>(value.size(), 255);
  Bytes out(1 + n + name.size());
  out[0] = static_cast<std::uint8_t>(n);
  std::copy_n(value.begin(), n, out.begin() + 1);
  std::copy(name.begin(), name.end(), out.begin() + 1 + static_cast<std::ptrdiff_t>(n));
  return out;
}

}  // namespace ts::endpoints::ppp
