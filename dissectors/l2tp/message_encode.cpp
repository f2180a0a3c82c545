// encode(): canonical L2TP bytes, with AVP hiding (RFC 2661 §4.3).
#include <algorithm>

#include "dissectors/l2tp/avp_table.h"
#include "dissectors/l2tp/avp_values.h"
#include "dissectors/l2tp/hiding.h"
#include "dissectors/l2tp/message.h"

namespace ts::l2tp {

namespace {
constexpr std::size_t kMaxValue = kAvpMaxLength - kAvpHeaderSize;

// One AVP with Length computed; reserved bits 0. A value over 1017 octets cannot be
// represented in the 10-bit Length (RFC 2661 §4.1) and is cut.
void write_avp(ByteWriter& w, const Avp& a, bool hidden, ByteView value) {
  const ByteView v = value.first(std::min(value.size(), kMaxValue));
  std::uint16_t bits = static_cast<std::uint16_t>(kAvpHeaderSize + v.size());
  if (a.mandatory) bits |= 0x8000;
  if (hidden) bits |= 0x4000;
  w.be16(bits).be16(a.vendor_id).be16(a.attribute_type).bytes(v);
}

void encode_avps(const Message& msg, const EncodeOptions& opt, ByteWriter& w) {
  const bool has_mt_first =
      !msg.avps.empty() && msg.avps.front().is_ietf(to_u16(AvpType::message_type));
  if (msg.message_type && !has_mt_first) {
    const Avp mt = make_avp_message_type(*msg.message_type);
    write_avp(w, mt, false, mt.value());
  }
  std::optional<ByteView> rv;
  for (const auto& a : msg.avps) {
    if (a.is_ietf(to_u16(AvpType::random_vector)) && !a.hidden) rv = a.value();
    if (!a.hidden) {
      write_avp(w, a, false, a.value());
      continue;
    }
    // RFC 2661 §4.3: the Random Vector AVP MUST precede the first hidden AVP.
    if (!rv && !opt.random_vector.empty() && !opt.secret.empty()) {
      const Avp inserted = make_avp_bytes(to_u16(AvpType::random_vector), opt.random_vector, true);
      write_avp(w, inserted, false, opt.random_vector);
      rv = opt.random_vector;
    }
    if (!rv || opt.secret.empty()) {
      write_avp(w, a, false, a.value());
      continue;
    }
    const ByteView clear = a.value().first(std::min(a.value().size(), kMaxValue - 2));
    const Bytes hidden = hide_value(a.attribute_type, clear, opt.secret, *rv);
    write_avp(w, a, true, hidden);
  }
}
}  // namespace

Bytes encode(const Message& msg, const EncodeOptions& options) {
  ByteWriter w(64);
  encode_header(msg.header, 0, w);
  if (msg.header.type_control)
    encode_avps(msg, options, w);
  else
    w.bytes(msg.payload);
  // RFC 2661 §3.1: Length is the total length of the message in octets.
  if (msg.header.length_present) w.patch_be16(2, static_cast<std::uint16_t>(w.size()));
  return w.take();
}

}  // namespace ts::l2tp
