#include <catch2/catch.hpp>

#include "src/core/byte_reader.h"
#include "src/core/byte_writer.h"

using namespace ts;

TEST_CASE("ByteReader reads big-endian fields and fails stickily with the field name") {
  const Bytes b{0x01, 0x02, 0x03, 0x04, 0x05};
  ByteReader r(b);
  CHECK(r.be16("a") == 0x0102);
  CHECK(r.u8("b") == 0x03);
  CHECK(r.be32("c") == 0);
  CHECK_FALSE(r.ok());
  CHECK(r.truncation() == "c");
  CHECK(r.u8("d") == 0);           // sticky
  CHECK(r.truncation() == "c");    // first failure kept
  CHECK(r.remaining() == 0);
}

TEST_CASE("ByteWriter round-trips through ByteReader") {
  ByteWriter w;
  w.u8(7).be16(0xabcd).be24(0x123456).be32(0xdeadbeef).padded("ab", 4);
  w.patch_be16(1, 0x1111);
  ByteReader r(w.data());
  CHECK(r.u8("x") == 7);
  CHECK(r.be16("x") == 0x1111);
  CHECK(r.be24("x") == 0x123456);
  CHECK(r.be32("x") == 0xdeadbeef);
  CHECK(as_chars(r.take(4, "x")) == std::string_view("ab\0\0", 4));
  CHECK(r.ok());
  CHECK(r.empty());
}

TEST_CASE("hex helpers") {
  CHECK(to_hex(from_hex("0a:1B ff")) == "0a1bff");
  CHECK(from_hex("abc").empty());
  CHECK(printable(as_bytes("a\"\x01")) == "a\\\"\\x01");
}
