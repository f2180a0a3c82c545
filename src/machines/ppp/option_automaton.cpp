#include "src/machines/ppp/option_automaton.h"

#include <array>
#include <string>

namespace ts::machines::ppp {

namespace {

using S = State;
constexpr Cell X{false, 0, S::initial, 0};  // illegal transition ('-')
constexpr Cell c(std::uint16_t a, S n, char note = 0) { return Cell{true, a, n, note}; }

// Rows: events in RFC 1661 §4.3 order. Columns: states 0..9.
constexpr std::array<std::array<Cell, 10>, 16> kTable{{
    // Up
    {X, c(kIrc | kScr, S::req_sent), X, X, X, X, X, X, X, X},
    // Down
    {X, X, c(0, S::initial), c(kTls, S::starting), c(0, S::initial), c(0, S::starting), c(0, S::starting),
     c(0, S::starting), c(0, S::starting), c(kTld, S::starting)},
    // Open
    {c(kTls, S::starting), c(0, S::starting), c(kIrc | kScr, S::req_sent), c(0, S::stopped, 'r'),
     c(0, S::stopping, 'r'), c(0, S::stopping, 'r'), c(0, S::req_sent), c(0, S::ack_rcvd), c(0, S::ack_sent),
     c(0, S::opened, 'r')},
    // Close
    {c(0, S::initial), c(kTlf, S::initial), c(0, S::closed), c(0, S::closed), c(0, S::closing), c(0, S::closing),
     c(kIrc | kStr, S::closing), c(kIrc | kStr, S::closing), c(kIrc | kStr, S::closing),
     c(kTld | kIrc | kStr, S::closing)},
    // TO+
    {X, X, X, X, c(kStr, S::closing), c(kStr, S::stopping), c(kScr, S::req_sent), c(kScr, S::req_sent),
     c(kScr, S::ack_sent), X},
    // TO-
    {X, X, X, X, c(kTlf, S::closed), c(kTlf, S::stopped), c(kTlf, S::stopped, 'p'), c(kTlf, S::stopped, 'p'),
     c(kTlf, S::stopped, 'p'), X},
    // RCR+
    {X, X, c(kSta, S::closed), c(kIrc | kScr | kSca, S::ack_sent), c(0, S::closing), c(0, S::stopping),
     c(kSca, S::ack_sent), c(kSca | kTlu, S::opened), c(kSca, S::ack_sent), c(kTld | kScr | kSca, S::ack_sent)},
    // RCR-
    {X, X, c(kSta, S::closed), c(kIrc | kScr | kScn, S::req_sent), c(0, S::closing), c(0, S::stopping),
     c(kScn, S::req_sent), c(kScn, S::ack_rcvd), c(kScn, S::req_sent), c(kTld | kScr | kScn, S::req_sent)},
    // RCA
    {X, X, c(kSta, S::closed), c(kSta, S::stopped), c(0, S::closing), c(0, S::stopping), c(kIrc, S::ack_rcvd),
     c(kScr, S::req_sent, 'x'), c(kIrc | kTlu, S::opened), c(kTld | kScr, S::req_sent, 'x')},
    // RCN
    {X, X, c(kSta, S::closed), c(kSta, S::stopped), c(0, S::closing), c(0, S::stopping),
     c(kIrc | kScr, S::req_sent), c(kScr, S::req_sent, 'x'), c(kIrc | kScr, S::ack_sent),
     c(kTld | kScr, S::req_sent, 'x')},
    // RTR
    {X, X, c(kSta, S::closed), c(kSta, S::stopped), c(kSta, S::closing), c(kSta, S::stopping),
     c(kSta, S::req_sent), c(kSta, S::req_sent), c(kSta, S::req_sent), c(kTld | kZrc | kSta, S::stopping)},
    // RTA
    {X, X, c(0, S::closed), c(0, S::stopped), c(kTlf, S::closed), c(kTlf, S::stopped), c(0, S::req_sent),
     c(0, S::req_sent), c(0, S::ack_sent), c(kTld | kScr, S::req_sent)},
    // RUC
    {X, X, c(kScj, S::closed), c(kScj, S::stopped), c(kScj, S::closing), c(kScj, S::stopping),
     c(kScj, S::req_sent), c(kScj, S::ack_rcvd), c(kScj, S::ack_sent), c(kScj, S::opened)},
    // RXJ+
    {X, X, c(0, S::closed), c(0, S::stopped), c(0, S::closing), c(0, S::stopping), c(0, S::req_sent),
     c(0, S::req_sent), c(0, S::ack_sent), c(0, S::opened)},
    // RXJ-
    {X, X, c(kTlf, S::closed), c(kTlf, S::stopped), c(kTlf, S::closed), c(kTlf, S::stopped),
     c(kTlf, S::stopped), c(kTlf, S::stopped), c(kTlf, S::stopped), c(kTld | kIrc | kStr, S::stopping)},
    // RXR
    {X, X, c(0, S::closed), c(0, S::stopped), c(0, S::closing), c(0, S::stopping), c(0, S::req_sent),
     c(0, S::ack_rcvd), c(0, S::ack_sent), c(kSer, S::opened)},
}};

}  // namespace

Cell transition(State s, Event e) { return kTable[static_cast<int>(e)][static_cast<int>(s)]; }

std::string_view to_string(State s) {
  static constexpr std::array<std::string_view, 10> kNames{
      "Initial", "Starting", "Closed", "Stopped", "Closing", "Stopping", "Req-Sent", "Ack-Rcvd", "Ack-Sent", "Opened"};
  return kNames[static_cast<int>(s)];
}

std::string_view to_string(Event e) {
  static constexpr std::array<std::string_view, 16> kNames{"Up",  "Down", "Open", "Close", "TO+",  "TO-",
                                                           "RCR+", "RCR-", "RCA",  "RCN",  "RTR",  "RTA",
                                                           "RUC",  "RXJ+", "RXJ-", "RXR"};
  return kNames[static_cast<int>(e)];
}

std::string actions_to_string(std::uint16_t actions) {
  static constexpr std::array<std::string_view, 13> kNames{"tlu", "tld", "tls", "tlf", "irc", "zrc", "scr",
                                                           "sca", "scn", "str", "sta", "scj", "ser"};
  std::string out;
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (actions & (1u << i)) {
      if (!out.empty()) out += ",";
      out += kNames[i];
    }
  }
  return out;
}

}  // namespace ts::machines::ppp
