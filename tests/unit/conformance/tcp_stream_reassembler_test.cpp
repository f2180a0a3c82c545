// TcpStreamReassembler (conformance/capture/tcp_stream_reassembler.h): the sender's bytes in
// order and once, whatever the recording holds: retransmissions, overlaps, segments out of
// order, a FIN before the data it follows, sequence numbers wrapping, an RST.
#include <catch2/catch.hpp>

#include <string>

#include "conformance/capture/tcp_stream_reassembler.h"

using namespace ts;
using namespace ts::conformance;

namespace {

struct Seg {
  std::string data;
  net::TcpHeader h;
};

Seg seg(std::uint32_t seq, std::string data, std::uint16_t flags = net::tcp_flag::kAck) {
  Seg s{std::move(data), {}};
  s.h.seq = seq;
  s.h.flags = flags;
  s.h.payload = ByteView(reinterpret_cast<const std::uint8_t*>(s.data.data()), s.data.size());
  return s;
}

std::string feed(TcpStreamReassembler& r, const Seg& s) {
  const Bytes b = r.segment(s.h);
  return std::string(b.begin(), b.end());
}

}  // namespace

TEST_CASE("in order after the SYN; retransmitted and overlapping bytes come once") {
  TcpStreamReassembler r;
  CHECK(feed(r, seg(1000, "", net::tcp_flag::kSyn)).empty());
  CHECK(feed(r, seg(1001, "abc")) == "abc");
  CHECK(feed(r, seg(1001, "abc")).empty());  // a retransmission
  CHECK(feed(r, seg(1002, "bcdef")) == "def");  // overlapping, with new bytes
  CHECK_FALSE(r.fin());
}

TEST_CASE("a segment past a gap waits for the gap; a FIN counts when the stream reaches it") {
  TcpStreamReassembler r;
  feed(r, seg(0xfffffffe, "", net::tcp_flag::kSyn));  // the stream starts at 0xffffffff: wraps
  CHECK(feed(r, seg(2, "de", net::tcp_flag::kAck | net::tcp_flag::kFin)).empty());
  CHECK_FALSE(r.fin());
  CHECK(feed(r, seg(0xffffffff, "abc")) == "abcde");
  CHECK(r.fin());
  CHECK(feed(r, seg(5, "late")).empty());  // nothing after the FIN
}

TEST_CASE("without a SYN the first segment starts the stream; an RST ends it") {
  TcpStreamReassembler r;
  CHECK(feed(r, seg(500, "xy")) == "xy");
  CHECK(feed(r, seg(503, "zz")).empty());
  CHECK(feed(r, seg(502, "", net::tcp_flag::kRst)).empty());
  CHECK(r.reset());
  CHECK(feed(r, seg(502, "w")).empty());
}
