#pragma once
// JSON Lines output of `analyze` (schema in docs/json-schema.md): one object per line,
// each with "record" naming its type: analysis, connection, call, ppp_link, event,
// diagnostic, packet, summary. Pure functions of the model: same model, same bytes.
#include <string>

#include "src/observe/model.h"
#include "src/report/report_options.h"

namespace ts::report {

// The header record, first line of the output.
std::string json_header(const observe::Analysis& a, const ReportOptions& o);
// One packet record (streamed while reading, before the connections are known complete).
std::string json_packet(const observe::PacketRecord& p, const observe::Analysis& a, const std::string& file);
// Everything after the packets: connections, calls, PPP links, events, diagnostics, summary.
std::string json_body(const observe::Analysis& a, const ReportOptions& o);

}  // namespace ts::report
