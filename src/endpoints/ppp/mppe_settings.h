#pragma once
// MppeSettings: what CCP negotiated for MPPE (RFC 3078 §2, option 18): the key strength
// (the L, M or S bit) and stateless mode (the H bit). MppeCounters: what an MppeCodec did.
#include <cstdint>

#include "dissectors/ppp/mppe_keys.h"

namespace ts::endpoints::ppp {

struct MppeSettings {
  ts::ppp::mppe::KeyStrength strength = ts::ppp::mppe::KeyStrength::bits128;
  bool stateless = false;  // H bit: a key change on every packet (RFC 3078 §7.1)
  // Receive side: also accept a 1-octet (PFC) Protocol field inside the encrypted data
  // (mppe_protocol.h). Off by default: deployed senders use the 2-octet form, and the
  // Protocol check that detects garbage is far weaker with it on.
  bool accept_pfc_protocol = false;
  // Stateful mode only: a FLUSHED packet that follows a Reset-Request also changes the key,
  // at both ends. RFC 3078 §8.2 says the tables restart with the *current* session key
  // (false, the default); Linux ppp_mppe and the BSD/lwIP ports derived from it change
  // the key on every FLUSHED packet, so a peer built on them needs true to recover from
  // loss. Flag packets (§7.2) behave the same either way. Fragile by design: a FLUSHED
  // packet lost on the link is a key change the receiver never saw; the receiver tries up
  // to MppeReceiver::kMaxMissedFlushes extra changes when it resynchronises, beyond that
  // the link stays out of step until CCP is renegotiated. The RFC reading has no such case.
  bool flush_changes_key = false;
};

struct MppeCounters {
  std::uint64_t encrypted = 0;            // packets encrypted
  std::uint64_t decrypted = 0;            // packets decrypted and handed back
  std::uint64_t send_key_changes = 0;     // RFC 3078 §7.3 changes of the send key
  std::uint64_t receive_key_changes = 0;  // ... of the receive key
  std::uint64_t flushed_sent = 0;         // packets sent with the FLUSHED bit
  std::uint64_t resets_received = 0;      // on_reset_request() calls
  std::uint64_t sync_losses = 0;          // stateful: times the receiver lost sync
  std::uint64_t discarded = 0;            // received packets not handed back (any reason)
  std::uint64_t late = 0;                 // stateless: decrypted although behind the newest
  std::uint64_t duplicates = 0;           // stateless: a coherency count already decrypted
};

}  // namespace ts::endpoints::ppp
