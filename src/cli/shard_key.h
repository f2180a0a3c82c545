#pragma once
// shard_of: which worker of a sharded analysis (`analyze -j N` on one file,
// sharded_file.h) gets a frame. Everything the analysis relates must meet in one worker, so
// the key is the unordered pair of IP addresses of the packet, which both directions of a
// PPTP control connection and its enhanced GRE, and of an L2TP tunnel, share; the fragments
// of a datagram too. An ICMP error is keyed by the datagram it quotes (the analysis gives it
// to that tunnel). Frames without an IP header the gate decoded (PPPoE, serial PPP, ARP ...)
// all go to worker 0, so a PPP link and what it carries stay together. (Not covered: an ICMP
// error that is itself fragmented is keyed by its own addresses, so its tunnel, if it lives
// in another worker, does not see it.)
#include <cstddef>

#include "src/observe/frame_gate.h"

namespace ts::cli {

std::size_t shard_of(const observe::FrameVerdict& v, std::size_t workers);

}  // namespace ts::cli
