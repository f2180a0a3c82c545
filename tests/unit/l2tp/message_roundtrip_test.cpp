// Encode -> decode identity and every-prefix truncation for every L2TP message type,
// ZLB and data messages (RFC 2661 §3.1, §6).
#include <catch2/catch.hpp>

#include "dissectors/l2tp/describe.h"
#include "dissectors/l2tp/required_avps.h"
#include "samples.h"

using namespace l2tp_test;

namespace {
void check_every_prefix_truncated(const Bytes& wire, std::size_t clean_from = SIZE_MAX) {
  for (std::size_t n = 0; n < wire.size(); ++n) {
    INFO("prefix of " << n << " of " << wire.size() << " octets");
    const auto d = decode(ByteView{wire}.first(n));
    if (n >= clean_from) {
      CHECK(d.complete);
      continue;
    }
    CHECK_FALSE(d.complete);
    CHECK_FALSE(d.truncated_field.empty());
  }
}
}  // namespace

TEST_CASE("every control message type round-trips through encode and decode") {
  for (const MessageType t : all_message_types()) {
    const Message m = sample_message(t);
    INFO(code_abbrev(message_type_names(), to_u16(t)));
    const Bytes wire = encode(m);
    const auto d = decode(wire);
    CHECK(d.complete);
    INFO(diag_ids(d.diags));
    CHECK(d.diags.empty());
    check_same_header(d.value.header, m.header);
    CHECK(d.value.header.length == wire.size());
    REQUIRE(d.value.message_type == m.message_type);
    CHECK_FALSE(d.value.zlb);
    // The Message Type AVP is written first by encode(); the rest follow in order.
    REQUIRE_FALSE(d.value.avps.empty());
    CHECK(d.value.avps.front().is_ietf(0));
    CHECK(d.value.avps.front().mandatory);
    check_same_avps(std::vector<Avp>(d.value.avps.begin() + 1, d.value.avps.end()), m.avps);
    // The samples carry every MUST AVP and only listed MAY AVPs (RFC 2661 §6.x).
    const auto req = check_required_avps(d.value);
    INFO(diag_ids(req));
    CHECK(req.empty());
    // Re-encoding the decoded message gives the same bytes.
    CHECK(encode(d.value) == wire);
  }
}

TEST_CASE("every prefix of every control message type decodes as incomplete") {
  for (const MessageType t : all_message_types()) {
    INFO(code_abbrev(message_type_names(), to_u16(t)));
    check_every_prefix_truncated(encode(sample_message(t)));
  }
}

TEST_CASE("ZLB ACK: control header only (RFC 2661 §5.8)") {
  Message m;
  m.header = control_header(12, 0, 1, 2);
  const Bytes wire = encode(m);
  CHECK(wire.size() == 12);
  const auto d = decode(wire);
  CHECK(d.complete);
  CHECK(d.diags.empty());
  CHECK(d.value.zlb);
  CHECK_FALSE(d.value.message_type);
  CHECK(d.value.header.length == 12);
  check_same_header(d.value.header, m.header);
  CHECK(summarize(d.value) == "ZLB tunnel=12 Ns=1 Nr=2");
  check_every_prefix_truncated(wire);
}

TEST_CASE("data messages with and without Length, Sequence and Offset") {
  const Bytes ppp = seq_bytes(48, 0x21);
  struct Variant {
    bool l, s, o, p;
  };
  const Variant variants[] = {{false, false, false, false}, {true, false, false, false},
                              {false, true, false, false},  {true, true, false, false},
                              {false, false, true, false},  {true, true, true, true}};
  for (const auto& v : variants) {
    INFO("L=" << v.l << " S=" << v.s << " O=" << v.o << " P=" << v.p);
    Message m;
    m.header.length_present = v.l;
    m.header.sequence_present = v.s;
    m.header.offset_present = v.o;
    m.header.priority = v.p;
    m.header.tunnel_id = 12;
    m.header.session_id = 3;
    m.header.ns = v.s ? 7 : 0;
    const Bytes pad{0xaa, 0xbb, 0xcc};
    if (v.o) {
      m.header.offset_size = 3;
      m.header.offset_pad = pad;
    }
    m.payload = ppp;
    const Bytes wire = encode(m);
    CHECK(wire.size() == m.header.wire_size() + ppp.size());
    const auto d = decode(wire);
    CHECK(d.complete);
    CHECK(d.diags.empty());
    check_same_header(d.value.header, m.header);
    CHECK(Bytes(d.value.payload.begin(), d.value.payload.end()) == ppp);
    if (v.o) CHECK(Bytes(d.value.header.offset_pad.begin(), d.value.header.offset_pad.end()) == pad);
    if (v.l) CHECK(d.value.header.length == wire.size());
    // Without Length the message ends where the UDP payload does: a cut inside the PPP
    // frame is a clean short form; within the header it is truncation.
    check_every_prefix_truncated(wire, v.l ? SIZE_MAX : m.header.wire_size());
  }
}

TEST_CASE("summaries of data and control messages") {
  Message data;
  data.header.tunnel_id = 12;
  data.header.session_id = 3;
  data.header.sequence_present = true;
  data.header.ns = 9;
  const Bytes ppp = seq_bytes(48, 0);
  data.payload = ppp;
  CHECK(summarize(decode(encode(data)).value) == "DATA tunnel=12 session=3 Ns=9 Nr=0 PPP 48 bytes");

  Message sccrq;
  sccrq.header = control_header(0, 0, 0, 0);
  sccrq.message_type = to_u16(MessageType::sccrq);
  sccrq.avps = {make_avp_protocol_version(), make_avp_string(7, "lac1", true),
                make_avp_framing(AvpType::framing_capabilities, false, true),
                make_avp_u16(9, 12, true), make_avp_u16(10, 4, true)};
  CHECK(summarize(decode(encode(sccrq)).value) ==
        "SCCRQ tunnel=0 Ns=0 Nr=0 host=lac1 assigned_tunnel=12 window=4");

  const Bytes cdn_wire = encode(sample_message(MessageType::cdn));
  CHECK(summarize(decode(cdn_wire).value) ==
        "CDN tunnel=12 session=3 Ns=2 Nr=5 result=3 (Administrative) error=0 assigned_session=3 "
        "q931=16 msg=0x45");
}
