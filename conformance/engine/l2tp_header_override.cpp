#include "conformance/engine/l2tp_header_override.h"

#include <fmt/format.h>

#include "conformance/engine/text_number.h"

namespace ts::conformance {

bool L2tpHeaderOverride::handles(const std::string& key) {
  return key == "flags" || key == "version" || key == "length";
}

Result<bool> L2tpHeaderOverride::take(const std::string& key, const std::string& value) {
  const auto v = parse_number(value);
  const std::uint64_t max = key == "version" ? 0xf : 0xffff;
  if (!v || *v > max) return Error{"bad value '" + value + "' for " + key};
  if (key == "flags") flags_ = static_cast<std::uint16_t>(*v);
  else if (key == "version") version_ = static_cast<std::uint8_t>(*v);
  else length_ = static_cast<std::uint16_t>(*v);
  return true;
}

void L2tpHeaderOverride::apply(Bytes& d) const {
  if (d.size() < 4) return;
  if (flags_) {
    d[0] = static_cast<std::uint8_t>(*flags_ >> 8);
    d[1] = static_cast<std::uint8_t>(*flags_ & 0xff);
  }
  // Ver is the low nibble of the second octet (§3.1, Figure 3.1).
  if (version_) d[1] = static_cast<std::uint8_t>((d[1] & 0xf0) | *version_);
  if (length_) {
    d[2] = static_cast<std::uint8_t>(*length_ >> 8);
    d[3] = static_cast<std::uint8_t>(*length_ & 0xff);
  }
}

std::string L2tpHeaderOverride::describe() const {
  std::string out;
  if (flags_) out += fmt::format(" flags=0x{:04x}", *flags_);
  if (version_) out += fmt::format(" version={}", *version_);
  if (length_) out += fmt::format(" length={}", *length_);
  return out;
}

}  // namespace ts::conformance
