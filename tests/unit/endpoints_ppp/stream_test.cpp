// PppStreamEndpoint (RFC 1662 async HDLC) back to back over a byte pipe, and the
// SessionLinkFactory the tunnel roles use.
#include <algorithm>
#include <catch2/catch.hpp>

#include "dissectors/ppp/hdlc.h"
#include "src/endpoints/ppp/ppp_link_factory.h"
#include "src/endpoints/ppp/ppp_stream_endpoint.h"
#include "tests/unit/endpoints_ppp/configs.h"
#include "tests/unit/endpoints_ppp/link_pair.h"

using namespace ts;
using namespace ts::endpoints::ppp;
using namespace ts::endpoints::ppp::test;

namespace {

struct Chunk {
  Instant at;
  std::uint64_t order;
  int to;
  Bytes bytes;
};

// Two stream endpoints joined by a pipe that delivers each write after 5 ms in chunks of at
// most 7 octets (so frames straddle reads). `corrupt` may flip bits of a write. With
// `slow_readers`, each side reads only every 20 ms (side 0 on the 20 ms marks, side 1 10 ms
// later) and gets everything written since as one read, as from a pipe whose reader is
// slower than the writer.
class BytePipe {
 public:
  BytePipe(PppConfig a, PppConfig b) {
    ends_[0] = std::make_unique<PppStreamEndpoint>(std::move(a), 1);
    ends_[1] = std::make_unique<PppStreamEndpoint>(std::move(b), 1);
  }
  PppStreamEndpoint& end(int i) { return *ends_[i]; }
  std::function<void(int from, Bytes&)> corrupt;
  bool slow_readers = false;
  std::vector<std::pair<int, Bytes>> writes;  // every Send, by sender
  int closes[2] = {0, 0};
  std::size_t violations(int side, std::string_view id) const {
    std::size_t n = 0;
    for (const auto& v : violations_[side])
      if (v == id) ++n;
    return n;
  }

  void command(int side, Instant now, std::string name) {
    take(side, now, ends_[side]->handle(now, engine::Command{std::move(name), {}}));
  }
  void open(Instant now) {
    for (int i = 0; i < 2; ++i) take(i, now, ends_[i]->handle(now, engine::Opened{1}));
  }
  void run_until(Instant end) {
    for (int guard = 0; guard < 1000000; ++guard) {
      std::optional<Instant> t;
      for (const auto& c : pipe_)
        if (!t || c.at < *t) t = c.at;
      for (int i = 0; i < 2; ++i) {
        const auto d = ends_[i]->next_deadline();
        if (d && (!t || *d < *t)) t = d;
      }
      if (!t || *t > end) return;
      auto first = std::min_element(pipe_.begin(), pipe_.end(), [](const Chunk& x, const Chunk& y) {
        return x.at != y.at ? x.at < y.at : x.order < y.order;
      });
      if (first != pipe_.end() && first->at == *t) {
        Chunk c = std::move(*first);
        pipe_.erase(first);
        while (slow_readers) {
          auto more = std::find_if(pipe_.begin(), pipe_.end(),
                                   [&](const Chunk& x) { return x.to == c.to && x.at == c.at; });
          if (more == pipe_.end()) break;
          c.bytes.insert(c.bytes.end(), more->bytes.begin(), more->bytes.end());
          pipe_.erase(more);
        }
        take(c.to, *t, ends_[c.to]->handle(*t, engine::Received{1, std::move(c.bytes)}));
        continue;
      }
      for (int i = 0; i < 2; ++i) {
        const auto d = ends_[i]->next_deadline();
        if (d && *d <= *t) take(i, *t, ends_[i]->on_deadline(*t));
      }
    }
  }

 private:
  void take(int from, Instant now, engine::Actions actions) {
    for (auto& a : actions) {
      if (auto* v = std::get_if<engine::Violation>(&a))
        violations_[from].push_back(std::string(v->def->id));
      if (std::get_if<engine::CloseChannel>(&a)) ++closes[from];
      auto* send = std::get_if<engine::Send>(&a);
      if (!send) continue;
      Bytes data = send->data;
      if (corrupt) corrupt(from, data);
      writes.emplace_back(from, data);
      Instant arrives = now + 5ms;
      if (slow_readers) {
        const Duration phase = from == 0 ? 10ms : 0ms;  // the reader's (1 - from) offset
        const auto since = (now + 1ms - at(0s) - phase).count();
        const auto period = Duration(20ms).count();
        arrives = at(0s) + phase + Duration(((since + period - 1) / period) * period);
      }
      for (std::size_t off = 0; off < data.size(); off += 7) {
        const std::size_t n = std::min<std::size_t>(7, data.size() - off);
        pipe_.push_back(Chunk{arrives, order_++, 1 - from,
                              Bytes(data.begin() + off, data.begin() + off + n)});
      }
    }
  }

  std::unique_ptr<PppStreamEndpoint> ends_[2];
  std::vector<Chunk> pipe_;
  std::uint64_t order_ = 0;
  std::vector<std::string> violations_[2];
};

bool has_raw(const Bytes& wire, std::uint8_t c) {
  return std::find(wire.begin(), wire.end(), c) != wire.end();
}

}  // namespace

