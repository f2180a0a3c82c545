#include "src/observe/analyzer.h"

#include <fmt/format.h>


#include "dissectors/gre/diagnostics.h"
#include "dissectors/l2tp/l2tp_diagnostics.h"
#include "dissectors/net/icmp.h"
#include "dissectors/net/ipv4.h"
#include "dissectors/net/ipv6.h"
#include "dissectors/net/link_type.h"
#include "dissectors/net/plain_ipv4.h"
#include "dissectors/net/net_diagnostics.h"
#include "dissectors/net/pppoe.h"
#include "dissectors/net/tcp.h"
#include "dissectors/net/udp.h"
#include "dissectors/ppp/ppp_diagnostics.h"
#include "dissectors/ppp/ppp_frame.h"
#include "dissectors/ppp/ppp_protocols.h"
#include "dissectors/pptp/diagnostics.h"
#include "dissectors/pptp/header.h"
#include "src/observe/bare_ppp_observer.h"
#include "src/observe/l2tp_observer.h"
#include "src/observe/observe_diagnostics.h"
#include "src/observe/pptp_observer.h"

namespace ts::observe {

namespace {
constexpr std::uint16_t kL2tpPort = 1701;  // RFC 2661 §8.1

// An L2TPv2 control header on another port: T, L and S set, version 2, Length equal to the
// datagram (RFC 2661 §3.1). Data messages off port 1701 are joined once a control message
// marked the flow.
bool looks_like_l2tp_control(ByteView p) {
  if (p.size() < 12) return false;
  const bool t = p[0] & 0x80, l = p[0] & 0x40, s = p[0] & 0x08;
  const std::size_t len = std::size_t{p[2]} << 8 | p[3];
  return t && l && s && (p[1] & 0x0f) == 2 && len == p.size();
}
// Only the payload is short (the header is whole): decoding goes on with the bytes there
// are, and the innermost layer that needed the missing bytes reports the cut, on the
// connection it belongs to.
bool payload_only_short(std::string_view truncated_field, std::string_view payload_field) {
  return truncated_field == payload_field;
}

}  // namespace

Analyzer::Analyzer(const AnalyzerOptions& options, Analysis& out, AnalysisSink* sink)
    : out_(out), ctx_(out, options, sink), gate_(sink != nullptr) {}
Analyzer::~Analyzer() = default;

InputSummary input_summary_for(const std::string& path, std::uint32_t linktype) {
  InputSummary in;
  in.path = path;
  in.linktype = code_name(net::linktype_names(), linktype);
  return in;
}

void Analyzer::begin_input(const std::string& path, std::uint32_t linktype) {
  input_ = &out_.inputs.emplace_back(input_summary_for(path, linktype));
  ctx_.set_file(path);
  l2tp_ = std::make_unique<L2tpObserver>(ctx_);
  pptp_ = std::make_unique<PptpObserver>(ctx_);
  bare_ = std::make_unique<BarePppObserver>(ctx_);
  reassembler_ = IpReassembler{};
  l2tp_ports_.clear();
  gate_.reset();
  esp_frames_ = 0;
}

void Analyzer::truncated(FrameInfo& f, std::string_view layer, std::string_view field) {
  ctx_.truncated(nullptr, f, "", layer, field);
}

void Analyzer::on_frame(std::uint64_t number, Instant ts, std::uint32_t linktype, ByteView data,
                        std::uint32_t original_length, PacketRecord* packet) {
  const FrameTick t = gate_.tick(ts);
  if (t.any()) on_tick(number, ts, t.retire_due, t.expiry_due);
  if (const auto from = gate_.time_jump(ts))
    ctx_.diag(nullptr, FrameInfo{number, ts, original_length > data.size(), packet}, "", diag::kTimeJump,
              time_jump_detail(*from, ts));
  on_sharded_frame(number, ts, linktype, data, original_length, packet);
}

void Analyzer::on_tick(std::uint64_t number, Instant ts, bool retire, bool expire) {
  if (retire) retire_finished(FrameInfo{number, ts, false, nullptr});
  // Incomplete IP datagrams time out by capture time.
  if (expire) {
    Diagnostics ds;
    reassembler_.expire(ts, ds);
    ctx_.diags(nullptr, FrameInfo{number, ts, false, nullptr}, "", ds);
  }
}

void Analyzer::on_sharded_frame(std::uint64_t number, Instant ts, std::uint32_t linktype, ByteView data,
                                std::uint32_t original_length, PacketRecord* packet) {
  FrameInfo f{number, ts, original_length > data.size(), packet};
  // Fast path for the common frame (docs/performance.md): untagged Ethernet II carrying a whole
  // plain IPv4 datagram goes straight to its transport, as the general path below would after
  // decoding the link and IPv4 headers and finding nothing to say about them. The --packets
  // record describes every layer, so it takes the general path.
  if (!packet && linktype == net::linktype::kEthernet) {
    if (const auto plain = net::read_plain_ipv4(data)) {
      if (gate_.admit_plain_ipv4(number, ts, data, original_length, *plain, *input_)) return;
      if (!out_.origin) out_.origin = ts;
      on_transport(f, plain->src, plain->dst, plain->protocol, plain->payload);
      return;
    }
  }
  FrameVerdict v = gate_.admit(number, ts, linktype, data, original_length, *input_);
  if (v.duplicate) {
    if (packet) *packet = duplicate_record(number, ts, original_length, v.by_ip_packet);
    return;
  }
  if (!out_.origin) out_.origin = ts;
  analyse_frame(f, original_length, v.link, v.ip);
}

std::string time_jump_detail(Instant from, Instant to) {
  return fmt::format("from {} to {}", format_utc(from), format_utc(to));
}

PacketRecord duplicate_record(std::uint64_t number, Instant ts, std::uint32_t length, bool by_ip_packet) {
  PacketRecord p;
  p.frame = number;
  p.ts = ts;
  p.length = length;
  p.summary = by_ip_packet ? "duplicate of an IP packet captured just before (skipped)"
                           : "duplicate of a frame captured just before (skipped)";
  return p;
}

void Analyzer::analyse_frame(FrameInfo& f, std::uint32_t original_length, const Decoded<net::LinkLayer>& link,
                             const std::optional<Decoded<net::Ipv4Header>>& ip) {
  PacketRecord* packet = f.packet;
  if (packet) {
    *packet = PacketRecord{};
    packet->frame = f.number;
    packet->ts = f.ts;
    packet->length = original_length;
    packet->layers.kind = Field::Kind::object;
    net::describe(link.value, packet->layers.add_object("link"));
  }
  ctx_.diags(nullptr, f, "", link.diags);
  if (!link.complete) {
    truncated(f, "link", link.truncated_field);
    return;
  }
  using Next = net::LinkLayer::Next;
  switch (link.value.next) {
    case Next::ipv4: on_ipv4(f, *ip); break;
    case Next::ipv6: on_ipv6(f, link.value.payload); break;
    case Next::ppp:
      // NDISWAN frames (fake Ethernet, MACs " SEND"/" RECV" + link number) carry no
      // Address/Control field and name their link in the last MAC octet.
      bare_->on_serial(f, link.value.payload, link.value.ppp_direction,
                       link.value.has_mac ? link.value.src_mac[5] : -1, link.value.has_mac);
      on_ip_in_ppp(f, link.value.payload);
      break;
    case Next::pppoe_session:
    case Next::pppoe_discovery: {
      auto p = net::decode_pppoe(link.value.payload);
      if (packet) net::describe(p.value, packet->layers.add_object("pppoe"));
      ctx_.diags(nullptr, f, "", p.diags);
      if (!p.complete && !payload_only_short(p.truncated_field, "pppoe.payload")) truncated(f, "pppoe", p.truncated_field);
      else {
        bare_->on_pppoe(f, link.value.src_mac, link.value.dst_mac, p.value);
        if (p.value.is_session()) on_ip_in_ppp(f, p.value.payload);
      }
      if (packet && packet->summary.empty()) packet->summary = net::summarize(p.value);
      break;
    }
    default: break;
  }
  if (packet && packet->summary.empty()) packet->summary = net::summarize(link.value);
}

void Analyzer::retire_finished(const FrameInfo& f) {
  l2tp_->retire(f, false);
  pptp_->retire(f, false);
  bare_->retire(f, false);
  ctx_.retire_done();
}

Analyzer::Held Analyzer::held() const {
  if (!l2tp_) return {};
  return {l2tp_->live_tunnels() + pptp_->live_controls() + bare_->live_links(),
          l2tp_->index_entries() + pptp_->index_entries() + bare_->index_entries()};
}

// IP carried by a bare PPP link (a PPPoE session or a captured serial link) may itself carry
// the tunnels this tool follows (an L2TP wholesale tunnel inside a PPPoE session).
void Analyzer::on_ip_in_ppp(FrameInfo& f, ByteView ppp_frame) {
  if (depth_ >= kMaxDepth) return;
  auto d = ppp::decode_ppp_frame(ppp_frame);
  if (!d.complete) return;
  ++depth_;
  if (d.value.protocol == ppp::kIpv4) on_ipv4(f, d.value.info);
  else if (d.value.protocol == ppp::kIpv6) on_ipv6(f, d.value.info);
  --depth_;
}

void Analyzer::on_ipv4(FrameInfo& f, ByteView packet) {
  const auto d = net::decode_ipv4(packet, /*verify_checksum=*/false);
  on_ipv4(f, d);
}

void Analyzer::on_ipv4(FrameInfo& f, const Decoded<net::Ipv4Header>& d) {
  if (f.packet) net::describe(d.value, f.packet->layers.add_object("ipv4"));
  ctx_.diags(nullptr, f, "", d.diags);
  if (!d.complete && !payload_only_short(d.truncated_field, "ipv4.payload")) {
    truncated(f, "ipv4", d.truncated_field);
    return;
  }
  const net::Ipv4Header& h = d.value;
  if (h.is_fragment() && !d.complete) {
    truncated(f, "ipv4", d.truncated_field);  // a cut fragment cannot be reassembled
    return;
  }
  if (h.is_fragment()) {
    Fragment frag{FragmentKey{h.src, h.dst, h.protocol, h.identification}, h.fragment_offset_bytes(),
                  h.more_fragments, h.payload};
    Diagnostics ds;
    auto whole = reassembler_.add(frag, f.ts, ds);
    ctx_.diags(nullptr, f, "", ds);
    if (!whole) {
      if (f.packet) f.packet->summary = fmt::format("IPv4 fragment {} > {} offset {}", h.src.to_string(),
                                                    h.dst.to_string(), h.fragment_offset_bytes());
      return;
    }
    const Bytes datagram = std::move(*whole);
    on_transport(f, h.src, h.dst, h.protocol, datagram);
    return;
  }
  on_transport(f, h.src, h.dst, h.protocol, h.payload);
}

void Analyzer::on_ipv6(FrameInfo& f, ByteView packet) {
  auto d = net::decode_ipv6(packet);
  if (f.packet) net::describe(d.value, f.packet->layers.add_object("ipv6"));
  ctx_.diags(nullptr, f, "", d.diags);
  if (!d.complete && !payload_only_short(d.truncated_field, "ipv6.payload")) {
    truncated(f, "ipv6", d.truncated_field);
    return;
  }
  const net::Ipv6Header& h = d.value;
  if (h.fragment.present && !d.complete) {
    truncated(f, "ipv6", d.truncated_field);
    return;
  }
  if (h.fragment.present) {
    Fragment frag{FragmentKey{h.src, h.dst, h.fragment.next_header, h.fragment.identification},
                  h.fragment.offset_bytes(), h.fragment.more_fragments, h.payload};
    Diagnostics ds;
    auto whole = reassembler_.add(frag, f.ts, ds);
    ctx_.diags(nullptr, f, "", ds);
    if (!whole) return;
    const Bytes datagram = std::move(*whole);
    on_transport(f, h.src, h.dst, h.fragment.next_header, datagram);
    return;
  }
  on_transport(f, h.src, h.dst, h.protocol, h.payload);
}

void Analyzer::on_transport(FrameInfo& f, const net::IpAddress& src, const net::IpAddress& dst,
                            std::uint8_t protocol, ByteView payload) {
  switch (protocol) {
    case net::ip_proto::kUdp: on_udp(f, src, dst, payload); break;
    case net::ip_proto::kTcp: on_tcp(f, src, dst, payload); break;
    case net::ip_proto::kGre: pptp_->on_gre(f, src, dst, payload); break;
    case 4:   // IPv4 in IP (RFC 2003)
    case 41:  // IPv6 in IP (RFC 2473, RFC 4213)
      if (depth_ < kMaxDepth) {
        ++depth_;
        if (protocol == 4) on_ipv4(f, payload);
        else on_ipv6(f, payload);
        --depth_;
      }
      break;
    case net::ip_proto::kEsp:
      ++esp_frames_;
      if (f.packet) f.packet->summary = fmt::format("ESP {} > {} (encrypted)", src.to_string(), dst.to_string());
      break;
    case net::ip_proto::kIcmp:
    case net::ip_proto::kIcmpv6: on_icmp(f, src, protocol == net::ip_proto::kIcmpv6, payload); break;
    case net::ip_proto::kL2tp:
      if (f.packet) f.packet->summary = "L2TPv3 over IP (not analysed yet)";
      break;
    default: break;
  }
  if (f.packet && f.packet->summary.empty())
    f.packet->summary = fmt::format("IP {} > {} {}", src.to_string(), dst.to_string(), net::ip_proto_name(protocol));
}

// ICMP errors quote the offending datagram: when it was a tunnel packet, the observer of that
// tunnel gets the error (often the only sign that the peer does not listen at all).
void Analyzer::on_icmp(FrameInfo& f, const net::IpAddress& reporter, bool v6, ByteView message) {
  auto d = net::decode_icmp(message, v6);
  if (f.packet) {
    net::describe(d.value, f.packet->layers.add_object(v6 ? "icmpv6" : "icmp"));
    f.packet->summary = fmt::format("ICMP{} {} from {}", v6 ? "v6" : "", net::icmp_text(d.value), reporter.to_string());
  }
  if (!d.complete || !d.value.is_error() || d.value.quoted.empty()) return;
  net::IpAddress qsrc, qdst;
  std::uint8_t qproto = 0;
  ByteView qpayload;
  if (!v6) {
    auto q = net::decode_ipv4(d.value.quoted, false);
    if (!q.complete && q.truncated_field != "ipv4.payload") return;
    qsrc = q.value.src, qdst = q.value.dst, qproto = q.value.protocol, qpayload = q.value.payload;
  } else {
    auto q = net::decode_ipv6(d.value.quoted);
    if (!q.complete && q.truncated_field != "ipv6.payload") return;
    qsrc = q.value.src, qdst = q.value.dst, qproto = q.value.protocol, qpayload = q.value.payload;
  }
  const std::string what = net::icmp_text(d.value);
  if (qproto == net::ip_proto::kUdp) {
    auto u = net::decode_udp(qpayload);
    if (!u.complete && u.truncated_field != "udp.payload") return;
    l2tp_->on_icmp_error(f, reporter, {qsrc, u.value.src_port}, {qdst, u.value.dst_port}, what, u.value.payload);
  } else if (qproto == net::ip_proto::kTcp && qpayload.size() >= 4) {
    // Only the ports are needed; the quote may hold no more than 8 octets of TCP.
    const auto sport = static_cast<std::uint16_t>(qpayload[0] << 8 | qpayload[1]);
    const auto dport = static_cast<std::uint16_t>(qpayload[2] << 8 | qpayload[3]);
    pptp_->on_icmp_error(f, reporter, {qsrc, sport}, {qdst, dport}, what);
  }
}

void Analyzer::on_udp(FrameInfo& f, const net::IpAddress& src, const net::IpAddress& dst, ByteView segment) {
  auto d = net::decode_udp(segment);
  if (f.packet) net::describe(d.value, f.packet->layers.add_object("udp"));
  ctx_.diags(nullptr, f, "", d.diags);
  if (!d.complete && !payload_only_short(d.truncated_field, "udp.payload")) {
    truncated(f, "udp", d.truncated_field);
    return;
  }
  const net::UdpHeader& u = d.value;
  // RFC 3948: UDP 4500 carries ESP (first four octets non-zero) or IKE (a zero marker).
  if ((u.src_port == 4500 || u.dst_port == 4500) && u.payload.size() >= 4 &&
      (u.payload[0] | u.payload[1] | u.payload[2] | u.payload[3]) != 0) {
    ++esp_frames_;
    if (f.packet) f.packet->summary = fmt::format("ESP in UDP {}:{} > {}:{} (encrypted)", src.to_string(), u.src_port,
                                                  dst.to_string(), u.dst_port);
    return;
  }
  bool l2tp = u.src_port == kL2tpPort || u.dst_port == kL2tpPort || l2tp_ports_.count({src, u.src_port}) ||
              l2tp_ports_.count({dst, u.dst_port});
  if (!l2tp && looks_like_l2tp_control(u.payload)) {
    l2tp = true;
    l2tp_ports_.insert({src, u.src_port});
    l2tp_ports_.insert({dst, u.dst_port});
  }
  if (l2tp) l2tp_->on_datagram(f, {src, u.src_port}, {dst, u.dst_port}, u.payload);
  else if (f.packet) f.packet->summary = fmt::format("UDP {}:{} > {}:{} {} bytes", src.to_string(), u.src_port,
                                                     dst.to_string(), u.dst_port, u.payload.size());
}

void Analyzer::on_tcp(FrameInfo& f, const net::IpAddress& src, const net::IpAddress& dst, ByteView segment) {
  auto d = net::decode_tcp(segment);
  if (f.packet) net::describe(d.value, f.packet->layers.add_object("tcp"));
  ctx_.diags(nullptr, f, "", d.diags);
  if (!d.complete && !payload_only_short(d.truncated_field, "tcp.payload")) {
    truncated(f, "tcp", d.truncated_field);
    return;
  }
  const net::TcpHeader& t = d.value;
  if (t.src_port != pptp::kTcpPort && t.dst_port != pptp::kTcpPort) {
    if (f.packet) f.packet->summary = net::summarize(t);
    return;
  }
  if (f.packet) f.packet->summary.clear();
  pptp_->on_tcp(f, {src, t.src_port}, {dst, t.dst_port}, TcpSegment{t.seq, t.syn(), t.fin(), t.rst(), t.payload});
  if (f.packet && f.packet->summary.empty())
    f.packet->summary = fmt::format("TCP {}:{} > {}:{} [{}] {} bytes", src.to_string(), t.src_port, dst.to_string(),
                                    t.dst_port, net::tcp_flags_string(t.flags), t.payload.size());
}

void Analyzer::end_input(const std::string& truncated_message) {
  const FrameInfo& last = gate_.last_kept();
  end_shard(last);
  for (auto& d : end_of_input_diagnostics(gate_.duplicates(), esp_frames_, truncated_message))
    ctx_.diag(nullptr, last, "", *d.def, std::move(d.detail));
  input_->truncated = truncated_message;
  finish_shard();
}

void Analyzer::end_shard(const FrameInfo& last) {
  Diagnostics ds;
  reassembler_.flush(ds);
  ctx_.diags(nullptr, last, "", ds);
  l2tp_->retire(last, true);
  pptp_->retire(last, true);
  bare_->retire(last, true);
}

void Analyzer::finish_shard() {
  input_->tunnel_frames = ctx_.take_claimed_frames();
  // Every connection of this input is finished (they never span files): hand them over
  // after the capture-level diagnostics of the file's end, which the sink gets first.
  ctx_.retire_done();
}

Diagnostics end_of_input_diagnostics(std::uint64_t duplicates, std::uint64_t esp_frames, const std::string& truncated) {
  Diagnostics ds;
  if (duplicates) add_diag(ds, diag::kDuplicateFrames, fmt::format("{} frames", duplicates));
  if (esp_frames) add_diag(ds, diag::kEncryptedEsp, fmt::format("{} ESP frames", esp_frames));
  if (!truncated.empty()) add_diag(ds, diag::kFileTruncated, truncated);
  return ds;
}

void link_all_diagnostic_tables() {
  static bool done = false;
  if (done) return;
  done = true;
  // Codec tables register themselves when their object files are linked; naming each one
  // here guarantees they are (registration ignores repeats).
  static const DiagnosticTable tables[] = {
      DiagnosticTable(diag::all()),           DiagnosticTable(net::diag::all()),
      DiagnosticTable(l2tp::diag::all_defs()),      DiagnosticTable(ppp::diag::all_defs()),
      DiagnosticTable(pptp::pptp_diagnostics()), DiagnosticTable(gre::gre_diagnostics())};
  (void)tables;
}

}  // namespace ts::observe
