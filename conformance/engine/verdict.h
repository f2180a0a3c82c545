#pragma once
// Verdicts of conformance runs (docs/conformance-scripts.md): pass, fail, inconclusive (the
// script could not apply: a feature the profile lacks), error (the script or the
// environment broke: never the device's fault). Each says in one sentence what was expected
// and what came, with the script line, and names the checks the script decides.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ts::conformance {

enum class Outcome : std::uint8_t { pass, fail, inconclusive, error };

inline std::string_view to_string(Outcome o) {
  switch (o) {
    case Outcome::pass: return "pass";
    case Outcome::fail: return "fail";
    case Outcome::inconclusive: return "inconclusive";
    case Outcome::error: return "error";
  }
  return "?";
}

struct Verdict {
  std::string script;               // file
  std::vector<std::string> checks;  // the script's check ids
  Outcome outcome = Outcome::error;
  int line = 0;                     // the step that decided a fail/error (0: none)
  std::string reason;               // one sentence
  double seconds = 0;               // script time when it ended
  std::string target;               // live runs: the device's name or address
  std::vector<std::string> artefacts;  // files written for this run (pcap, timeline)
};

}  // namespace ts::conformance
