#include "src/endpoints/ppp/ipcp_policy.h"

#include <fmt/format.h>

#include "dissectors/ppp/ipcp_options.h"
#include "dissectors/ppp/options.h"
#include "src/endpoints/ppp/ppp_endpoint_diagnostics.h"

namespace ts::endpoints::ppp {

namespace opt = ts::ppp::ipcp_opt;
using ts::ppp::ConfigOption;
using ts::ppp::ControlPacket;

std::optional<std::uint32_t> AddressPool::allocate() {
  for (std::size_t i = 0; i < used_.size(); ++i) {
    if (!used_[i]) {
      used_[i] = true;
      return first_ + static_cast<std::uint32_t>(i);
    }
  }
  return std::nullopt;
}

void AddressPool::release(std::uint32_t address) {
  if (address >= first_ && address - first_ < used_.size()) used_[address - first_] = false;
}

std::size_t AddressPool::in_use() const {
  std::size_t n = 0;
  for (bool u : used_) n += u ? 1 : 0;
  return n;
}

IpcpPolicy::~IpcpPolicy() {
  if (allocated_ != 0 && settings_.pool) settings_.pool->release(allocated_);
}

void IpcpPolicy::reset() {
  clear_failure();
  agreed_ = IpcpAgreement{};
  wanted_ = {{opt::kIpAddress, settings_.local_address, true},
             {opt::kPrimaryDns, 0, settings_.request_dns},
             {opt::kSecondaryDns, 0, settings_.request_dns},
             {opt::kPrimaryNbns, 0, settings_.request_nbns},
             {opt::kSecondaryNbns, 0, settings_.request_nbns}};
}

std::vector<OwnedOption> IpcpPolicy::request() {
  std::vector<OwnedOption> out;
  for (const auto& w : wanted_)
    if (w.send) out.push_back(option_u32(w.type, w.value));
  return out;
}

std::uint32_t IpcpPolicy::address_for_peer() {
  if (settings_.peer_address != 0) return settings_.peer_address;
  if (allocated_ == 0 && settings_.pool) allocated_ = settings_.pool->allocate().value_or(0);
  return allocated_;
}

void IpcpPolicy::judge_server(const ConfigOption& o, std::uint32_t ours, JudgementBuilder& b) {
  // RFC 1877 §1: a request for 0 (or another value) is Nak'd with the server we offer.
  if (ours == 0)
    b.reject(o);
  else if (read_be32(o.data) != ours)
    b.nak(option_u32(o.type, ours));
}

Judgement IpcpPolicy::judge(const ControlPacket& request) {
  JudgementBuilder b;
  for (const auto& o : request.options) {
    if (!ts::ppp::option_fits(ts::ppp::ipcp_option_specs(), o)) {
      if (ts::ppp::find_option_spec(ts::ppp::ipcp_option_specs(), o.type))
        b.note(peer_diag::kBadOption,
               fmt::format("IPCP option {} length {}", o.type, o.data.size() + 2));
      b.reject(o);
      continue;
    }
    switch (o.type) {
      case opt::kIpAddress: {
        const std::uint32_t asked = read_be32(o.data);
        const std::uint32_t give = address_for_peer();
        // RFC 1332 §3.3: 0.0.0.0 asks us to provide an address, which we do in a Nak.
        if (give != 0 && asked != give)
          b.nak(option_u32(opt::kIpAddress, give));
        else if (give == 0 && asked == 0)
          b.reject(o);
        break;
      }
      case opt::kPrimaryDns:
        judge_server(o, settings_.dns_primary, b);
        break;
      case opt::kSecondaryDns:
        judge_server(o, settings_.dns_secondary, b);
        break;
      case opt::kPrimaryNbns:
        judge_server(o, settings_.nbns_primary, b);
        break;
      case opt::kSecondaryNbns:
        judge_server(o, settings_.nbns_secondary, b);
        break;
      default:
        b.reject(o);  // IP-Compression (VJ), IP-Addresses, unknown
    }
  }
  return b.finish();
}

void IpcpPolicy::peer_acked() {
  agreed_.local = wanted_[0].send ? wanted_[0].value : 0;
  agreed_.dns_primary = wanted_[1].send ? wanted_[1].value : 0;
  agreed_.dns_secondary = wanted_[2].send ? wanted_[2].value : 0;
  agreed_.nbns_primary = wanted_[3].send ? wanted_[3].value : 0;
  agreed_.nbns_secondary = wanted_[4].send ? wanted_[4].value : 0;
}

void IpcpPolicy::peer_request_acked(const ControlPacket& request) {
  const auto address = ts::ppp::ipcp_address(request);
  agreed_.peer = address.value_or(0);
}

void IpcpPolicy::apply_nak(const ControlPacket& nak) {
  for (const auto& o : nak.options) {
    if (!ts::ppp::option_fits(ts::ppp::ipcp_option_specs(), o)) continue;
    for (auto& w : wanted_) {
      if (w.type != o.type) continue;
      w.value = read_be32(o.data);
      w.send = true;
    }
  }
}

void IpcpPolicy::apply_reject(const ControlPacket& reject) {
  for (const auto& o : reject.options) {
    for (auto& w : wanted_) {
      if (w.type != o.type) continue;
      w.send = false;
      if (o.type == opt::kIpAddress && w.value == 0)
        fail("the peer rejected IP-Address 0.0.0.0: no address to use");
    }
  }
}

}  // namespace ts::endpoints::ppp
