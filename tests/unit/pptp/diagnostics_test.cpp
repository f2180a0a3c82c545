// Every PPTP diagnostic is triggered by a hand-built message, and the table is well formed.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <set>
#include <string>

#include "dissectors/pptp/diagnostics.h"
#include "dissectors/pptp/message.h"

using namespace ts;
using namespace ts::pptp;

namespace {

std::set<std::string> ids_of(const Decoded<Message>& d) {
  std::set<std::string> out;
  for (const auto& x : d.diags) out.insert(std::string(x.def->id));
  return out;
}

Bytes wire(Body body) { return encode(make_message(std::move(body))); }

Bytes with_header(Body body, const std::function<void(Header&)>& change) {
  Message m = make_message(std::move(body));
  change(m.header);
  Bytes b = encode(m);
  b[0] = static_cast<std::uint8_t>(m.header.length >> 8);  // encode() computes Length: undo
  b[1] = static_cast<std::uint8_t>(m.header.length);
  return b;
}

struct Case {
  const DiagnosticDef* def;
  std::function<Bytes()> build;
};

}  // namespace

TEST_CASE("PPTP: each diagnostic fires on its hand-built message, and only it") {
  const std::vector<Case> cases{
      {&diag::kBadMagic, [] { auto b = wire(EchoRequest{1}); b[7] = 0x4e; return b; }},
      {&diag::kBadLength, [] { return with_header(EchoRequest{1}, [](Header& h) { h.length = 20; }); }},
      {&diag::kBadMessageType, [] { return with_header(EchoRequest{1}, [](Header& h) { h.pptp_message_type = 2; }); }},
      {&diag::kHeaderReservedNonzero, [] { return with_header(EchoRequest{1}, [](Header& h) { h.reserved0 = 1; }); }},
      {&diag::kUnknownType,
       [] {
         Message m;
         m.header.control_message_type = 16;
         m.body = UnknownMessage{Bytes(4, 0)};
         return encode(m);
       }},
      {&diag::kBadProtocolVersion, [] { return wire(StartControlConnectionRequest{0x0200, 0, 1, 1, 0, 0, "a", "b"}); }},
      {&diag::kReservedNonzero, [] { return wire(StopControlConnectionRequest{1, 0, 5}); }},
      {&diag::kUnknownResult, [] { return wire(OutgoingCallReply{1, 2, 9, 0, 0, 0, 0, 0, 0}); }},
      {&diag::kUnknownErrorCode, [] { return wire(EchoReply{1, 2, 7, 0}); }},
      {&diag::kErrorWithoutGeneral, [] { return wire(OutgoingCallReply{1, 2, 1, 3, 0, 0, 0, 0, 0}); }},
      {&diag::kBadBearerType, [] { return wire(OutgoingCallRequest{1, 1, 0, 0, 4, 1, 0, 0, 0, 0, "", ""}); }},
      {&diag::kBadFramingType, [] { return wire(IncomingCallConnected{1, 0, 0, 0, 0, 3}); }},
      {&diag::kNumberLengthTooLong, [] { return wire(OutgoingCallRequest{1, 1, 0, 0, 1, 1, 0, 0, 65, 0, "", ""}); }},
      {&diag::kTextPaddingNonzero,
       [] {
         auto b = wire(StartControlConnectionRequest{0x0100, 0, 1, 1, 0, 0, "pns1", "v"});
         b[28 + 10] = 'x';  // Host Name starts at octet 28; text ends at its first NUL
         return b;
       }},
  };
  std::set<std::string> fired;
  for (const auto& c : cases) {
    INFO(c.def->id);
    const auto d = decode(c.build());
    CHECK(d.complete);
    CHECK(ids_of(d) == std::set<std::string>{std::string(c.def->id)});
    fired.insert(std::string(c.def->id));
  }
  for (const auto* def : pptp_diagnostics()) {
    INFO(def->id);
    CHECK(fired.count(std::string(def->id)) == 1);
  }
}

TEST_CASE("PPTP: a lying Length on a cut message reports the lie and the cut") {
  // SCCRQ claiming 16 octets, framed by that Length: the body runs out at the Host Name.
  Bytes b = wire(StartControlConnectionRequest{0x0100, 0, 1, 1, 0, 0, "pns1", "v"});
  b[1] = 16;
  b.resize(16);
  const auto d = decode(b);
  CHECK_FALSE(d.complete);
  CHECK(d.truncated_field == "framing_capabilities");
  CHECK(ids_of(d) == std::set<std::string>{"pptp.header.bad_length"});
}

TEST_CASE("PPTP: text cut by the capture keeps what was there") {
  const Bytes b = wire(StartControlConnectionRequest{0x0100, 0, 1, 1, 0, 0, "pns-host", "v"});
  const auto d = decode(ByteView(b).first(28 + 3));
  CHECK_FALSE(d.complete);
  CHECK(d.truncated_field == "host_name");
  CHECK(std::get<StartControlConnectionRequest>(d.value.body).host_name == "pns");
}

TEST_CASE("PPTP: diagnostics table is registered and cites the RFC") {
  const auto all = all_diagnostic_defs();
  for (const auto* def : pptp_diagnostics()) {
    INFO(def->id);
    CHECK(def->id.substr(0, 5) == "pptp.");
    CHECK(def->clause.substr(0, 9) == "RFC 2637 ");
    CHECK_FALSE(def->text.empty());
    CHECK(std::find(all.begin(), all.end(), def) != all.end());
  }
}
