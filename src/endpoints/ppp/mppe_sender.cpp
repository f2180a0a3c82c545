#include "src/endpoints/ppp/mppe_sender.h"

#include <utility>

#include "dissectors/ppp/mppe_header.h"

namespace ts::endpoints::ppp {

namespace {
constexpr std::uint16_t kCountMask = 0x0FFF;  // 12-bit coherency count (RFC 3078 §3.1)
}  // namespace

MppeSender::MppeSender(MppeKeyChain keys, MppeSettings settings)
    : keys_(std::move(keys)), settings_(settings), rc4_(keys_.key()) {}

bool MppeSender::prepare(std::uint16_t count) {
  if (settings_.stateless) {
    // RFC 3078 §7.1: "the sender MUST change its key before encrypting and transmitting
    // each packet".
    keys_.change();
    rc4_.reset(keys_.key());
    reset_pending_ = false;
    return true;
  }
  const bool flag = (count & 0xFF) == 0xFF;
  if (!flag && !reset_pending_) return false;
  // RFC 3078 §7.2: "the sender MUST change its key before encrypting and transmitting any
  // packet in which the low order octet of the coherency count equals 0xFF".
  // RFC 3078 §8.2: on a Reset-Request the sender "MUST re-initialize its own RC4 tables
  // using the same method and set the FLUSHED bit in the next packet sent"; with
  // flush_changes_key the key changes as well (see MppeSettings).
  if (flag || settings_.flush_changes_key) keys_.change();
  rc4_.reset(keys_.key());
  reset_pending_ = false;
  return true;
}

Bytes MppeSender::encrypt(ByteView protocol_and_info) {
  const std::uint16_t count = count_;
  ts::ppp::MppeHeader header;
  // RFC 3078 §3.1: "If the stateless option has been negotiated, this bit MUST be set on
  // every encrypted packet." (prepare() returns true for every stateless packet.)
  header.flushed = prepare(count);
  header.encrypted = true;  // RFC 3078 §3.1 bit D
  header.coherency_count = count;
  const Bytes cipher = rc4_.apply(protocol_and_info);
  header.data = cipher;
  // RFC 3078 §3.1: incremented by 1 for each packet sent; after 4095 it is reset to 0.
  count_ = static_cast<std::uint16_t>((count + 1) & kCountMask);
  ++packets_;
  if (header.flushed) ++flushed_sent_;
  return ts::ppp::encode_mppe_header(header);
}

void MppeSender::on_reset_request() {
  ++resets_received_;
  // RFC 3078 §8.1: stateless packets are all FLUSHED already; a Reset-Request changes nothing.
  if (!settings_.stateless) reset_pending_ = true;
}

}  // namespace ts::endpoints::ppp
