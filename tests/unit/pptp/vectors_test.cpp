// Hand-written PPTP messages from the RFC 2637 §2 diagrams decode to the expected fields.
#include <catch2/catch.hpp>

#include "dissectors/pptp/message.h"
#include "dissectors/pptp/names.h"

using namespace ts;
using namespace ts::pptp;

namespace {
Bytes with_text(std::string_view hex_before, std::initializer_list<std::pair<std::string_view, std::size_t>> texts) {
  Bytes b = from_hex(hex_before);
  for (const auto& [s, n] : texts) {
    for (std::size_t i = 0; i < n; ++i) b.push_back(i < s.size() ? static_cast<std::uint8_t>(s[i]) : 0);
  }
  return b;
}
}  // namespace

TEST_CASE("PPTP SCCRQ from the RFC 2637 §2.1 diagram") {
  // Length 156, control message, cookie, type 1, version 1.0, async+sync, analog+digital,
  // 0 channels, firmware 0x0a00, host name and vendor string (64 octets each).
  const Bytes b = with_text("009c 0001 1a2b3c4d 0001 0000 0100 0000 00000003 00000003 0000 0a00",
                            {{"pns1", 64}, {"Microsoft", 64}});
  REQUIRE(b.size() == 156);
  const auto d = decode(b);
  CHECK(d.complete);
  CHECK(d.diags.empty());
  CHECK(d.value.header.length == 156);
  CHECK(d.value.header.magic_cookie == kMagicCookie);
  const auto& m = std::get<StartControlConnectionRequest>(d.value.body);
  CHECK(m.protocol_version == 0x0100);
  CHECK(m.framing_capabilities == 3);
  CHECK(m.bearer_capabilities == 3);
  CHECK(m.firmware_revision == 0x0a00);
  CHECK(m.host_name == "pns1");
  CHECK(m.vendor_string == "Microsoft");
  CHECK(summarize(d.value) == "SCCRQ ver=1.0 host=pns1 vendor=Microsoft framing=async,sync bearer=analog,digital");
  CHECK(encode(d.value) == b);
}

TEST_CASE("PPTP OCRP from the RFC 2637 §2.8 diagram") {
  const Bytes b = from_hex("0020 0001 1a2b3c4d 0008 0000 0005 9c40 01 00 0000 0000fa00 0040 0000 00000007");
  const auto d = decode(b);
  CHECK(d.complete);
  CHECK(d.diags.empty());
  const auto& m = std::get<OutgoingCallReply>(d.value.body);
  CHECK(m.call_id == 5);
  CHECK(m.peer_call_id == 40000);
  CHECK(m.result_code == 1);
  CHECK(m.connect_speed == 64000);
  CHECK(m.packet_recv_window_size == 64);
  CHECK(m.physical_channel_id == 7);
  CHECK(summarize(d.value) == "OCRP call=5 peer_call=40000 result=1 (Connected)");
  Field layer;
  describe(d.value, layer);
  CHECK(layer.find("message")->text == "OCRP");
  CHECK(layer.find("control_message_name")->text == "Outgoing-Call-Reply");
  CHECK(layer.find("peer_call_id")->number == 40000);
  CHECK(layer.find("result")->text == "Connected");
}

TEST_CASE("PPTP Echo-Request and Echo-Reply (RFC 2637 §2.5, §2.6)") {
  const auto rq = decode(from_hex("0010 0001 1a2b3c4d 0005 0000 00000003"));
  CHECK(rq.diags.empty());
  CHECK(std::get<EchoRequest>(rq.value.body).identifier == 3);
  CHECK(summarize(rq.value) == "ECHORQ id=3");
  const auto rp = decode(from_hex("0014 0001 1a2b3c4d 0006 0000 00000003 01 00 0000"));
  CHECK(rp.diags.empty());
  CHECK(summarize(rp.value) == "ECHORP id=3 result=1 (OK)");
}

TEST_CASE("PPTP CDN with a general error and call statistics (RFC 2637 §2.13, §2.16)") {
  const Bytes b = with_text("0094 0001 1a2b3c4d 000d 0000 0005 02 05 0010 0000", {{"rx=10 tx=20", 128}});
  const auto d = decode(b);
  CHECK(d.complete);
  CHECK(d.diags.empty());
  const auto& m = std::get<CallDisconnectNotify>(d.value.body);
  CHECK(m.result_code == 2);
  CHECK(m.error_code == 5);
  CHECK(m.cause_code == 16);
  CHECK(m.call_statistics == "rx=10 tx=20");
  CHECK(summarize(d.value) ==
        "CDN call=5 result=2 (General Error) error=5 (Bad-Call ID) cause=16 stats=\"rx=10 tx=20\"");
}

TEST_CASE("PPTP SLI, WEN, ICCN, CCRQ, StopCCRQ summaries") {
  CHECK(summarize(decode(from_hex("0018 0001 1a2b3c4d 000f 0000 9c40 0000 00000000 ffffffff")).value) ==
        "SLI peer_call=40000 send_accm=0x00000000 recv_accm=0xffffffff");
  CHECK(summarize(decode(from_hex("0010 0001 1a2b3c4d 000c 0000 9c40 0000")).value) == "CCRQ call=40000");
  CHECK(summarize(decode(from_hex("0010 0001 1a2b3c4d 0003 0000 01 00 0000")).value) == "StopCCRQ reason=1 (None)");
  CHECK(summarize(decode(from_hex("001c 0001 1a2b3c4d 000b 0000 0005 0000 0000fa00 0010 0001 00000002")).value) ==
        "ICCN peer_call=5 speed=64000 window=16 framing=sync");
  CHECK(summarize(decode(from_hex("0028 0001 1a2b3c4d 000e 0000 0005 0000 00000001 00000002 00000003 00000004 "
                                  "00000005 00000006"))
                      .value) ==
        "WEN peer_call=5 crc=1 framing=2 hw_overruns=3 buf_overruns=4 timeouts=5 alignment=6");
}

TEST_CASE("PPTP result and error names differ per message (RFC 2637 §2.2-§2.16)") {
  CHECK(result_text(2, 1) == "OK");
  CHECK(result_text(2, 5) == "Bad Version");
  CHECK(result_text(3, 2) == "Stop-Protocol");
  CHECK(result_text(4, 2) == "General Error");
  CHECK(result_text(6, 1) == "OK");
  CHECK(result_text(8, 1) == "Connected");
  CHECK(result_text(8, 7) == "Do Not Accept");
  CHECK(result_text(10, 1) == "Connect");
  CHECK(result_text(13, 1) == "Lost Carrier");
  CHECK(result_text(13, 4) == "Request");
  CHECK(result_text(5, 1) == "unknown(1)");  // Echo-Request has no Result Code
  CHECK(error_text(0) == "None");
  CHECK(error_text(5) == "Bad-Call ID");
  CHECK(error_text(6) == "PAC-Error");
  CHECK(error_text(7) == "unknown(7)");
  CHECK(message_abbrev(1) == "SCCRQ");
  CHECK(message_abbrev(15) == "SLI");
  CHECK(code_name(control_message_types(), 14) == "WAN-Error-Notify");
  CHECK(bits_text(framing_capability_bits(), 0) == "none");
  CHECK(bits_text(bearer_capability_bits(), 0xa) == "digital,0x8");
}
