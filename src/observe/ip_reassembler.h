#pragma once
// IpReassembler: rebuilds fragmented IPv4 (RFC 791 §3.2) and IPv6 (RFC 8200 §4.5)
// datagrams from their fragments. Sans-I/O: time comes in as `now`, never from a clock.
//
// Contract
// - Datagrams are keyed by (src, dst, protocol, identification); IPv4 and IPv6 keys never
//   collide (the address family is part of the key). For IPv6 pass the Fragment header's
//   Next Header as protocol.
// - add() copies the fragment's bytes (the view may die after the call) and returns the
//   whole upper-layer payload (offset 0 .. end of the last fragment) once every byte is
//   present, in any arrival order. Unfragmented packets must not be passed in.
// - Duplicates are ignored. Overlaps with *different* bytes: IPv4 keeps the first bytes
//   and reports net.ipv4.fragment_overlap; IPv6 drops the whole datagram and reports
//   net.ipv6.fragment_overlap (RFC 8200 §4.5). Inconsistent ends, data past the last
//   fragment, a non-last fragment whose size is not a multiple of 8, or a datagram past
//   65535 octets: the fragment is ignored with net.ipv4.fragment_bad_length.
// - Memory is bounded: at most limits.max_datagrams pending datagrams and
//   limits.max_bytes buffered bytes; beyond that the oldest pending datagram is dropped
//   with capture.ip_fragments_evicted.
// - expire(now) drops datagrams whose first fragment is older than limits.timeout with
//   capture.ip_fragments_incomplete; add() does the same for the datagram it touches.
//   flush() reports and drops everything pending (end of capture). Both report the
//   datagrams they drop in the order of their diagnostic text (not the map's order).
// - Diagnostics are appended to the `out` given per call.
#include <chrono>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "dissectors/net/ip_address.h"
#include "dissectors/net/ipv4.h"
#include "dissectors/net/ipv6.h"
#include "src/core/bytes.h"
#include "src/core/diagnostic.h"
#include "src/core/time.h"

namespace ts::observe {

namespace diag {
extern const DiagnosticDef kIpFragmentsIncomplete;  // capture.ip_fragments_incomplete
extern const DiagnosticDef kIpFragmentsEvicted;     // capture.ip_fragments_evicted
}  // namespace diag

struct FragmentKey {
  net::IpAddress src;
  net::IpAddress dst;
  std::uint8_t protocol = 0;
  std::uint32_t id = 0;  // IPv4 Identification (16 bits) or IPv6 Identification (32 bits)
  friend bool operator==(const FragmentKey&, const FragmentKey&) = default;
};

struct FragmentKeyHash {
  std::size_t operator()(const FragmentKey& k) const noexcept;
};

struct Fragment {
  FragmentKey key;
  std::uint32_t offset_bytes = 0;  // fragment offset * 8
  bool more_fragments = false;
  ByteView data;                   // the fragment's payload (after the IP header)
};

// The Fragment of a decoded IPv4 fragment (is_fragment()) or IPv6 packet with a Fragment
// header (fragment.present); `data` views the header's payload.
Fragment fragment_of(const net::Ipv4Header& h);
Fragment fragment_of(const net::Ipv6Header& h);

struct IpReassemblerLimits {
  Duration timeout = std::chrono::seconds(30);
  std::size_t max_datagrams = 4096;
  std::size_t max_bytes = 32u << 20;
};

struct IpReassemblerCounters {
  std::uint64_t fragments = 0;
  std::uint64_t completed = 0;
  std::uint64_t duplicates = 0;
  std::uint64_t overlaps = 0;
  std::uint64_t bad_fragments = 0;
  std::uint64_t expired = 0;
  std::uint64_t evicted = 0;
};

class IpReassembler {
 public:
  explicit IpReassembler(IpReassemblerLimits limits = {}) : limits_(limits) {}

  std::optional<Bytes> add(const Fragment& f, Instant now, Diagnostics& out);
  void expire(Instant now, Diagnostics& out);
  void flush(Diagnostics& out);

  std::size_t pending_datagrams() const { return pending_.size(); }
  std::size_t pending_bytes() const { return bytes_; }
  const IpReassemblerCounters& counters() const { return counters_; }

 private:
  struct Pending {
    Instant first_seen{};
    Bytes data;                                              // sized to the highest end seen
    std::vector<std::pair<std::uint32_t, std::uint32_t>> have;  // sorted disjoint [begin, end)
    std::uint32_t total = 0;
    bool total_known = false;
  };
  using Map = std::unordered_map<FragmentKey, Pending, FragmentKeyHash>;

  // Returns false when the fragment must be ignored (diagnostic added).
  bool check_bounds(const Fragment& f, const Pending& p, Diagnostics& out);
  // Copies the uncovered parts of f into p; returns false on a differing overlap.
  bool merge(const Fragment& f, Pending& p, bool& duplicate);
  void drop(Map::iterator it, const DiagnosticDef& why, Diagnostics& out);
  void evict_oldest(const FragmentKey* keep, Diagnostics& out);

  IpReassemblerLimits limits_;
  Map pending_;
  std::size_t bytes_ = 0;
  IpReassemblerCounters counters_;
};

}  // namespace ts::observe
