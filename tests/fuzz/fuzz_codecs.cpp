// libFuzzer harness for the per-protocol codecs. The first input byte picks the codec; the
// rest is one PDU. Each decoded value is described, summarised and re-encoded, and the
// re-encoded bytes decoded again, so every path a decoded value can take is exercised.
#include <cstddef>
#include <cstdint>

#include "dissectors/gre/header.h"
#include "dissectors/l2tp/describe.h"
#include "dissectors/l2tp/message.h"
#include "dissectors/l2tp/required_avps.h"
#include "dissectors/ppp/hdlc.h"
#include "dissectors/ppp/ppp_packet.h"
#include "dissectors/pptp/message.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const ts::ByteView pdu(data + 1, size - 1);
  ts::Field layer;
  switch (data[0] % 5) {
    case 0: {
      ts::l2tp::DecodeOptions opt;
      opt.secret = "fuzz";
      opt.has_secret = data[0] & 0x80;
      auto d = ts::l2tp::decode(pdu, opt);
      ts::l2tp::describe(d.value, layer);
      (void)ts::l2tp::summarize(d.value);
      (void)ts::l2tp::check_required_avps(d.value);
      if (d.complete) (void)ts::l2tp::decode(ts::l2tp::encode(d.value));
      break;
    }
    case 1: {
      auto d = ts::pptp::decode(pdu);
      ts::pptp::describe(d.value, layer);
      (void)ts::pptp::summarize(d.value);
      (void)ts::pptp::stream_message_length(pdu);
      if (d.complete) (void)ts::pptp::decode(ts::pptp::encode(d.value));
      break;
    }
    case 2: {
      auto d = ts::gre::decode(pdu);
      ts::gre::describe(d.value, layer);
      (void)ts::gre::summarize(d.value);
      if (d.complete) (void)ts::gre::decode(ts::gre::encode(d.value, d.value.payload));
      break;
    }
    case 3: {
      auto d = ts::ppp::decode_ppp(pdu, static_cast<ts::ppp::ChapAlgorithm>((data[0] >> 3) % 4));
      ts::ppp::describe(d.value, layer);
      (void)ts::ppp::summarize(d.value);
      break;
    }
    case 4: {
      ts::ppp::AsyncHdlcDeframer deframer;
      for (std::size_t off = 0; off < pdu.size(); off += 7) (void)deframer.feed(pdu.subspan(off, std::min<std::size_t>(7, pdu.size() - off)));
      break;
    }
  }
  return 0;
}
