#include "dissectors/l2tp/avp_values.h"

#include "src/core/byte_reader.h"
#include "src/core/byte_writer.h"

namespace ts::l2tp {

namespace {
constexpr std::uint32_t kBitA = 0x2, kBitLow = 0x1;
}  // namespace

std::optional<std::uint16_t> parse_u16(ByteView v) {
  if (v.size() != 2) return std::nullopt;
  ByteReader r(v);
  return r.be16("u16");
}
std::optional<std::uint32_t> parse_u32(ByteView v) {
  if (v.size() != 4) return std::nullopt;
  ByteReader r(v);
  return r.be32("u32");
}
std::optional<std::uint64_t> parse_u64(ByteView v) {
  if (v.size() != 8) return std::nullopt;
  ByteReader r(v);
  return r.be64("u64");
}

std::optional<ResultCode> parse_result_code(ByteView v) {
  // RFC 2661 §4.4.2: Length 8, 10 or 10 + message: value 2, 4 or more, never 3.
  if (v.size() < 2 || v.size() == 3) return std::nullopt;
  ByteReader r(v);
  ResultCode rc;
  rc.result = r.be16("result_code");
  if (v.size() >= 4) {
    rc.error = r.be16("error_code");
    rc.message = std::string(as_chars(r.rest()));
  }
  return rc;
}

std::optional<Q931Cause> parse_q931_cause(ByteView v) {
  if (v.size() < 3) return std::nullopt;
  ByteReader r(v);
  Q931Cause c;
  c.cause = r.be16("cause_code");
  c.msg = r.u8("cause_msg");
  c.advisory = std::string(as_chars(r.rest()));
  return c;
}

std::optional<ProtocolVersion> parse_protocol_version(ByteView v) {
  if (v.size() != 2) return std::nullopt;
  return ProtocolVersion{v[0], v[1]};
}

std::optional<FramingBits> parse_framing(ByteView v) {
  const auto u = parse_u32(v);
  if (!u) return std::nullopt;
  return FramingBits{(*u & kBitA) != 0, (*u & kBitLow) != 0, *u & ~(kBitA | kBitLow)};
}

std::optional<BearerBits> parse_bearer(ByteView v) {
  const auto u = parse_u32(v);
  if (!u) return std::nullopt;
  return BearerBits{(*u & kBitA) != 0, (*u & kBitLow) != 0, *u & ~(kBitA | kBitLow)};
}

std::optional<CallErrors> parse_call_errors(ByteView v) {
  if (v.size() != 26) return std::nullopt;
  ByteReader r(v);
  CallErrors e;
  e.reserved = r.be16("reserved");
  e.crc = r.be32("crc_errors");
  e.framing = r.be32("framing_errors");
  e.hardware_overruns = r.be32("hardware_overruns");
  e.buffer_overruns = r.be32("buffer_overruns");
  e.timeout = r.be32("timeout_errors");
  e.alignment = r.be32("alignment_errors");
  return e;
}

std::optional<Accm> parse_accm(ByteView v) {
  if (v.size() != 10) return std::nullopt;
  ByteReader r(v);
  Accm a;
  a.reserved = r.be16("reserved");
  a.send = r.be32("send_accm");
  a.recv = r.be32("receive_accm");
  return a;
}

std::optional<std::uint8_t> parse_proxy_authen_id(ByteView v) {
  if (v.size() != 2) return std::nullopt;
  return v[1];
}

bool table_mandatory(std::uint16_t type) {
  const auto* info = find_avp_info(0, type);
  return info != nullptr && info->mandatory;
}

Avp make_avp_vendor(std::uint16_t vendor_id, std::uint16_t type, ByteView value, bool mandatory) {
  Avp a;
  a.mandatory = mandatory;
  a.vendor_id = vendor_id;
  a.attribute_type = type;
  a.unhidden.assign(value.begin(), value.end());
  a.unhidden_ok = true;
  a.length = static_cast<std::uint16_t>(kAvpHeaderSize + value.size());
  return a;
}
Avp make_avp(std::uint16_t type, ByteView value, bool mandatory) {
  return make_avp_vendor(0, type, value, mandatory);
}
Avp make_avp_u16(std::uint16_t type, std::uint16_t v, bool mandatory) {
  ByteWriter w;
  w.be16(v);
  return make_avp(type, w.data(), mandatory);
}
Avp make_avp_u32(std::uint16_t type, std::uint32_t v, bool mandatory) {
  ByteWriter w;
  w.be32(v);
  return make_avp(type, w.data(), mandatory);
}
Avp make_avp_u64(std::uint16_t type, std::uint64_t v, bool mandatory) {
  ByteWriter w;
  w.be64(v);
  return make_avp(type, w.data(), mandatory);
}
Avp make_avp_string(std::uint16_t type, std::string_view s, bool mandatory) {
  return make_avp(type, as_bytes(s), mandatory);
}
Avp make_avp_bytes(std::uint16_t type, ByteView b, bool mandatory) { return make_avp(type, b, mandatory); }

Avp make_avp_message_type(std::uint16_t message_type) {
  return make_avp_u16(to_u16(AvpType::message_type), message_type, true);
}
Avp make_avp_result_code(const ResultCode& rc) {
  ByteWriter w;
  w.be16(rc.result);
  if (rc.error) w.be16(*rc.error).text(rc.message);
  return make_avp(to_u16(AvpType::result_code), w.data(), true);
}
Avp make_avp_q931_cause(const Q931Cause& c) {
  ByteWriter w;
  w.be16(c.cause).u8(c.msg).text(c.advisory);
  return make_avp(to_u16(AvpType::q931_cause_code), w.data(), true);
}
Avp make_avp_protocol_version(ProtocolVersion pv) {
  const std::uint8_t b[2] = {pv.ver, pv.rev};
  return make_avp(to_u16(AvpType::protocol_version), b, true);
}
Avp make_avp_framing(AvpType type, bool async, bool sync) {
  return make_avp_u32(to_u16(type), (async ? kBitA : 0) | (sync ? kBitLow : 0), true);
}
Avp make_avp_bearer(AvpType type, bool analog, bool digital) {
  return make_avp_u32(to_u16(type), (analog ? kBitA : 0) | (digital ? kBitLow : 0), true);
}
Avp make_avp_call_errors(const CallErrors& e) {
  ByteWriter w;
  w.be16(e.reserved).be32(e.crc).be32(e.framing).be32(e.hardware_overruns);
  w.be32(e.buffer_overruns).be32(e.timeout).be32(e.alignment);
  return make_avp(to_u16(AvpType::call_errors), w.data(), true);
}
Avp make_avp_accm(const Accm& a) {
  ByteWriter w;
  w.be16(a.reserved).be32(a.send).be32(a.recv);
  return make_avp(to_u16(AvpType::accm), w.data(), true);
}
Avp make_avp_proxy_authen_id(std::uint8_t id) {
  const std::uint8_t b[2] = {0, id};
  return make_avp(to_u16(AvpType::proxy_authen_id), b, false);
}

}  // namespace ts::l2tp
