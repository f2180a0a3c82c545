#include "dissectors/l2tp/tunnel_auth.h"

#include "dissectors/l2tp/hiding.h"

namespace ts::l2tp {

Bytes challenge_response(std::uint8_t message_type_value, std::string_view secret, ByteView challenge) {
  // RFC 2661 §4.4.3: the CHAP ID octet is the Message Type value of the responding message.
  const std::uint8_t id[1] = {message_type_value};
  return md5({ByteView{id}, as_bytes(secret), challenge});
}

}  // namespace ts::l2tp
