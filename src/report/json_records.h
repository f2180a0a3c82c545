#pragma once
// The records of `analyze --format json` (JSON Lines, schema in docs/json-schema.md): each
// function appends one complete line, a JSON object whose "record" names its type. Pure
// functions of their arguments: same input, same bytes.
#include <cstdint>
#include <string>

#include "src/observe/model.h"
#include "src/report/report_options.h"

namespace ts::report {

// Totals of the summary record (the last line).
struct JsonCounts {
  std::uint64_t connections = 0, calls = 0;
  std::uint64_t diagnostics = 0, errors = 0, warnings = 0, infos = 0;
};

void write_json_header(std::string& out, const observe::Analysis& a, const ReportOptions& o);
void write_json_packet(std::string& out, const observe::PacketRecord& p, const observe::Analysis& a,
                       const std::string& file);
void write_json_connection(std::string& out, const observe::Analysis& a, const observe::Connection& c);
void write_json_call(std::string& out, const observe::Analysis& a, const observe::Connection& c,
                     const observe::Call& call);
void write_json_ppp_link(std::string& out, const observe::Analysis& a, const observe::Connection& c,
                         const observe::Call& call);
void write_json_event(std::string& out, const observe::Analysis& a, const observe::Connection& c,
                      const observe::Event& e);
void write_json_diagnostic(std::string& out, const observe::Analysis& a, const observe::DiagRecord& d);
void write_json_summary(std::string& out, const observe::Analysis& a, const JsonCounts& n);

}  // namespace ts::report
