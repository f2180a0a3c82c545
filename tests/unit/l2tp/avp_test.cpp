// AVP table, typed values, per-AVP checks (RFC 2661 §4.1, §4.4), message-level rules
// (§4.4.1, §6) and describe().
#include <catch2/catch.hpp>

#include <set>

#include "dissectors/l2tp/avp_table.h"
#include "dissectors/l2tp/describe.h"
#include "dissectors/l2tp/l2tp_diagnostics.h"
#include "dissectors/l2tp/required_avps.h"
#include "samples.h"

using namespace l2tp_test;

namespace {
Diagnostics diags_of(std::vector<Avp> avps, std::optional<std::uint16_t> mt = std::uint16_t{1},
                     std::uint16_t session = 0) {
  Message m;
  m.header = control_header(1, session, 0, 0);
  m.message_type = mt;
  m.avps = std::move(avps);
  return decode(encode(m)).diags;
}
}  // namespace

TEST_CASE("the AVP table covers RFC 2661 §4.4 types 0..39 (20 is unassigned)") {
  std::set<std::uint16_t> types;
  std::set<std::string_view> names;
  for (const auto& e : avp_table()) {
    types.insert(e.type);
    names.insert(e.name);
    CHECK(e.min_len <= e.max_len);
    CHECK(e.clause.starts_with("RFC 2661 §4.4."));
  }
  for (std::uint16_t t = 0; t <= 39; ++t) CHECK(types.count(t) == (t == 20 ? 0u : 1u));
  CHECK(names.size() == avp_table().size());
  CHECK(avp_name(0, 7) == "Host Name");
  CHECK(avp_name(0, 200) == "unknown(200)");
  CHECK(avp_name(9, 1) == "vendor 9 type 1");
  CHECK(code_abbrev(message_type_names(), 5) == "unknown(5)");
  CHECK(code_name(message_type_names(), 14) == "Call-Disconnect-Notify");
}

TEST_CASE("typed AVP values") {
  CHECK(parse_result_code(from_hex("0001")) == ResultCode{1, std::nullopt, ""});
  CHECK(parse_result_code(from_hex("0002 0006")) == ResultCode{2, std::uint16_t{6}, ""});
  CHECK(parse_result_code(from_hex("0002 0006 6869")) == ResultCode{2, std::uint16_t{6}, "hi"});
  CHECK_FALSE(parse_result_code(from_hex("000200")));
  CHECK(parse_q931_cause(from_hex("0010 45 6f6b")) == Q931Cause{16, 0x45, "ok"});
  CHECK(parse_protocol_version(from_hex("0100")) == ProtocolVersion{1, 0});
  const auto f = parse_framing(from_hex("00000003"));
  REQUIRE(f);
  CHECK((f->async && f->sync && f->other == 0));
  const auto b = parse_bearer(from_hex("00000101"));
  REQUIRE(b);
  CHECK((!b->analog && b->digital && b->other == 0x100));
  CHECK(parse_call_errors(from_hex("0000 00000001 00000002 00000003 00000004 00000005 00000006")) ==
        CallErrors{0, 1, 2, 3, 4, 5, 6});
  CHECK(parse_accm(from_hex("0000 ffffffff 000a0000")) == Accm{0, 0xffffffff, 0x000a0000});
  CHECK(parse_proxy_authen_id(from_hex("002a")) == std::uint8_t{42});
  CHECK_FALSE(parse_u32(from_hex("000102")));
}

