#pragma once
// Human-readable output of `analyze`: per connection a timeline (messages, state changes
// and diagnostics in time order), then summary tables of connections, calls/sessions and
// PPP links, then the diagnostics by id. Pure function of the model.
#include <string>

#include "src/observe/model.h"
#include "src/report/report_options.h"

namespace ts::report {

std::string text_report(const observe::Analysis& a, const ReportOptions& o);
// One line per decoded frame for `--packets` in text mode.
std::string text_packet(const observe::PacketRecord& p, const observe::Analysis& a);

}  // namespace ts::report
