#include "src/cli/temp_file_spool.h"

#include <cstdint>
#include <string>

namespace ts::cli {

TempFileSpool::TempFileSpool() : f_(std::tmpfile()), failed_(f_ == nullptr) {}

TempFileSpool::~TempFileSpool() {
  if (f_) std::fclose(f_);
}

void TempFileSpool::append(std::string_view record) {
  if (failed_) return;
  const auto n = static_cast<std::uint32_t>(record.size());
  const unsigned char len[4] = {static_cast<unsigned char>(n >> 24), static_cast<unsigned char>(n >> 16),
                                static_cast<unsigned char>(n >> 8), static_cast<unsigned char>(n)};
  if (record.size() > UINT32_MAX || std::fwrite(len, 1, 4, f_) != 4 ||
      std::fwrite(record.data(), 1, record.size(), f_) != record.size())
    failed_ = true;
}

void TempFileSpool::replay(const std::function<void(std::string_view)>& fn) {
  if (failed_ || std::fflush(f_) != 0 || std::fseek(f_, 0, SEEK_SET) != 0) {
    failed_ = true;
    return;
  }
  std::string record;
  unsigned char len[4];
  while (std::fread(len, 1, 4, f_) == 4) {
    const std::size_t n = std::size_t{len[0]} << 24 | std::size_t{len[1]} << 16 | std::size_t{len[2]} << 8 | len[3];
    record.resize(n);
    if (std::fread(record.data(), 1, n, f_) != n) {
      failed_ = true;
      break;
    }
    fn(record);
  }
  if (std::ferror(f_) || std::fseek(f_, 0, SEEK_END) != 0) failed_ = true;
}

}  // namespace ts::cli
