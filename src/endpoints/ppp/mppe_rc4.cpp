#include "src/endpoints/ppp/mppe_rc4.h"

#include <cassert>
#include <utility>

namespace ts::endpoints::ppp {

void MppeRc4::reset(ByteView key) {
  assert(!key.empty() && key.size() <= 256);
  for (std::size_t k = 0; k < s_.size(); ++k) s_[k] = static_cast<std::uint8_t>(k);
  std::uint8_t j = 0;
  for (std::size_t k = 0; k < s_.size(); ++k) {
    j = static_cast<std::uint8_t>(j + s_[k] + key[k % key.size()]);
    std::swap(s_[k], s_[j]);
  }
  i_ = 0;
  j_ = 0;
}

void MppeRc4::apply(std::span<std::uint8_t> data) {
  for (auto& octet : data) {
    i_ = static_cast<std::uint8_t>(i_ + 1);
    j_ = static_cast<std::uint8_t>(j_ + s_[i_]);
    std::swap(s_[i_], s_[j_]);
    octet ^= s_[static_cast<std::uint8_t>(s_[i_] + s_[j_])];
  }
}

Bytes MppeRc4::apply(ByteView data) {
  Bytes out(data.begin(), data.end());
  apply(std::span<std::uint8_t>(out));
  return out;
}

}  // namespace ts::endpoints::ppp
