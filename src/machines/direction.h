#pragma once
// Role-agnostic state tables: a side's state changes on messages it sends and messages it
// receives. The same table drives a live endpoint (which looks up what it may send next),
// the simulator and the passive observer (which feeds each side both directions and flags
// what no row allows).
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace ts::machines {

enum class Direction : std::uint8_t { sent, received };

inline std::string_view to_string(Direction d) { return d == Direction::sent ? "sent" : "received"; }

// One row: in `from` (or any state when from_any), `dir` of `message` moves to `to`.
template <typename State>
struct Transition {
  State from;
  bool from_any;
  Direction dir;
  std::uint16_t message;
  State to;
  std::string_view clause;  // the RFC clause whose table this row comes from
};

template <typename State>
struct Step {
  bool legal = false;
  State next{};
  std::string_view clause;  // the row's clause, or the table's clause when illegal
};

// First matching row wins (specific rows are listed before any-state rows). When no row
// matches, the step is illegal and the state is unchanged: the observer reports it and
// keeps following the conversation.
template <typename State>
Step<State> step(std::span<const Transition<State>> table, std::string_view table_clause, State s,
                 Direction d, std::uint16_t message) {
  for (const auto& t : table) {
    if ((t.from_any || t.from == s) && t.dir == d && t.message == message) return {true, t.to, t.clause};
  }
  return {false, s, table_clause};
}

// Where a side whose state is unknown (the capture started late) most plausibly is after
// `message`: the target of the first row for (dir, message) in any state.
template <typename State>
std::optional<State> learn_state(std::span<const Transition<State>> table, Direction d, std::uint16_t message) {
  for (const auto& t : table)
    if (t.dir == d && t.message == message) return t.to;
  return std::nullopt;
}

}  // namespace ts::machines
