#pragma once
// What the user tells the analyzer beyond the capture itself.
#include <string>
#include <utility>
#include <vector>

namespace ts::observe {

struct AnalyzerOptions {
  // Shared secrets tried for L2TP hidden AVPs and tunnel authentication (RFC 2661 §4.2, §4.3).
  std::vector<std::string> l2tp_secrets;
  // user -> password, for checking CHAP / MS-CHAP responses.
  std::vector<std::pair<std::string, std::string>> ppp_credentials;
  // Build one PacketRecord per frame (--packets).
  bool packets = false;
};

}  // namespace ts::observe
