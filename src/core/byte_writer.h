#pragma once
// ByteWriter: appends big-endian fields to an owned buffer; patch_* fill in lengths
// once the rest of a structure is known. Writing past the buffer cannot happen: it grows.
#include <cstdint>
#include <string_view>

#include "src/core/bytes.h"

namespace ts {

class ByteWriter {
 public:
  ByteWriter() = default;
  explicit ByteWriter(std::size_t reserve) { buf_.reserve(reserve); }

  ByteWriter& u8(std::uint8_t v) {
    buf_.push_back(v);
    return *this;
  }
  ByteWriter& be16(std::uint16_t v) {
    buf_.push_back(static_cast<std::uint8_t>(v >> 8));
    buf_.push_back(static_cast<std::uint8_t>(v));
    return *this;
  }
  ByteWriter& be24(std::uint32_t v) {
    buf_.push_back(static_cast<std::uint8_t>(v >> 16));
    return be16(static_cast<std::uint16_t>(v));
  }
  ByteWriter& be32(std::uint32_t v) {
    be16(static_cast<std::uint16_t>(v >> 16));
    return be16(static_cast<std::uint16_t>(v));
  }
  ByteWriter& be64(std::uint64_t v) {
    be32(static_cast<std::uint32_t>(v >> 32));
    return be32(static_cast<std::uint32_t>(v));
  }
  ByteWriter& le16(std::uint16_t v) {
    buf_.push_back(static_cast<std::uint8_t>(v));
    buf_.push_back(static_cast<std::uint8_t>(v >> 8));
    return *this;
  }
  ByteWriter& le32(std::uint32_t v) {
    le16(static_cast<std::uint16_t>(v));
    return le16(static_cast<std::uint16_t>(v >> 16));
  }
  ByteWriter& bytes(ByteView v) {
    buf_.insert(buf_.end(), v.begin(), v.end());
    return *this;
  }
  ByteWriter& text(std::string_view s) { return bytes(as_bytes(s)); }
  // Fixed-size field: s cut or zero-padded to n bytes (PPTP host name, vendor, ...).
  ByteWriter& padded(std::string_view s, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) buf_.push_back(i < s.size() ? static_cast<std::uint8_t>(s[i]) : 0);
    return *this;
  }
  ByteWriter& zeros(std::size_t n) {
    buf_.insert(buf_.end(), n, 0);
    return *this;
  }

  void patch_u8(std::size_t at, std::uint8_t v) { buf_.at(at) = v; }
  void patch_be16(std::size_t at, std::uint16_t v) {
    buf_.at(at) = static_cast<std::uint8_t>(v >> 8);
    buf_.at(at + 1) = static_cast<std::uint8_t>(v);
  }
  void patch_be32(std::size_t at, std::uint32_t v) {
    patch_be16(at, static_cast<std::uint16_t>(v >> 16));
    patch_be16(at + 2, static_cast<std::uint16_t>(v));
  }

  std::size_t size() const { return buf_.size(); }
  const Bytes& data() const { return buf_; }
  Bytes take() { return std::move(buf_); }

 private:
  Bytes buf_;
};

}  // namespace ts