TEST_CASE(
    "HDLC stream endpoints negotiate and carry pings with a restrictive ACCM (RFC 1662 §4, §7.1)") {
  PppConfig server = server_config();
  PppConfig client = client_config();
  client.lcp.accm = 0x000A0000;  // the client's line eats XON (0x11) and XOFF (0x13)
  client.traffic.count = 3;
  client.traffic.size = 256;  // ICMP data 00..ff: every control character appears
  BytePipe p(server, client);
  p.open(at(0s));
  p.run_until(at(10s));
  CHECK(p.end(0).peer().ipcp().opened());
  CHECK(p.end(1).peer().ipcp().opened());
  CHECK(p.end(1).peer().host().counters().echo_replies_received == 3);
  REQUIRE(p.end(0).peer().accm().has_value());
  CHECK(p.end(0).peer().accm()->send == 0x000A0000);
  // Everything the server wrote (LCP: default map; data: the client's map) avoids raw
  // XON/XOFF; its data frames do carry other raw control characters (the map is not the
  // default), while every LCP frame escapes them all.
  bool raw_control_in_data = false;
  for (const auto& [from, wire] : p.writes) {
    if (from != 0) continue;
    CHECK_FALSE(has_raw(wire, 0x11));
    CHECK_FALSE(has_raw(wire, 0x13));
    const bool lcp =
        wire.size() > 5 && wire[1] == 0xFF && wire[2] == 0x7D && wire[3] == 0x23 && wire[4] == 0xC0;
    if (lcp)
      CHECK_FALSE(has_raw(wire, 0x01));
    else
      raw_control_in_data = raw_control_in_data || has_raw(wire, 0x01);
  }
  CHECK(raw_control_in_data);
  CHECK(p.end(0).counters().bad_frames == 0);
}

TEST_CASE(
    "control characters inserted by the line and flagged in the ACCM are removed (RFC 1662 §4.2)") {
  PppConfig client = client_config();
  client.lcp.accm = 0x000A0000;
  client.traffic.count = 3;
  BytePipe p(server_config(), client);
  // Line equipment towards the client inserts XON (0x11) into every write.
  p.corrupt = [](int from, Bytes& data) {
    if (from == 0 && data.size() > 4) data.insert(data.begin() + 3, 0x11);
  };
  p.open(at(0s));
  p.run_until(at(10s));
  CHECK(p.end(1).counters().bad_frames == 0);
  CHECK(p.end(1).counters().removed_control_characters > 5);
  CHECK(p.end(1).peer().ipcp().opened());
  CHECK(p.end(1).peer().host().counters().echo_replies_received == 3);
}

TEST_CASE(
    "HDLC frames with a bad FCS are dropped and counted; the link still opens (RFC 1662 §4.3)") {
  BytePipe p(server_config(), client_config());
  int writes = 0;
  p.corrupt = [&writes](int from, Bytes& data) {
    if (from == 0 && ++writes == 1 && data.size() > 6) data[5] ^= 0x01;  // first LCP request
  };
  p.open(at(0s));
  p.run_until(at(10s));
  CHECK(p.end(1).counters().bad_frames == 1);
  CHECK(p.violations(1, "ppp.peer.hdlc_fcs_error") == 1);
  CHECK(p.end(0).peer().ipcp().opened());
  CHECK(p.end(1).peer().ipcp().opened());
}

TEST_CASE(
    "a frame sent with the negotiated ACCM in the same read as the Configure-Ack that opens LCP "
    "is decoded with that ACCM (RFC 1662 §7.1)") {
  // The authenticator sends its Challenge (with raw control characters: both ends ask for
  // ACCM 0) as soon as LCP opens; the client reads it together with the Configure-Ack that
  // opens its own LCP. Several seeds, so that some Challenge holds an octet below 0x20.
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    CAPTURE(seed);
    PppConfig server = server_config();
    PppConfig client = client_config();
    server.seed = seed;
    client.seed = seed + 100;
    server.lcp.accm = 0;
    client.lcp.accm = 0;
    require_method(server, {AuthMethod::mschap_v2});
    accept_method(client, {AuthMethod::mschap_v2}, "correct horse");
    BytePipe p(server, client);
    p.slow_readers = true;
    p.open(at(0s));
    p.run_until(at(10s));
    CHECK(p.end(0).counters().bad_frames == 0);
    CHECK(p.end(1).counters().bad_frames == 0);
    CHECK(p.end(1).peer().ipcp().opened());
  }
}

TEST_CASE("HDLC stream: a close command terminates LCP and closes the channel once") {
  BytePipe p(server_config(), client_config());
  p.open(at(0s));
  p.run_until(at(2s));
  REQUIRE(p.end(0).peer().lcp().opened());
  p.command(0, at(2s), "hangup");
  p.run_until(at(20s));
  CHECK(p.end(0).peer().finished());
  CHECK(p.end(1).peer().finished());
  CHECK(p.closes[0] == 1);
  CHECK(p.closes[1] == 1);
  REQUIRE(p.end(0).peer().end_reason().has_value());
  CHECK(*p.end(0).peer().end_reason() == "operator hangup");
}

TEST_CASE("the link factory seeds each call from its context and shares the address pool") {
  auto pool = std::make_shared<AddressPool>(ip(10, 1, 0, 10), 4);
  auto factory = make_ppp_link_factory(server_config(pool));
  auto one = factory(engine::SessionLinkContext{"call 1", 11});
  auto two = factory(engine::SessionLinkContext{"call 2", 12});
  auto& p1 = dynamic_cast<PppPeer&>(*one);
  auto& p2 = dynamic_cast<PppPeer&>(*two);
  CHECK(p1.config().seed == 11);
  CHECK(p2.config().seed == 12);
  const auto up1 = one->up(at(0s));
  const auto up2 = two->up(at(0s));
  REQUIRE(up1.frames.size() == 1);
  REQUIRE(up2.frames.size() == 1);
  CHECK(up1.frames[0] != up2.frames[0]);  // different Magic-Numbers
  CHECK(p1.config().ipcp_settings.pool == p2.config().ipcp_settings.pool);
}
