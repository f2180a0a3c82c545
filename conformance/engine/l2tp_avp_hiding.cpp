#include "conformance/engine/l2tp_avp_hiding.h"

#include <random>

namespace ts::conformance {

Result<bool> L2tpAvpHiding::take(const std::vector<std::string>& keys, bool deliberate) {
  for (const auto& key : keys) {
    const auto* info = l2tp::find_avp_info_by_key(key);
    if (!info) return Error{"hide: unknown AVP '" + key + "'"};
    // §4.3: only AVPs whose clause allows it may be hidden; hiding another is a violation.
    if (!info->may_hide && !deliberate)
      return Error{"hide: RFC 2661 does not let " + key + " be hidden: write !hide= to do it on purpose"};
    hidden_.push_back(info);
  }
  return true;
}

Result<bool> L2tpAvpHiding::apply(l2tp::Message& msg, const std::string& secret, std::uint64_t index,
                                  l2tp::EncodeOptions& options, Bytes& vector) {
  if (hidden_.empty()) return true;
  if (secret.empty()) return Error{"hide needs the shared secret: the script must say `requires tunnel-auth`"};
  for (const auto* info : hidden_) {
    bool found = false;
    for (auto& a : msg.avps)
      if (a.vendor_id == 0 && a.attribute_type == info->type) a.hidden = found = true;
    if (!found) return Error{"hide: the message carries no " + std::string(info->key)};
  }
  std::mt19937_64 gen(0x5eed0000 + index);
  vector.clear();
  for (int i = 0; i < 2; ++i) {
    const std::uint64_t r = gen();
    for (int b = 0; b < 8; ++b) vector.push_back(static_cast<std::uint8_t>(r >> (8 * b)));
  }
  options.secret = secret;
  options.random_vector = vector;
  return true;
}

}  // namespace ts::conformance
