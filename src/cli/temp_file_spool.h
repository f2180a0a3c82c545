#pragma once
// TempFileSpool: a RecordSpool kept in an anonymous temporary file (std::tmpfile, removed
// when closed), so that a streaming report sets its summary rows aside on disk instead of in
// memory. Records are stored as a 4-byte length and the bytes. If the file cannot be
// created or written, failed() turns true (the caller reports it as an environment error).
#include <cstdio>

#include "src/report/record_spool.h"

namespace ts::cli {

class TempFileSpool final : public report::RecordSpool {
 public:
  TempFileSpool();
  ~TempFileSpool() override;
  TempFileSpool(const TempFileSpool&) = delete;
  TempFileSpool& operator=(const TempFileSpool&) = delete;

  void append(std::string_view record) override;
  void replay(const std::function<void(std::string_view)>& fn) override;
  bool failed() const override { return failed_; }

 private:
  std::FILE* f_ = nullptr;
  bool failed_ = false;
};

inline report::SpoolFactory temp_file_spools() {
  return [] { return std::make_unique<TempFileSpool>(); };
}

}  // namespace ts::cli
