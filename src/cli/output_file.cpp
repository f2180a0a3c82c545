#include "src/cli/output_file.h"

#include <cerrno>
#include <cstring>

namespace ts::cli {

Result<std::unique_ptr<OutputFile>> OutputFile::open(const std::string& path) {
  std::unique_ptr<OutputFile> o(new OutputFile());
  if (path.empty() || path == "-") {
    o->f_ = stdout;
  } else {
    o->f_ = std::fopen(path.c_str(), "wb");
    if (!o->f_) return Error{path + ": " + std::strerror(errno)};
    o->owned_ = true;
  }
  return o;
}

OutputFile::~OutputFile() { close(); }

void OutputFile::write(std::string_view s) {
  if (f_ && !s.empty() && std::fwrite(s.data(), 1, s.size(), f_) != s.size()) failed_ = true;
}

void OutputFile::flush() {
  if (f_ && std::fflush(f_) != 0) failed_ = true;
}

bool OutputFile::close() {
  if (!f_) return !failed_;
  if (std::fflush(f_) != 0) failed_ = true;
  if (owned_ && std::fclose(f_) != 0) failed_ = true;
  f_ = nullptr;
  return !failed_;
}

}  // namespace ts::cli
