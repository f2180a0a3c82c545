#pragma once
// RecordSpool: an append-only sequence of text records set aside until the end of a
// streaming report (summary table rows, capture-level diagnostics), so that the report need
// not keep them in memory while the capture is read. Records may hold any bytes, newlines
// included. The report layer only knows the interface; `tunnelscope analyze` gives it
// spools backed by temporary files (src/cli/temp_file_spool.h), tests use memory.
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ts::report {

class RecordSpool {
 public:
  virtual ~RecordSpool() = default;
  virtual void append(std::string_view record) = 0;
  // Calls `fn` with every record in the order they were appended. May be called more than
  // once; append after replay is allowed. A storage failure is reported by failed().
  virtual void replay(const std::function<void(std::string_view)>& fn) = 0;
  virtual bool failed() const { return false; }
};

using SpoolFactory = std::function<std::unique_ptr<RecordSpool>()>;

// Keeps the records in memory: for tests and small reports.
class MemoryRecordSpool final : public RecordSpool {
 public:
  void append(std::string_view record) override { records_.emplace_back(record); }
  void replay(const std::function<void(std::string_view)>& fn) override {
    for (const auto& r : records_) fn(r);
  }

 private:
  std::vector<std::string> records_;
};

inline SpoolFactory memory_spools() {
  return [] { return std::make_unique<MemoryRecordSpool>(); };
}

}  // namespace ts::report
