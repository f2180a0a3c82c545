#pragma once
// What the user tells the analyzer beyond the capture itself.
#include <chrono>
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
  // Streaming only (an AnalysisSink given): a connection that saw no frame for this long
  // (capture time) is finished even without a teardown, reported and freed; a later frame
  // of it starts a new connection. Zero: only teardown and the end of the input finish one.
  std::chrono::seconds idle_timeout{600};
};

// Streaming only: a connection whose teardown completed (Connection::ended) is finished once
// it has been quiet this long, so late retransmissions and acknowledgements still join it.
// RFC 2661 §5.7: the receiver of a StopCCN keeps the tunnel's state for a full
// retransmission cycle (31 s recommended); a minute covers that and a PPTP TCP close.
inline constexpr std::chrono::seconds kTeardownLinger{60};

}  // namespace ts::observe