TEST_CASE("Message Type AVP rules (RFC 2661 §4.4.1, §3.2)") {
  // Not first: Host Name, then Message Type.
  Message m;
  m.header = control_header(1, 0, 0, 0);
  m.avps = {make_avp_string(7, "x", true), make_avp_message_type(6)};
  const auto d = decode(encode(m));
  CHECK(has_diag(d.diags, "l2tp.msg.message_type_not_first"));
  CHECK(d.value.message_type == std::uint16_t{6});
  // Missing.
  m.avps = {make_avp_string(7, "x", true)};
  CHECK(has_diag(decode(encode(m)).diags, "l2tp.msg.message_type_missing"));
  // Unknown or reserved types, with and without M.
  CHECK(has_diag(diags_of({}, std::uint16_t{13}), "l2tp.msg.unknown_type"));
  m.avps = {make_avp_u16(0, 99, false)};
  CHECK(has_diag(decode(encode(m)).diags, "l2tp.msg.unknown_type_ignorable"));
  // HELLO with a session.
  CHECK(has_diag(diags_of({}, std::uint16_t{6}, 4), "l2tp.msg.hello_session_nonzero"));
  // SCCRQ with a Tunnel ID, ICRQ with a Session ID: nothing was assigned yet.
  CHECK(has_diag(diags_of({}, std::uint16_t{1}), "l2tp.msg.initial_id_nonzero"));
  CHECK(has_diag(diags_of({}, std::uint16_t{10}, 9), "l2tp.msg.initial_id_nonzero"));
}

TEST_CASE("unknown, vendor and reserved-bit AVPs are kept and reported (RFC 2661 §4.1)") {
  const Bytes vendor_value{1, 2, 3};
  Message m;
  m.header = control_header(1, 0, 0, 0);
  m.message_type = std::uint16_t{6};
  m.avps = {make_avp(200, vendor_value, true), make_avp(201, {}, false),
            make_avp_vendor(311, 5, vendor_value, false)};
  const auto d = decode(encode(m));
  CHECK(has_diag(d.diags, "l2tp.avp.mandatory_unknown"));
  CHECK(has_diag(d.diags, "l2tp.avp.unknown"));
  REQUIRE(d.value.avps.size() == 4);
  CHECK(d.value.avps[3].vendor_id == 311);
  CHECK(d.value.avps[3].attribute_type == 5);
  // Reserved bits in an AVP header (0x0400 of the first word).
  const auto rsvd = decode(from_hex("c802 0014 000c 0000 0001 0002 8408 0000 0000 0006"));
  CHECK(has_diag(rsvd.diags, "l2tp.avp.reserved_bits"));
  CHECK(rsvd.value.avps[0].reserved == 1);
}

TEST_CASE("per-AVP rules from RFC 2661 §4.4") {
  CHECK(has_diag(diags_of({make_avp_string(7, "h", false)}), "l2tp.avp.m_bit_wrong"));
  CHECK(has_diag(diags_of({make_avp(9, Bytes{0, 1, 2}, true)}), "l2tp.avp.bad_value_length"));
  CHECK(has_diag(diags_of({make_avp(1, Bytes{0, 1, 2}, true)}), "l2tp.avp.bad_value_length"));
  CHECK(has_diag(diags_of({make_avp(7, {}, true)}), "l2tp.avp.bad_value_length"));
  CHECK(has_diag(diags_of({make_avp_u16(9, 0, true)}), "l2tp.avp.zero_id"));
  CHECK(has_diag(diags_of({make_avp_u16(14, 0, true)}), "l2tp.avp.zero_id"));
  CHECK(has_diag(diags_of({make_avp_protocol_version({2, 0})}), "l2tp.avp.protocol_version"));
  // As SoftEther's StopCCN: result 0 (Reserved), error 0x0600.
  CHECK(has_diag(diags_of({make_avp(1, Bytes{0, 0, 6, 0, 0, 0, 0, 0}, true)}), "l2tp.avp.result_code_reserved"));
  CHECK_FALSE(has_diag(diags_of({make_avp_result_code({1, std::nullopt, {}})}), "l2tp.avp.result_code_reserved"));
  CHECK(has_diag(diags_of({make_avp(32, Bytes{1, 2}, false)}), "l2tp.avp.value_reserved_nonzero"));
  CHECK(has_diag(diags_of({make_avp_call_errors({7, 0, 0, 0, 0, 0, 0})}), "l2tp.avp.value_reserved_nonzero"));
  CHECK(has_diag(diags_of({make_avp_accm({1, 0, 0})}), "l2tp.avp.value_reserved_nonzero"));
  // Host Name MUST NOT be hidden: hide it anyway.
  Message m;
  m.header = control_header(1, 0, 0, 0);
  m.message_type = std::uint16_t{1};
  Avp host = make_avp_string(7, "lac", true);
  host.hidden = true;
  m.avps = {make_avp_bytes(36, seq_bytes(16, 0), true), host};
  const auto d = decode(encode(m, {"k", {}}), {"k", true});
  CHECK(has_diag(d.diags, "l2tp.avp.hidden_forbidden"));
  CHECK(as_chars(d.value.avps[2].value()) == "lac");
}

