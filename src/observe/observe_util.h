#pragma once
// Small helpers shared by the observers.
#include <cstdint>
#include <optional>
#include <string>

#include "dissectors/l2tp/avp_table.h"
#include "dissectors/l2tp/avp_values.h"
#include "dissectors/l2tp/message.h"
#include "src/observe/model.h"

namespace ts::observe {

// "A" for side 0 (the initiator), "B" for side 1.
inline const char* side_name(int s) { return s == 0 ? "A" : "B"; }

// Typed value of an IETF L2TP AVP, or nullopt when absent, still hidden or malformed.
inline std::optional<std::uint16_t> avp_u16(const l2tp::Message& m, l2tp::AvpType t) {
  const l2tp::Avp* a = m.find(l2tp::to_u16(t));
  return a && a->value_known() ? l2tp::parse_u16(a->value()) : std::nullopt;
}
inline std::optional<std::uint32_t> avp_u32(const l2tp::Message& m, l2tp::AvpType t) {
  const l2tp::Avp* a = m.find(l2tp::to_u16(t));
  return a && a->value_known() ? l2tp::parse_u32(a->value()) : std::nullopt;
}
inline std::string avp_text(const l2tp::Message& m, l2tp::AvpType t) {
  const l2tp::Avp* a = m.find(l2tp::to_u16(t));
  return a && a->value_known() ? printable(a->value(), 128) : std::string();
}

// Counts one data packet's sequence number (L2TP data Ns, GRE sequence) into `q`, given
// the highest number seen so far from that sender. A late packet counts as reordered and
// takes back the loss counted when its gap opened.
template <typename Seq, typename Signed>
void count_sequence(SequenceStats& q, std::optional<Seq>& highest, Seq seq) {
  ++q.packets;
  if (highest) {
    const auto delta = static_cast<Signed>(seq - *highest);
    if (delta == 0) {
      ++q.duplicates;
    } else if (delta < 0) {
      ++q.reordered;
      if (q.lost) --q.lost;
    } else {
      q.lost += static_cast<std::uint64_t>(delta - 1);
    }
  }
  if (!highest || static_cast<Signed>(seq - *highest) > 0) highest = seq;
}

}  // namespace ts::observe
