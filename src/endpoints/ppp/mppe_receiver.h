#pragma once
// MppeReceiver: the receiving half of an MPPE link (RFC 3078 §3, §7, §8). decrypt() takes
// the Information field of one 0x00FD packet and returns the Protocol + Information it
// carried (Protocol in its 2-octet form), or why not.
//
// Every packet: shorter than header + 1 octet -> diag::kMppeTruncated; D bit clear ->
// diag::kMppeNotEncrypted (MPPE is negotiated, so plaintext is refused); both discarded
// with no state change. A decrypted Protocol outside 0x0021-0x00FA -> diag::kMppeBadProtocol
// (RFC 3078 §3: nothing else is encrypted; it reveals tampering or keys out of step).
//
// Stateful mode (§7.2, §8.2). `last` is the count of the last packet seen (4095 before the
// first, so the first expected count is 0):
//  - count == last + 1: key change first if it is a "flag" packet (low octet 0xFF); tables
//    restarted with the current key if FLUSHED; then decrypted. A bad Protocol here means
//    the streams are out of step: discarded, diagnostic, and handled like a loss.
//  - any other count (loss, duplicate, reordering): the packet is dropped,
//    send_reset_request = true, and the receiver discards every packet until one arrives
//    with FLUSHED. While doing so it keeps the key schedule in step: for a count ahead of
//    `last` by 1..2047 it makes one key change per flag count passed (§8.2: "perform a key
//    change before decrypting ... 256 or more consecutive packets could be lost"); a count
//    further ahead is taken for a late packet and changes nothing.
//  - the first FLUSHED packet ahead of `last` (by 1..2047) resynchronises (§8.2 "MUST set
//    its coherency count to the one received in that packet"): key changes for the flag
//    counts passed (at most 8), tables restarted with the current session key, decrypted.
//    A FLUSHED packet further ahead is taken for a late one: a reordered packet must not
//    cost a cycle of key changes. So 2048 or more consecutive lost packets leave the keys
//    out of step (every FLUSHED packet then fails the Protocol check): the owner's remedy
//    is a new CCP negotiation, i.e. a new codec. §3 expects in-order delivery; §9 advises
//    against stateful mode on lossy links.
//  - every packet dropped meanwhile sets send_reset_request (no diagnostic: "silently"),
//    so the loss of the FLUSHED packet itself does not stall the link.
//  - with MppeSettings::flush_changes_key, a FLUSHED packet that is not a flag packet also
//    makes one key change before decrypting (Linux ppp_mppe's reading of §8.2).
// Stateless mode (§7.1, §8.1): the key of count c is the (c+1)-th key after the initial
// one, modulo the 4096 wrap. The receiver keeps the keys of the newest
// kStatelessHistory counts, received or skipped:
//  - a count in that window decrypts with its stored key (late, or a duplicate: counted,
//    and handed back, as MPPE has no replay rule);
//  - any other count is taken as ahead by f = (c - newest) mod 4096, 1..4095: f key changes
//    (§8.1 "N = C1 - C2"), bounded by the 12-bit count. They are tentative: if the Protocol
//    does not decrypt, the keys are dropped and the state is unchanged (a count tampered
//    with cannot desynchronise the link); the diagnostic is given only when f < 2048, as a
//    count further "ahead" is more likely a packet later than the window.
//  - FLUSHED missing: diag::kMppeStatelessNotFlushed, but the packet is still decrypted.
#include <cstdint>
#include <deque>
#include <optional>
#include <string>

#include "dissectors/ppp/mppe_header.h"
#include "src/core/bytes.h"
#include "src/core/diagnostic.h"
#include "src/endpoints/ppp/mppe_key_chain.h"
#include "src/endpoints/ppp/mppe_rc4.h"
#include "src/endpoints/ppp/mppe_settings.h"

namespace ts::endpoints::ppp {

struct MppeDecrypted {
  std::optional<Bytes> plaintext;   // Protocol (2 octets) + Information, when decrypted
  // Stateful mode, out of sync: a CCP Reset-Request must be outstanding. Set on every packet
  // dropped until resynchronisation, so a FLUSHED packet lost on the way is asked for
  // again; the owner sends a Reset-Request unless one is outstanding (sent, neither
  // acknowledged nor timed out: RFC 1962 §2.1 restart timer).
  bool send_reset_request = false;
  const DiagnosticDef* problem = nullptr;  // the peer's fault (never plain loss), else nullptr
  std::string detail;
};

class MppeReceiver {
 public:
  static constexpr std::size_t kStatelessHistory = 256;

  MppeReceiver(MppeKeyChain keys, MppeSettings settings);

  MppeDecrypted decrypt(ByteView info);

  const MppeKeyChain& keys() const { return keys_; }
  // Stateful: waiting for a FLUSHED packet after a loss.
  bool resynchronising() const { return discarding_; }
  std::uint16_t last_count() const { return last_; }
  std::uint64_t packets() const { return packets_; }
  std::uint64_t sync_losses() const { return sync_losses_; }
  std::uint64_t discarded() const { return discarded_; }
  std::uint64_t late() const { return late_; }
  std::uint64_t duplicates() const { return duplicates_; }

 private:
  struct HistoryEntry {
    std::uint16_t count = 0;
    Bytes key;
    bool received = false;
  };

  MppeDecrypted stateful(const ts::ppp::MppeHeader& h);
  MppeDecrypted stateless(const ts::ppp::MppeHeader& h);
  MppeDecrypted stateless_ahead(const ts::ppp::MppeHeader& h, std::uint16_t ahead);
  MppeDecrypted lose_sync(MppeDecrypted out);
  // Stateful: one key change per flag count in (last_, count]; last_ = count.
  bool catch_up(std::uint16_t count);
  bool flush_key_change(const ts::ppp::MppeHeader& h);
  HistoryEntry* find_history(std::uint16_t count);
  MppeDecrypted deliver(Bytes decrypted, const ts::ppp::MppeHeader& h);
  MppeDecrypted discard(const DiagnosticDef* problem = nullptr, std::string detail = {});

  MppeKeyChain keys_;
  MppeSettings settings_;
  MppeRc4 rc4_;
  std::uint16_t last_ = 0x0FFF;
  bool discarding_ = false;
  std::deque<HistoryEntry> history_;  // stateless: newest at the back, contiguous counts
  std::uint64_t packets_ = 0;
  std::uint64_t sync_losses_ = 0;
  std::uint64_t discarded_ = 0;
  std::uint64_t late_ = 0;
  std::uint64_t duplicates_ = 0;
};

}  // namespace ts::endpoints::ppp
