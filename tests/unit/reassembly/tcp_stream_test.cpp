#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "src/observe/tcp_stream.h"

using namespace ts;
using namespace ts::observe;

namespace {
const Instant t0 = instant_from_ns(5'000'000'000);

std::size_t count(const Diagnostics& d, std::string_view id) {
  return static_cast<std::size_t>(
      std::count_if(d.begin(), d.end(), [&](const Diagnostic& x) { return x.def && x.def->id == id; }));
}

std::string text(ByteView v) { return std::string(as_chars(v)); }

// Feeds `s` as one data segment at `seq`.
void feed(TcpStreamReassembler& r, std::uint32_t seq, std::string_view s, Diagnostics& out, bool fin = false) {
  r.on_segment(seq, false, fin, false, as_bytes(s), t0, out);
}

std::string drain(TcpStreamReassembler& r) {
  std::string s = text(r.readable());
  r.consume(s.size());
  return s;
}
}  // namespace

TEST_CASE("In-order stream after a SYN") {
  TcpStreamReassembler r;
  Diagnostics out;
  r.on_segment(1000, true, false, false, {}, t0, out);
  CHECK(r.started());
  CHECK(r.syn_seen());
  CHECK(r.next_seq() == 1001);
  feed(r, 1001, "hello ", out);
  feed(r, 1007, "world", out);
  CHECK(text(r.readable()) == "hello world");
  r.consume(6);
  CHECK(text(r.readable()) == "world");
  r.consume(100);  // clipped
  CHECK(r.readable().empty());
  feed(r, 1012, "!", out, true);
  CHECK(r.fin_seen());
  CHECK(r.finished());
  CHECK(drain(r) == "!");
  feed(r, 1013, "late", out);  // after FIN: ignored
  CHECK(r.readable().empty());
  CHECK(out.empty());
  CHECK(r.counters().bytes == 12);
  CHECK(r.counters().segments == 5);
  CHECK_FALSE(r.gap_before_readable());
}

TEST_CASE("A message split over segments is framed by the consumer") {
  TcpStreamReassembler r;
  Diagnostics out;
  r.on_segment(0, true, false, false, {}, t0, out);
  // A toy 2-byte length prefix framing, split at every possible byte.
  const std::string msg = std::string("\x00\x05", 2) + "abcde" + std::string("\x00\x03", 2) + "xyz";
  std::uint32_t seq = 1;
  std::vector<std::string> frames;
  for (char c : msg) {
    r.on_segment(seq++, false, false, false, as_bytes(std::string_view(&c, 1)), t0, out);
    while (r.readable().size() >= 2) {
      const auto v = r.readable();
      const std::size_t len = std::size_t{v[0]} << 8 | v[1];
      if (v.size() < 2 + len) break;
      frames.push_back(text(v.subspan(2, len)));
      r.consume(2 + len);
    }
  }
  CHECK(frames == std::vector<std::string>{"abcde", "xyz"});
}

TEST_CASE("Retransmissions and overlaps are dropped and counted") {
  TcpStreamReassembler r;
  Diagnostics out;
  r.on_segment(99, true, false, false, {}, t0, out);
  feed(r, 100, "abcd", out);
  feed(r, 100, "abcd", out);       // full retransmission
  feed(r, 102, "cdef", out);       // overlap: "ef" is new
  r.on_segment(99, true, false, false, {}, t0, out);  // SYN retransmitted
  CHECK(drain(r) == "abcdef");
  CHECK(r.counters().retransmitted == 2);
  CHECK(out.empty());
}

TEST_CASE("Out-of-order segments are held until the hole fills") {
  TcpStreamReassembler r;
  Diagnostics out;
  r.on_segment(0, true, false, false, {}, t0, out);
  feed(r, 9, "ghi", out);
  feed(r, 5, "ef", out);   // still a hole at 1..4
  feed(r, 5, "e", out);    // shorter duplicate of a held segment
  CHECK(r.readable().empty());
  CHECK(r.held_bytes() == 5);
  feed(r, 1, "abcd", out);
  CHECK(text(r.readable()) == "abcdef");  // 7..8 still missing
  feed(r, 7, "XYgh", out);              // fills the hole and overlaps held "gh"
  CHECK(drain(r) == "abcdefXYghi");
  CHECK(r.held_bytes() == 0);
  CHECK(r.counters().out_of_order == 3);
  CHECK(out.empty());
}

TEST_CASE("Sequence numbers wrap at 2^32") {
  TcpStreamReassembler r;
  Diagnostics out;
  r.on_segment(0xfffffffa, true, false, false, {}, t0, out);
  feed(r, 0xfffffffb, "abc", out);
  feed(r, 0x00000001, "ghij", out);   // after the wrap, out of order
  feed(r, 0xfffffffe, "def", out);    // spans the wrap: ...fe ff 00
  CHECK(drain(r) == "abcdefghij");
  CHECK(r.next_seq() == 5);
  feed(r, 0xfffffffb, "abc", out);    // old data from before the wrap
  CHECK(r.readable().empty());
  CHECK(r.counters().retransmitted == 1);
  CHECK(out.empty());
}

TEST_CASE("A stream joined mid-connection starts at the first segment") {
  TcpStreamReassembler r;
  Diagnostics out;
  feed(r, 123456, "middle", out);
  CHECK(count(out, "capture.tcp_midstream") == 1);
  CHECK_FALSE(r.syn_seen());
  feed(r, 123462, " end", out);
  CHECK(drain(r) == "middle end");
  CHECK(count(out, "capture.tcp_midstream") == 1);
  r.on_segment(5, true, false, false, {}, t0, out);  // a SYN after the start is not followed
  feed(r, 123466, "!", out);
  CHECK(drain(r) == "!");
}

TEST_CASE("A hole never filled: flush_gap() skips it and resumes") {
  TcpStreamReassembler r;
  Diagnostics out;
  r.on_segment(0, true, false, false, {}, t0, out);
  feed(r, 1, "abc", out);
  r.consume(2);  // "c" is an unfinished message
  feed(r, 14, "xyz", out);
  feed(r, 30, "tail", out);
  CHECK(text(r.readable()) == "c");
  r.flush_gap(out);
  CHECK(count(out, "capture.tcp_gap") == 2);
  REQUIRE_FALSE(out.empty());
  CHECK(out[0].detail.find("10 bytes missing") != std::string::npos);
  CHECK(r.gap_before_readable());
  CHECK(text(r.readable()) == "tail");  // xyz was delivered and dropped at the second hole
  CHECK(r.counters().gaps == 2);
  CHECK(r.counters().gap_bytes == 10 + 13);
  CHECK(r.counters().dropped_bytes == 1 + 3);
  r.clear_gap();
  CHECK_FALSE(r.gap_before_readable());
  feed(r, 34, "more", out);
  CHECK(drain(r) == "tailmore");
}

TEST_CASE("Held bytes are bounded: past the bound the hole is declared") {
  TcpStreamReassembler r(TcpStreamLimits{64, 1u << 20});
  Diagnostics out;
  r.on_segment(0, true, false, false, {}, t0, out);
  feed(r, 1, "ab", out);
  const std::string chunk(40, 'x');
  feed(r, 101, chunk, out);
  CHECK(out.empty());
  feed(r, 141, chunk, out);  // 80 held > 64
  CHECK(count(out, "capture.tcp_gap") == 1);
  CHECK(r.gap_before_readable());
  CHECK(r.readable().size() == 80);
  CHECK(r.held_bytes() == 0);
  CHECK(r.counters().gap_bytes == 98);
  CHECK(r.next_seq() == 181);
}

TEST_CASE("Unconsumed bytes are bounded") {
  TcpStreamReassembler r(TcpStreamLimits{1u << 20, 100});
  Diagnostics out;
  r.on_segment(0, true, false, false, {}, t0, out);
  std::uint32_t seq = 1;
  for (int i = 0; i < 5; ++i) {
    feed(r, seq, std::string(30, static_cast<char>('a' + i)), out);
    seq += 30;
  }
  CHECK(r.readable().size() == 100);
  CHECK(r.readable()[0] == 'b');  // the oldest 50 bytes (all 'a', then 20 'b') were dropped
  CHECK(count(out, "capture.tcp_buffer_overflow") == 1);
  CHECK(r.counters().dropped_bytes == 50);
  CHECK(r.gap_before_readable());
}

TEST_CASE("RST stops nothing but is recorded; its data is ignored") {
  TcpStreamReassembler r;
  Diagnostics out;
  r.on_segment(0, true, false, false, {}, t0, out);
  r.on_segment(1, false, false, true, as_bytes("boom"), t0 + std::chrono::seconds(1), out);
  CHECK(r.rst_seen());
  CHECK(r.readable().empty());
  CHECK(r.last_seen() == t0 + std::chrono::seconds(1));
}

TEST_CASE("Consumption keeps the buffer compact over a long stream") {
  TcpStreamReassembler r;
  Diagnostics out;
  r.on_segment(7, true, false, false, {}, t0, out);
  std::uint32_t seq = 8;
  const std::string seg(1000, 'q');
  for (int i = 0; i < 10000; ++i) {
    feed(r, seq, seg, out);
    seq += 1000;
    r.consume(999);  // leave a byte each time
  }
  CHECK(r.readable().size() == 10000);
  CHECK(r.counters().bytes == 10'000'000);
  CHECK(out.empty());
}