TEST_CASE("per-message AVP requirements (RFC 2661 §6)") {
  Message m = sample_message(MessageType::sccrq);
  m.avps.erase(m.avps.begin() + 1);  // Host Name
  const auto missing = check_required_avps(decode(encode(m)).value);
  REQUIRE(missing.size() == 1);
  CHECK(missing[0].def->id == "l2tp.msg.avp_missing");
  CHECK(missing[0].detail == "Host Name (RFC 2661 §6.1)");
  Message icrp = sample_message(MessageType::icrp);
  icrp.avps.push_back(make_avp_u64(5, 1, false));  // Tie Breaker is SCCRQ-only
  const auto extra = check_required_avps(decode(encode(icrp)).value);
  REQUIRE(extra.size() == 1);
  CHECK(extra[0].def->id == "l2tp.msg.avp_unexpected");
  // Proxy Authen Type 2 (CHAP) without Challenge, ID and Response (RFC 2661 §4.4.5).
  Message iccn = sample_message(MessageType::iccn);
  std::erase_if(iccn.avps, [](const Avp& a) { return a.attribute_type >= 31 && a.attribute_type <= 33; });
  const auto proxy = check_required_avps(decode(encode(iccn)).value);
  REQUIRE(proxy.size() == 3);
  CHECK(proxy[0].detail == "Proxy Authen Challenge for Proxy Authen Type 2 (RFC 2661 §4.4.5)");
  CHECK(message_avp_rules().size() == 14);
  CHECK(find_message_avp_rule(14)->must.size() == 2);
}

TEST_CASE("describe() fills header fields and typed AVP values") {
  const Bytes wire = encode(sample_message(MessageType::cdn));
  const auto d = decode(wire);
  Field layer;
  describe(d.value, layer);
  const Field* hdr = layer.find("header");
  REQUIRE(hdr);
  CHECK(hdr->find("tunnel_id")->number == 12);
  CHECK(hdr->find("length")->number == wire.size());
  CHECK(layer.find("message_type_abbrev")->text == "CDN");
  const Field* avps = layer.find("avps");
  REQUIRE(avps);
  REQUIRE(avps->children.size() == 4);
  const Field& rc = avps->children[1];
  CHECK(rc.find("name")->text == "Result Code");
  CHECK(rc.find("mandatory")->number == 1);
  CHECK(rc.find("value")->find("result_name")->text == "Call disconnected for administrative reasons");
  CHECK(avps->children[2].find("value")->number == 3);
  CHECK(avps->children[3].find("value")->find("advisory")->text == "normal");
  // Every sample describes and summarizes without surprises.
  for (const MessageType t : all_message_types()) {
    Field f;
    const Bytes w = encode(sample_message(t));
    const auto x = decode(w);
    describe(x.value, f);
    CHECK(f.find("avps")->children.size() == x.value.avps.size());
    CHECK(summarize(x.value).starts_with(code_abbrev(message_type_names(), to_u16(t))));
  }
}

TEST_CASE("the L2TP diagnostics are registered with stable ids and clauses") {
  std::set<std::string_view> ids;
  for (const auto* def : diag::all_defs()) {
    CHECK(def->id.starts_with("l2tp."));
    CHECK(def->clause.starts_with("RFC 2661 §"));
    ids.insert(def->id);
  }
  CHECK(ids.size() == diag::all_defs().size());
  std::size_t registered = 0;
  for (const auto* def : all_diagnostic_defs())
    if (ids.count(def->id)) ++registered;
  CHECK(registered == ids.size());
}
