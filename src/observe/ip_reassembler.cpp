#include "src/observe/ip_reassembler.h"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "dissectors/net/net_diagnostics.h"

namespace ts::observe {

namespace diag {
const DiagnosticDef kIpFragmentsIncomplete{
    "capture.ip_fragments_incomplete", DiagKind::capture, Severity::warning, "RFC 791 §3.2",
    "IP datagram's fragments did not all arrive before the reassembly timeout or the end of the capture"};
const DiagnosticDef kIpFragmentsEvicted{"capture.ip_fragments_evicted", DiagKind::capture, Severity::warning, "",
                                        "pending IP fragments dropped to keep reassembly memory bounded"};
namespace {
const DiagnosticDef* const kAllDefs[] = {&kIpFragmentsIncomplete, &kIpFragmentsEvicted};
const DiagnosticTable kRegister{kAllDefs};
}  // namespace
}  // namespace diag

namespace {
constexpr std::uint32_t kMaxDatagram = 65535;

std::string describe_key(const FragmentKey& k) {
  return fmt::format("{} > {} proto {} id {}", k.src.to_string(), k.dst.to_string(), k.protocol, k.id);
}

std::uint32_t have_bytes(const std::vector<std::pair<std::uint32_t, std::uint32_t>>& have) {
  std::uint32_t n = 0;
  for (const auto& [b, e] : have) n += e - b;
  return n;
}
}  // namespace

Fragment fragment_of(const net::Ipv4Header& h) {
  return Fragment{FragmentKey{h.src, h.dst, h.protocol, h.identification}, h.fragment_offset_bytes(),
                  h.more_fragments, h.payload};
}

Fragment fragment_of(const net::Ipv6Header& h) {
  return Fragment{FragmentKey{h.src, h.dst, h.fragment.next_header, h.fragment.identification},
                  h.fragment.offset_bytes(), h.fragment.more_fragments, h.payload};
}

std::size_t FragmentKeyHash::operator()(const FragmentKey& k) const noexcept {
  const net::IpAddressHash h;
  std::size_t x = h(k.src);
  x ^= h(k.dst) + 0x9e3779b97f4a7c15ull + (x << 6) + (x >> 2);
  x ^= (std::size_t{k.protocol} << 32 | k.id) + 0x9e3779b97f4a7c15ull + (x << 6) + (x >> 2);
  return x;
}

bool IpReassembler::check_bounds(const Fragment& f, const Pending& p, Diagnostics& out) {
  const std::uint64_t end = std::uint64_t{f.offset_bytes} + f.data.size();
  const char* why = nullptr;
  // RFC 791 §3.2 / RFC 8200 §4.5: a datagram is at most 65535 octets of payload here.
  if (end > kMaxDatagram) why = "datagram would exceed 65535 octets";
  // RFC 791 §3.2 / RFC 8200 §4.5: every fragment but the last is a multiple of 8 octets.
  else if (f.more_fragments && f.data.size() % 8 != 0) why = "non-last fragment size not a multiple of 8";
  else if (!f.more_fragments && p.total_known && end != p.total) why = "two different last-fragment ends";
  else if (p.total_known && end > p.total) why = "data past the last fragment";
  else if (!f.more_fragments && !p.have.empty() && p.have.back().second > end) why = "data past the last fragment";
  if (!why) return true;
  ++counters_.bad_fragments;
  add_diag(out, f.key.src.is_v6() ? net::diag::kIpv6FragmentBadLength : net::diag::kIpv4FragmentBadLength,
           fmt::format("{}: {} (offset {}, {} bytes)", describe_key(f.key), why, f.offset_bytes, f.data.size()));
  return false;
}

bool IpReassembler::merge(const Fragment& f, Pending& p, bool& duplicate) {
  const std::uint32_t b = f.offset_bytes;
  const std::uint32_t e = b + static_cast<std::uint32_t>(f.data.size());
  // Compare overlapped parts first: nothing is written when they differ.
  bool covered_all = true;
  std::uint32_t pos = b;
  for (const auto& [hb, he] : p.have) {
    if (he <= b || hb >= e) continue;
    const std::uint32_t ob = std::max(b, hb), oe = std::min(e, he);
    if (std::memcmp(p.data.data() + ob, f.data.data() + (ob - b), oe - ob) != 0) return false;
    if (ob > pos) covered_all = false;
    pos = std::max(pos, oe);
  }
  if (pos < e) covered_all = false;
  duplicate = covered_all && !f.data.empty();
  if (duplicate) return true;
  if (p.data.size() < e) {
    bytes_ += e - p.data.size();
    p.data.resize(e);
  }
  // Writing over covered parts is harmless: they hold the same bytes.
  if (!f.data.empty()) std::memcpy(p.data.data() + b, f.data.data(), f.data.size());
  // Insert [b, e) and merge touching intervals.
  auto& h = p.have;
  auto it = std::lower_bound(h.begin(), h.end(), std::make_pair(b, e));
  it = h.insert(it, {b, e});
  if (it != h.begin()) --it;
  while (it + 1 != h.end()) {
    if ((it + 1)->first <= it->second) {
      it->second = std::max(it->second, (it + 1)->second);
      h.erase(it + 1);
    } else if (it->first > e) {
      break;
    } else {
      ++it;
    }
  }
  return true;
}

std::optional<Bytes> IpReassembler::add(const Fragment& f, Instant now, Diagnostics& out) {
  ++counters_.fragments;
  auto it = pending_.find(f.key);
  if (it != pending_.end() && now - it->second.first_seen > limits_.timeout) {
    ++counters_.expired;
    drop(it, diag::kIpFragmentsIncomplete, out);
    it = pending_.end();
  }
  if (it == pending_.end()) {
    Pending fresh;
    if (!check_bounds(f, fresh, out)) return std::nullopt;
    while (pending_.size() >= limits_.max_datagrams && !pending_.empty()) evict_oldest(nullptr, out);
    fresh.first_seen = now;
    it = pending_.emplace(f.key, std::move(fresh)).first;
  } else if (!check_bounds(f, it->second, out)) {
    return std::nullopt;
  }
  Pending& p = it->second;
  bool duplicate = false;
  if (!merge(f, p, duplicate)) {
    ++counters_.overlaps;
    const bool v6 = f.key.src.is_v6();
    const std::string detail = fmt::format("{}: offset {}, {} bytes differ from earlier data", describe_key(f.key),
                                           f.offset_bytes, f.data.size());
    if (!v6) {
      add_diag(out, net::diag::kIpv4FragmentOverlap, detail);
      return std::nullopt;
    }
    // RFC 8200 §4.5: overlapping fragments -> the whole datagram is silently discarded.
    add_diag(out, net::diag::kIpv6FragmentOverlap, detail);
    bytes_ -= p.data.size();
    pending_.erase(it);
    return std::nullopt;
  }
  if (duplicate) ++counters_.duplicates;
  if (!f.more_fragments) {
    p.total = f.offset_bytes + static_cast<std::uint32_t>(f.data.size());
    p.total_known = true;
  }
  if (p.total_known && p.have.size() == 1 && p.have[0].first == 0 && p.have[0].second == p.total) {
    Bytes whole = std::move(p.data);
    bytes_ -= whole.size();
    whole.resize(p.total);
    pending_.erase(it);
    ++counters_.completed;
    return whole;
  }
  if (bytes_ > limits_.max_bytes) {
    const FragmentKey keep = f.key;
    while (bytes_ > limits_.max_bytes && pending_.size() > 1) evict_oldest(&keep, out);
    if (bytes_ > limits_.max_bytes) evict_oldest(nullptr, out);
  }
  return std::nullopt;
}

void IpReassembler::drop(Map::iterator it, const DiagnosticDef& why, Diagnostics& out) {
  const Pending& p = it->second;
  add_diag(out, why,
           fmt::format("{}: {} bytes of {} received", describe_key(it->first), have_bytes(p.have),
                       p.total_known ? fmt::format("{}", p.total) : std::string("unknown")));
  bytes_ -= p.data.size();
  pending_.erase(it);
}

void IpReassembler::evict_oldest(const FragmentKey* keep, Diagnostics& out) {
  auto oldest = pending_.end();
  for (auto i = pending_.begin(); i != pending_.end(); ++i) {
    if (keep && i->first == *keep) continue;
    if (oldest == pending_.end() || i->second.first_seen < oldest->second.first_seen) oldest = i;
  }
  if (oldest == pending_.end()) return;
  ++counters_.evicted;
  drop(oldest, diag::kIpFragmentsEvicted, out);
}

namespace {
// The hash map's order is arbitrary: datagrams dropped together are reported in the order
// of their text (addresses, ID), the same whichever other datagrams were pending, so that
// the sharded analysis (one reassembler per worker) reports them as one thread does.
void sort_from(Diagnostics& out, std::size_t first) {
  std::stable_sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.detail < b.detail; });
}
}  // namespace

void IpReassembler::expire(Instant now, Diagnostics& out) {
  const std::size_t first = out.size();
  for (auto i = pending_.begin(); i != pending_.end();) {
    auto cur = i++;
    if (now - cur->second.first_seen > limits_.timeout) {
      ++counters_.expired;
      drop(cur, diag::kIpFragmentsIncomplete, out);
    }
  }
  sort_from(out, first);
}

void IpReassembler::flush(Diagnostics& out) {
  const std::size_t first = out.size();
  while (!pending_.empty()) {
    ++counters_.expired;
    drop(pending_.begin(), diag::kIpFragmentsIncomplete, out);
  }
  sort_from(out, first);
}

}  // namespace ts::observe
