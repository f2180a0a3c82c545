#pragma once
// TextTables: the summary tables at the end of the text report (Connections, Control
// channels, Calls and sessions, Data, PPP links). add() turns one finished connection into
// its rows and sets them aside in spools; write() prints the tables, rows in the order the
// connections were added. Memory: the spools (on disk in `analyze`) and one column width.
#include <cstddef>
#include <memory>
#include <string>

#include "src/observe/model.h"
#include "src/report/record_spool.h"

namespace ts::report {

class TextTables {
 public:
  explicit TextTables(const SpoolFactory& make_spool);
  void add(const observe::Analysis& a, const observe::Connection& c);
  // Appends the five tables to `out`, calling `flush` after each row so `out` stays small.
  void write(std::string& out, const std::function<void()>& flush);
  bool failed() const;

 private:
  std::unique_ptr<RecordSpool> connections_, control_, calls_, data_, ppp_;
  std::size_t side_width_ = 14;  // Connections: side columns as wide as the longest label
};

}  // namespace ts::report
