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
// Stateful mode (§7.2, §8.2). `last` is the count of the last packet decrypted (4095 before
// the first, so the first expected count is 0); the key schedule matches it.
//  - count == last + 1: key change first if it is a "flag" packet (low octet 0xFF); tables
//    restarted with the current key if FLUSHED; then decrypted. A bad Protocol here means
//    a forged or tampered packet or streams out of step: diagnostic, the key change undone,
//    and handled like a loss.
//  - any other count (loss, duplicate, reordering): the packet is dropped,
//    send_reset_request = true, and the receiver discards every packet until a FLUSHED one
//    arrives. Each packet dropped meanwhile sets send_reset_request too (no diagnostic:
//    "silently"), so a FLUSHED packet lost on the way is asked for again.
//  - a FLUSHED packet 1..2047 counts after `last` resynchronises (§8.2 "MUST set its
//    coherency count to the one received"): one key change per flag count passed (at most
//    8; §8.2 "256 or more consecutive packets could be lost"), tables restarted with the
//    current session key, decrypted. The key changes are tentative: kept only if the
//    Protocol decrypts (else diag::kMppeBadProtocol and still out of sync), so a forged
//    count never moves the key schedule. A FLUSHED count further "ahead" is taken for a
//    late packet and dropped, so 2048 or more consecutive losses are not recovered: the
//    owner renegotiates CCP (a new codec) when nothing decrypts. §3 expects in-order
//    delivery, and §9 advises against stateful mode on lossy links.
//  - with MppeSettings::flush_changes_key, a FLUSHED packet that is not a flag packet also
//    makes one key change (Linux ppp_mppe's reading of §8.2); on resynchronisation up to
//    kMaxMissedFlushes more are tried, one per FLUSHED packet lost on the way.
// Stateless mode (§7.1, §8.1): the key of count c is the (c+1)-th key after the initial
// one, modulo the 4096 wrap. The receiver keeps the keys of the newest
// kStatelessHistory counts, received or skipped:
//  - a count in that window decrypts with its stored key (late, or a duplicate: counted,
//    and handed back, as MPPE has no replay rule);
//  - a count f = (c - newest) mod 4096 ahead, f in 1..2047: f key changes (§8.1 "N = C1 -
//    C2"), at most 2047 per packet. They are tentative: if the Protocol does not decrypt
//    (diag::kMppeBadProtocol), the keys are dropped and the state is unchanged, so a count
//    tampered with cannot desynchronise the link. A forged packet that passes the check
//    (about 1 in 600) moves the newest count at most 2047 ahead; the link heals when the
//    sender's count gets there.
//  - any other count (behind the kept keys, or 2048+ ahead) is a late packet: discarded,
//    no diagnostic. So 2048 or more consecutive losses are not recovered (as in Linux
//    ppp_mppe): the owner renegotiates CCP when nothing decrypts.
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
  static constexpr std::size_t kMaxMissedFlushes = 4;

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
  MppeDecrypted in_sequence(const ts::ppp::MppeHeader& h);
  MppeDecrypted resynchronise(const ts::ppp::MppeHeader& h);
  MppeDecrypted lose_sync(MppeDecrypted out);
  MppeDecrypted still_out_of_sync(MppeDecrypted out);
  // Stateful: the flag counts in (last_, count].
  std::size_t flags_passed(std::uint16_t count) const;
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
