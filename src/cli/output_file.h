#pragma once
// OutputFile: standard output or a named file, written through a large buffer.
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "src/core/result.h"

namespace ts::cli {

class OutputFile {
 public:
  // Empty path or "-" means standard output.
  static Result<std::unique_ptr<OutputFile>> open(const std::string& path);
  ~OutputFile();
  void write(std::string_view s);
  // Passes what was written on to the file or pipe now (live output).
  void flush();
  bool close();  // false when any write failed

 private:
  std::FILE* f_ = nullptr;
  bool owned_ = false;
  bool failed_ = false;
};

}  // namespace ts::cli
