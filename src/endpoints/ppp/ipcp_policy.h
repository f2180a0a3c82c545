#pragma once
// IpcpPolicy: IPv4 address and name-server negotiation (RFC 1332 §3.3, RFC 1877 §1).
// Addresses are host-order uint32 (a.b.c.d == a<<24|b<<16|c<<8|d), 0 = unspecified.
//
// We request IP-Address = local_address (0.0.0.0 asks the peer to assign one) and, when
// request_dns / request_nbns, Primary/Secondary DNS / NBNS = 0 (RFC 1877: "the peer
// Naks with its values"). A Nak's hints are taken; a Reject of IP-Address while we asked
// for an assignment is a failure() (we cannot run IPv4 without an address), a Reject of a
// name-server option stops requesting it.
//
// We judge the peer's request: with an address to give (peer_address, else one drawn from
// the shared pool once per negotiation) an IP-Address other than it is Nak'd with it; without
// one, any non-zero address is acknowledged and 0.0.0.0 is Rejected. DNS/NBNS options are
// Nak'd with our configured servers (Rejected when we have none); IP-Compression (VJ) and
// the deprecated IP-Addresses are Rejected, like unknown options.
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "src/endpoints/ppp/option_policy.h"

namespace ts::endpoints::ppp {

// Addresses for the peers of a server, shared by the links a factory creates.
class AddressPool {
 public:
  AddressPool(std::uint32_t first, std::uint32_t count) : first_(first), used_(count, false) {}
  // The lowest free address, or nullopt when exhausted.
  std::optional<std::uint32_t> allocate();
  void release(std::uint32_t address);
  std::size_t in_use() const;

 private:
  std::uint32_t first_;
  std::vector<bool> used_;
};

struct IpcpSettings {
  std::uint32_t local_address = 0;  // 0: ask the peer
  std::uint32_t peer_address = 0;   // a fixed address for the peer (wins over the pool)
  std::shared_ptr<AddressPool> pool;
  std::uint32_t dns_primary = 0, dns_secondary = 0;  // offered to the peer when it asks
  std::uint32_t nbns_primary = 0, nbns_secondary = 0;
  bool request_dns = false;  // ask the peer for name servers
  bool request_nbns = false;
};

struct IpcpAgreement {
  std::uint32_t local = 0;
  std::uint32_t peer = 0;
  std::uint32_t dns_primary = 0, dns_secondary = 0, nbns_primary = 0, nbns_secondary = 0;
};

class IpcpPolicy final : public OptionPolicy {
 public:
  explicit IpcpPolicy(IpcpSettings settings) : settings_(std::move(settings)) { reset(); }
  ~IpcpPolicy() override;
  IpcpPolicy(const IpcpPolicy&) = delete;
  IpcpPolicy& operator=(const IpcpPolicy&) = delete;

  std::vector<OwnedOption> request() override;
  Judgement judge(const ts::ppp::ControlPacket& request) override;
  void peer_acked() override;
  void peer_request_acked(const ts::ppp::ControlPacket& request) override;
  void apply_nak(const ts::ppp::ControlPacket& nak) override;
  void apply_reject(const ts::ppp::ControlPacket& reject) override;
  void reset() override;

  const IpcpAgreement& agreement() const { return agreed_; }

 private:
  // Index 0 IP-Address, 1/2 DNS primary/secondary, 3/4 NBNS primary/secondary.
  struct Wanted {
    std::uint8_t type;
    std::uint32_t value;
    bool send;
  };
  std::uint32_t address_for_peer();
  void judge_server(const ts::ppp::ConfigOption& o, std::uint32_t ours, JudgementBuilder& b);

  IpcpSettings settings_;
  IpcpAgreement agreed_;
  std::vector<Wanted> wanted_;
  std::uint32_t allocated_ = 0;  // drawn from the pool, returned on destruction
};

}  // namespace ts::endpoints::ppp
