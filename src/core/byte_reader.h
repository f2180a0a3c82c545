#pragma once
// ByteReader: bounds-checked big-endian reads over a ByteView with sticky failure.
//
// Contract: every read checks the remaining length. The first read that does not fit
// marks the reader failed, records the name of the field that ran out, and from then on
// every read returns 0 / an empty view without touching memory. Decoders read a whole
// structure and check ok() once, then report truncation() by name. Never throws.
#include <cstdint>
#include <string_view>

#include "src/core/bytes.h"

namespace ts {

class ByteReader {
 public:
  explicit ByteReader(ByteView data) : data_(data) {}

  std::uint8_t u8(std::string_view field) {
    if (!need(1, field)) return 0;
    return data_[pos_++];
  }
  std::uint16_t be16(std::string_view field) {
    if (!need(2, field)) return 0;
    const std::uint16_t v = static_cast<std::uint16_t>(data_[pos_] << 8 | data_[pos_ + 1]);
    pos_ += 2;
    return v;
  }
  std::uint32_t be24(std::string_view field) {
    if (!need(3, field)) return 0;
    const std::uint32_t v = std::uint32_t{data_[pos_]} << 16 | std::uint32_t{data_[pos_ + 1]} << 8 |
                            data_[pos_ + 2];
    pos_ += 3;
    return v;
  }
  std::uint32_t be32(std::string_view field) {
    if (!need(4, field)) return 0;
    const std::uint32_t v = std::uint32_t{data_[pos_]} << 24 | std::uint32_t{data_[pos_ + 1]} << 16 |
                            std::uint32_t{data_[pos_ + 2]} << 8 | data_[pos_ + 3];
    pos_ += 4;
    return v;
  }
  std::uint64_t be64(std::string_view field) {
    const std::uint64_t hi = be32(field);
    const std::uint64_t lo = be32(field);
    return ok() ? (hi << 32 | lo) : 0;
  }
  std::uint16_t le16(std::string_view field) {
    if (!need(2, field)) return 0;
    const std::uint16_t v = static_cast<std::uint16_t>(data_[pos_] | data_[pos_ + 1] << 8);
    pos_ += 2;
    return v;
  }
  std::uint32_t le32(std::string_view field) {
    if (!need(4, field)) return 0;
    const std::uint32_t v = data_[pos_] | std::uint32_t{data_[pos_ + 1]} << 8 |
                            std::uint32_t{data_[pos_ + 2]} << 16 | std::uint32_t{data_[pos_ + 3]} << 24;
    pos_ += 4;
    return v;
  }
  // n bytes as a view into the underlying buffer.
  ByteView take(std::size_t n, std::string_view field) {
    if (!need(n, field)) return {};
    const ByteView v = data_.subspan(pos_, n);
    pos_ += n;
    return v;
  }
  // Up to n bytes: never fails, returns fewer when fewer remain (for lenient decoding).
  ByteView take_up_to(std::size_t n) {
    if (failed_) return {};
    const std::size_t k = n < remaining() ? n : remaining();
    const ByteView v = data_.subspan(pos_, k);
    pos_ += k;
    return v;
  }
  void skip(std::size_t n, std::string_view field) { take(n, field); }
  // Everything left; never fails.
  ByteView rest() {
    if (failed_) return {};
    const ByteView v = data_.subspan(pos_);
    pos_ = data_.size();
    return v;
  }
  ByteView peek_rest() const { return failed_ ? ByteView{} : data_.subspan(pos_); }

  bool ok() const { return !failed_; }
  bool empty() const { return remaining() == 0; }
  std::size_t remaining() const { return failed_ ? 0 : data_.size() - pos_; }
  std::size_t offset() const { return pos_; }
  std::size_t size() const { return data_.size(); }
  // Name of the field that ran out of bytes, or empty while ok().
  std::string_view truncation() const { return failed_field_; }

 private:
  bool need(std::size_t n, std::string_view field) {
    if (failed_) return false;
    if (data_.size() - pos_ < n) {
      failed_ = true;
      failed_field_ = field;
      return false;
    }
    return true;
  }

  ByteView data_;
  std::size_t pos_ = 0;
  bool failed_ = false;
  std::string_view failed_field_;
};

}  // namespace ts
