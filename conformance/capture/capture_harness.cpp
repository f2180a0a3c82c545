#include "conformance/capture/capture_harness.h"

#include <algorithm>

#include <fmt/format.h>

#include "conformance/engine/l2tp_script_peer.h"
#include "conformance/engine/l2tp_wire_message.h"
#include "dissectors/net/ethernet.h"
#include "dissectors/net/ipv4.h"
#include "dissectors/net/udp.h"
#include "src/runtime/capture/capture_file_reader.h"

namespace ts::conformance {

namespace {

constexpr std::uint32_t kLinktypeEthernet = 1;
constexpr std::uint32_t kLinktypeRaw = 101;
constexpr std::uint32_t kLinktypeIpv4 = 228;
constexpr std::uint16_t kEthertypeIpv4 = 0x0800;
constexpr std::uint8_t kProtocolUdp = 17;

// The IPv4 packet in a frame of the link types our recordings and common captures use.
std::optional<ByteView> ipv4_of(const capture::CaptureFrame& f) {
  if (f.linktype == kLinktypeRaw || f.linktype == kLinktypeIpv4) return f.data;
  if (f.linktype != kLinktypeEthernet) return std::nullopt;
  const auto eth = net::decode_ethernet(f.data);
  if (!eth.complete || eth.value.is_length || eth.value.ethertype != kEthertypeIpv4) return std::nullopt;
  return eth.value.payload;
}

}  // namespace

Result<std::unique_ptr<CaptureHarness>> CaptureHarness::open(const std::string& device_role, const std::string& path,
                                                             const std::string& target, const std::string& secret) {
  if (device_role != "l2tp.lns" && device_role != "l2tp.lac")
    return Error{"scripts are judged against captures for L2TP devices (l2tp.lns, l2tp.lac) today, not " + device_role};
  auto source = capture::open_capture(path);
  if (!source.ok()) return Error{source.error()};
  std::unique_ptr<CaptureHarness> h(new CaptureHarness());
  h->peer_ = std::make_unique<L2tpScriptPeer>(target + ":1701", secret);
  h->filter_ = std::make_unique<ImpairmentFilter>(*h->peer_);
  bool first = true;
  capture::CaptureFrame f;
  while (source.value()->next(f)) {
    const auto ip = ipv4_of(f);
    if (!ip) continue;
    const auto v4 = net::decode_ipv4(*ip);
    if (!v4.complete || v4.value.protocol != kProtocolUdp || v4.value.is_fragment()) continue;
    const auto udp = net::decode_udp(v4.value.payload);
    if (!udp.complete || (udp.value.src_port != 1701 && udp.value.dst_port != 1701)) continue;
    if (first) h->start_ = h->now_ = f.timestamp, first = false;
    if (v4.value.src.to_string() != target) {
      // The script side's own IDs, as it assigned them in that run.
      if (const auto w = l2tp_wire_message(udp.value.payload, secret)) {
        const bool tunnel = w->name == "SCCRQ" || w->name == "SCCRP";
        const bool session = w->name == "ICRQ" || w->name == "ICRP";
        const char* key = tunnel ? "assigned_tunnel" : "assigned_session";
        if ((tunnel || session) && !h->ids_.count(tunnel ? "tunnel" : "session"))
          if (const auto id = w->get(key)) h->ids_[tunnel ? "tunnel" : "session"] = std::string(*id);
      }
      continue;
    }
    h->packets_.push_back(Packet{f.timestamp, Bytes(udp.value.payload.begin(), udp.value.payload.end())});
  }
  if (!source.value()->truncated_message().empty() && first)
    return Error{path + ": " + source.value()->truncated_message()};
  if (first) return Error{path + ": no L2TP packet (UDP port 1701) in the capture"};
  return h;
}

bool CaptureHarness::run_until(Instant until) {
  // Commands, held packets the filter releases and the device's packets, in time order;
  // at equal times in that order (a send at T happens before what the device answers at T).
  constexpr Instant kNever = Instant::max();
  for (;;) {
    auto cmd = std::min_element(commands_.begin(), commands_.end(),
                                [](const auto& a, const auto& b) { return a.first < b.first; });
    const Instant next_cmd = cmd != commands_.end() && cmd->first <= until ? cmd->first : kNever;
    const Instant next_pkt = next_ < packets_.size() && packets_[next_].time <= until ? packets_[next_].time : kNever;
    const Instant due = filter_->next_release().value_or(kNever);
    const Instant release = due <= until ? due : kNever;
    if (next_cmd == kNever && next_pkt == kNever && release == kNever) break;
    if (next_cmd <= release && next_cmd <= next_pkt) {
      const auto [at, c] = *cmd;
      commands_.erase(cmd);
      now_ = std::max(now_, at);
      peer_->handle(now_, c);  // built (errors found), never sent
    } else if (release <= next_pkt) {
      now_ = std::max(now_, release);
      filter_->release_due(now_);  // what the peer answers goes nowhere
    } else {
      now_ = std::max(now_, next_pkt);
      filter_->handle(now_, engine::Received{1, packets_[next_].payload});
      ++next_;
    }
  }
  now_ = std::max(now_, until);
  return true;
}

void CaptureHarness::command(Instant at, engine::Command command) { commands_.emplace_back(at, std::move(command)); }

}  // namespace ts::conformance
