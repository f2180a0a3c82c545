#pragma once
// address_pair_bucket: which of kAddressPairBuckets a frame's unordered pair of IP addresses
// falls in. The unit of locality of the analysis: both directions of a PPTP control
// connection and its enhanced GRE, of an L2TP tunnel, the fragments of a datagram and a
// captured-twice copy of a packet all share their pair. An ICMP error counts for the datagram
// it quotes (the analysis hands it to that tunnel). Frames without IPv4 or IPv6 (PPPoE,
// serial PPP, ARP ...) and cut frames all fall in bucket 0, so a PPP link and what it
// carries stay together.
//
// Used twice, and it must be the same function both times: by the FrameGate, whose duplicate
// check compares a frame with the recent frames of its bucket, and by the sharded analysis
// (src/cli/sharded_file.h), which gives every bucket to one worker. A fast path reads plain
// Ethernet/IPv4 in place; anything else goes through the link-layer decoder.
// (Not covered: an ICMP error that is itself fragmented counts for its own addresses.)
#include <cstddef>
#include <cstdint>

#include "src/core/bytes.h"

namespace ts::observe {

constexpr std::size_t kAddressPairBuckets = 1024;

std::size_t address_pair_bucket(std::uint32_t linktype, ByteView frame);

}  // namespace ts::observe
