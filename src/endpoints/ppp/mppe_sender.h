#pragma once
// MppeSender: the sending half of an MPPE link (RFC 3078 §3, §7, §8.2). Each encrypt()
// produces the Information field of one 0x00FD packet: the 2-octet MPPE header (D bit set,
// the coherency count) followed by the RC4-encrypted Protocol + Information.
//
// Coherency count (§3.1): 0 for the first packet, +1 per packet, 4095 wraps to 0.
// Stateful mode (§7.2): one RC4 stream continues from packet to packet; before a "flag"
// packet (count low octet 0xFF) the key changes (§7.3) and the tables restart with the
// new key, so that packet carries FLUSHED (§3.1 bit A: "the encryption tables were
// initialized before this packet was generated").
// Stateless mode (§7.1): the key changes before every packet, the first one included, and
// every packet carries FLUSHED (§3.1).
// on_reset_request() (§8.2): the next packet restarts the tables with the current session
// key, no key change (a key change too with MppeSettings::flush_changes_key), and carries
// FLUSHED. In stateless mode nothing more is needed.
#include <cstdint>

#include "src/core/bytes.h"
#include "src/endpoints/ppp/mppe_key_chain.h"
#include "src/endpoints/ppp/mppe_rc4.h"
#include "src/endpoints/ppp/mppe_settings.h"

namespace ts::endpoints::ppp {

class MppeSender {
 public:
  MppeSender(MppeKeyChain keys, MppeSettings settings);

  // Encrypts the bytes as given: the caller passes the Protocol field first (RFC 3078 §3.1;
  // the 2-octet form is what we send, see MppeCodec) and decides which protocols go through
  // MPPE (mppe_encrypts()).
  Bytes encrypt(ByteView protocol_and_info);
  void on_reset_request();

  std::uint16_t next_count() const { return count_; }
  const MppeKeyChain& keys() const { return keys_; }
  std::uint64_t packets() const { return packets_; }
  std::uint64_t flushed_sent() const { return flushed_sent_; }
  std::uint64_t resets_received() const { return resets_received_; }

 private:
  // Key change and table restart before the packet with `count`; true when the tables
  // were (re)initialised, i.e. the packet carries FLUSHED.
  bool prepare(std::uint16_t count);

  MppeKeyChain keys_;
  MppeSettings settings_;
  MppeRc4 rc4_;
  std::uint16_t count_ = 0;
  bool reset_pending_ = false;
  std::uint64_t packets_ = 0;
  std::uint64_t flushed_sent_ = 0;
  std::uint64_t resets_received_ = 0;
};

}  // namespace ts::endpoints::ppp
