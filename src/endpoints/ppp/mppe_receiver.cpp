#include "src/endpoints/ppp/mppe_receiver.h"

#include <algorithm>
#include <cassert>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "src/endpoints/ppp/mppe_diagnostics.h"
#include "src/endpoints/ppp/mppe_protocol.h"

namespace ts::endpoints::ppp {

namespace {
constexpr std::uint16_t kCountMask = 0x0FFF;  // 12-bit coherency count (RFC 3078 §3.1)
// A count up to half the space ahead is "ahead"; beyond, it is a packet from the past.
constexpr std::uint16_t kHalfSpace = 2048;

std::uint16_t distance(std::uint16_t from, std::uint16_t to) {
  return static_cast<std::uint16_t>((to - from) & kCountMask);
}
bool is_flag(std::uint16_t count) { return (count & 0xFF) == 0xFF; }
}  // namespace

MppeReceiver::MppeReceiver(MppeKeyChain keys, MppeSettings settings)
    : keys_(std::move(keys)), settings_(settings), rc4_(keys_.key()) {}

MppeDecrypted MppeReceiver::decrypt(ByteView info) {
  const auto d = ts::ppp::decode_mppe_header(info);
  // RFC 3078 §3.1: the encrypted data begins with the Protocol field, so at least 1 octet.
  if (!d.complete || d.value.data.empty()) {
    return discard(&diag::kMppeTruncated, fmt::format("{} octets of Information", info.size()));
  }
  const ts::ppp::MppeHeader& h = d.value;
  // RFC 3078 §3.1 bit D: 0 "means that this packet is not encrypted"; with MPPE negotiated
  // a plaintext packet is refused (§9: inverting D is a known attack).
  if (!h.encrypted) {
    return discard(&diag::kMppeNotEncrypted, fmt::format("coherency count {}", h.coherency_count));
  }
  return settings_.stateless ? stateless(h) : stateful(h);
}

MppeDecrypted MppeReceiver::discard(const DiagnosticDef* problem, std::string detail) {
  ++discarded_;
  MppeDecrypted out;
  out.problem = problem;
  out.detail = std::move(detail);
  return out;
}

MppeDecrypted MppeReceiver::deliver(Bytes decrypted, const ts::ppp::MppeHeader& h) {
  const std::size_t shown = std::min<std::size_t>(decrypted.size(), 2);
  const std::string head = to_hex(ByteView(decrypted).first(shown));
  auto plain = mppe_plaintext(std::move(decrypted), settings_.accept_pfc_protocol);
  if (!plain) {
    return discard(&diag::kMppeBadProtocol,
                   fmt::format("coherency count {}: decrypted Protocol octets {}",
                               h.coherency_count, head));
  }
  ++packets_;
  MppeDecrypted out;
  out.plaintext = std::move(*plain);
  return out;
}

MppeDecrypted MppeReceiver::lose_sync(MppeDecrypted out) {
  // RFC 3078 §8.2: "the receiver MUST drop the packet and send a CCP Reset-Request packet
  // without data", then "SHOULD silently discard all packets until a packet is received
  // with the FLUSHED bit set".
  discarding_ = true;
  out.send_reset_request = true;
  ++sync_losses_;  // one loss of synchronisation, however many packets it then drops
  return out;
}

MppeDecrypted MppeReceiver::still_out_of_sync(MppeDecrypted out) {
  // If the FLUSHED packet answering our Reset-Request was lost, only a new Reset-Request
  // brings another: every packet dropped while out of sync asks for one to be outstanding.
  out.send_reset_request = true;
  return out;
}

std::size_t MppeReceiver::flags_passed(std::uint16_t count) const {
  // RFC 3078 §7.2: the sender changed its key before each "flag" count, received or not.
  std::size_t flags = 0;
  for (std::uint16_t c = last_; c != count;) {
    c = static_cast<std::uint16_t>((c + 1) & kCountMask);
    if (is_flag(c)) ++flags;
  }
  return flags;
}

MppeDecrypted MppeReceiver::stateful(const ts::ppp::MppeHeader& h) {
  const std::uint16_t ahead = distance(last_, h.coherency_count);
  if (discarding_) {
    // RFC 3078 §8.2: "silently discard all packets until a packet is received with the
    // FLUSHED bit set". A count behind the last good one is a late packet: never tried.
    if (!h.flushed || ahead == 0 || ahead >= kHalfSpace) return still_out_of_sync(discard());
    return resynchronise(h);
  }
  // RFC 3078 §3: "the coherency count in the received packet does not match the expected
  // count, the receiver MUST send a CCP Reset-Request packet".
  if (ahead != 1) return lose_sync(discard());
  return in_sequence(h);
}

MppeDecrypted MppeReceiver::in_sequence(const ts::ppp::MppeHeader& h) {
  const bool flag = is_flag(h.coherency_count);
  const bool extra = h.flushed && settings_.flush_changes_key && !flag;
  std::optional<MppeKeyChain> before;
  if (flag || extra) before = keys_;
  // RFC 3078 §7.2: "the receiver MUST change its key after receiving, but before
  // decrypting, a 'flag' packet"; flush_changes_key: FLUSHED is a key change too.
  if (flag || extra) keys_.change();
  // RFC 3078 §3.1 bit A: "The receiver MUST re-initialize its tables with the current
  // session key before decrypting this packet." A key change restarts them too (§7.3).
  if (flag || h.flushed) rc4_.reset(keys_.key());
  MppeDecrypted out = deliver(rc4_.apply(h.data), h);
  if (!out.plaintext) {
    // Garbage from an in-sequence packet: forged, tampered (a cut packet leaves the stream
    // behind) or a peer out of step. Its key change is undone, as the packet may be forged;
    // the tables restart on the FLUSHED packet anyway.
    if (before) keys_ = std::move(*before);
    return lose_sync(std::move(out));
  }
  last_ = h.coherency_count;
  return out;
}

MppeDecrypted MppeReceiver::resynchronise(const ts::ppp::MppeHeader& h) {
  // RFC 3078 §8.2: "perform a key change before decrypting" for each flag passed, then "On
  // receiving a packet with the FLUSHED bit set, the receiver MUST set its coherency count
  // to the one received in that packet and re-initialize its RC4 tables using the current
  // session key". Tentative: committed only when the Protocol decrypts, so a forged count
  // cannot move the key schedule. flush_changes_key: one more change for this FLUSHED
  // packet, and up to kMaxMissedFlushes for FLUSHED packets lost on the way.
  MppeKeyChain chain = keys_;
  const std::size_t flags = flags_passed(h.coherency_count);
  for (std::size_t i = 0; i < flags; ++i) chain.change();
  const bool compat = settings_.flush_changes_key;
  if (compat && !is_flag(h.coherency_count)) chain.change();
  const std::size_t tries = compat ? kMaxMissedFlushes + 1 : 1;
  for (std::size_t attempt = 0; attempt < tries; ++attempt) {
    if (attempt > 0) chain.change();
    MppeRc4 rc4(chain.key());
    Bytes data = rc4.apply(h.data);
    if (attempt + 1 < tries && !mppe_plaintext(data, settings_.accept_pfc_protocol)) continue;
    MppeDecrypted out = deliver(std::move(data), h);
    if (!out.plaintext) return still_out_of_sync(std::move(out));
    keys_ = std::move(chain);
    rc4_ = rc4;
    last_ = h.coherency_count;
    discarding_ = false;
    return out;
  }
  return still_out_of_sync(discard());  // not reached: the last attempt returns
}

MppeReceiver::HistoryEntry* MppeReceiver::find_history(std::uint16_t count) {
  const std::uint16_t behind = distance(count, last_);
  if (behind >= history_.size()) return nullptr;
  HistoryEntry& e = history_[history_.size() - 1 - behind];
  assert(e.count == count);
  return &e;
}

MppeDecrypted MppeReceiver::stateless(const ts::ppp::MppeHeader& h) {
  const std::uint16_t count = h.coherency_count;
  MppeDecrypted out;
  if (HistoryEntry* e = find_history(count)) {
    MppeRc4 rc4(e->key);
    out = deliver(rc4.apply(h.data), h);
    if (out.plaintext) {
      if (e->received) {
        ++duplicates_;
      } else if (count != last_) {
        ++late_;
      }
      e->received = true;
    }
  } else {
    const std::uint16_t ahead = distance(last_, count);
    // Behind the kept keys, or more than half the count space ahead: a late packet. Never
    // tried, as a wrong guess costs up to 4095 key changes and may pass the Protocol check.
    if (ahead == 0 || ahead >= kHalfSpace) return discard();
    out = stateless_ahead(h, ahead);
  }
  // RFC 3078 §3.1: "If the stateless option has been negotiated, this bit MUST be set on
  // every encrypted packet." The key still follows from the count, so the data is kept.
  if (out.plaintext && !h.flushed) {
    out.problem = &diag::kMppeStatelessNotFlushed;
    out.detail = fmt::format("coherency count {}", count);
  }
  return out;
}

MppeDecrypted MppeReceiver::stateless_ahead(const ts::ppp::MppeHeader& h, std::uint16_t ahead) {
  // RFC 3078 §8.1: "the receiver MUST perform N = C1 - C2 key changes before decrypting the
  // packet". Tentative until the Protocol field decrypts; only the newest keys are kept.
  MppeKeyChain chain = keys_;
  std::vector<Bytes> kept;
  const std::size_t keep_from = ahead > kStatelessHistory ? ahead - kStatelessHistory : 0;
  for (std::size_t i = 0; i < ahead; ++i) {
    chain.change();
    if (i >= keep_from) kept.push_back(chain.key());
  }
  MppeRc4 rc4(chain.key());
  MppeDecrypted out = deliver(rc4.apply(h.data), h);
  if (!out.plaintext) return out;
  keys_ = std::move(chain);
  auto count = static_cast<std::uint16_t>((last_ + keep_from) & kCountMask);
  for (std::size_t i = 0; i < kept.size(); ++i) {
    count = static_cast<std::uint16_t>((count + 1) & kCountMask);
    history_.push_back(HistoryEntry{count, std::move(kept[i]), i + 1 == kept.size()});
  }
  while (history_.size() > kStatelessHistory) history_.pop_front();
  last_ = h.coherency_count;
  assert(history_.back().count == last_);
  return out;
}

}  // namespace ts::endpoints::ppp
