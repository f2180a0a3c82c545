#include "src/endpoints/ppp/ipv6cp_policy.h"

#include <fmt/format.h>

#include "dissectors/ppp/options.h"
#include "src/endpoints/ppp/ppp_endpoint_diagnostics.h"

namespace ts::endpoints::ppp {

namespace opt = ts::ppp::ipv6cp_opt;
using ts::ppp::ControlPacket;
using ts::ppp::InterfaceId;

namespace {
bool is_zero(const InterfaceId& id) {
  for (auto b : id)
    if (b != 0) return false;
  return true;
}
OwnedOption id_option(const InterfaceId& id) {
  return OwnedOption{opt::kInterfaceIdentifier, Bytes(id.begin(), id.end())};
}
InterfaceId id_of(ByteView data) {
  InterfaceId id{};
  for (std::size_t i = 0; i < id.size() && i < data.size(); ++i) id[i] = data[i];
  return id;
}
}  // namespace

Ipv6cpPolicy::Ipv6cpPolicy(std::optional<InterfaceId> fixed, engine::RandomSource& random)
    : fixed_(fixed), random_(random) {
  reset();
}

InterfaceId Ipv6cpPolicy::fresh(const InterfaceId& avoid) {
  InterfaceId id{};
  while (is_zero(id) || id == avoid) {
    for (auto& b : id) b = random_.u8();
    // RFC 5072 §4.1: the "u" (universal/local) bit of a generated identifier is zero.
    id[0] = static_cast<std::uint8_t>(id[0] & ~0x02);
  }
  return id;
}

void Ipv6cpPolicy::reset() {
  clear_failure();
  agreed_ = Ipv6cpAgreement{};
  send_ = true;
  collisions_ = 0;
  ours_ = fixed_ && !is_zero(*fixed_) ? *fixed_ : fresh(InterfaceId{});
}

std::vector<OwnedOption> Ipv6cpPolicy::request() {
  if (!send_) return {};
  return {id_option(ours_)};
}

Judgement Ipv6cpPolicy::judge(const ControlPacket& request) {
  JudgementBuilder b;
  for (const auto& o : request.options) {
    if (o.type != opt::kInterfaceIdentifier || o.data.size() != 8) {
      if (o.type == opt::kInterfaceIdentifier)
        b.note(peer_diag::kBadOption,
               fmt::format("IPv6CP Interface-Identifier length {}", o.data.size() + 2));
      b.reject(o);
      continue;
    }
    const InterfaceId theirs = id_of(o.data);
    // RFC 5072 §4.1: zero -> Nak with a non-zero suggestion different from ours; equal and
    // non-zero -> Nak with a different value (and we choose a new one ourselves).
    if (theirs == ours_) {
      ++collisions_;
      if (!fixed_) ours_ = fresh(theirs);
      b.nak(id_option(fresh(ours_)));
    } else if (is_zero(theirs)) {
      b.nak(id_option(fresh(ours_)));
    }
  }
  return b.finish();
}

void Ipv6cpPolicy::peer_acked() { agreed_.local = send_ ? ours_ : InterfaceId{}; }

void Ipv6cpPolicy::peer_request_acked(const ControlPacket& request) {
  agreed_.peer = ts::ppp::ipv6cp_interface_id(request).value_or(InterfaceId{});
}

void Ipv6cpPolicy::apply_nak(const ControlPacket& nak) {
  for (const auto& o : nak.options)
    if (o.type == opt::kInterfaceIdentifier && o.data.size() == 8 && !is_zero(id_of(o.data)))
      ours_ = id_of(o.data);
}

void Ipv6cpPolicy::apply_reject(const ControlPacket& reject) {
  // RFC 5072 §4.1: a new Configure-Request MUST NOT contain the option after a valid Reject.
  for (const auto& o : reject.options)
    if (o.type == opt::kInterfaceIdentifier) send_ = false;
}

}  // namespace ts::endpoints::ppp
