#pragma once
// EAP method helpers shared by both roles: the EAP Type of a method and the Type-Data of
// an MD5-Challenge (RFC 3748 §5.4: Value-Size, Value, Name; the eap.h codec decodes it).
#include <cstdint>
#include <optional>
#include <string_view>

#include "src/core/bytes.h"
#include "src/endpoints/ppp/auth_types.h"

namespace ts::endpoints::ppp {

// 4 for eap_md5, 26 for eap_mschap_v2, 0 otherwise.
std::uint8_t eap_type_of(AuthMethod m);
// The EAP method for a Type (4, 26), nullopt otherwise.
std::optional<AuthMethod> eap_method_of_type(std::uint8_t type);
// Value-Size(1) Value Name (Value cut at 255 octets).
Bytes eap_md5_data(ByteView value, std::string_view name);

}  // namespace ts::endpoints::ppp
