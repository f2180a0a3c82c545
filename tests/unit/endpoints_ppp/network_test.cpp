// The PPP peer's Network phase: IPCP addresses and name servers (RFC 1332, RFC 1877),
// IPv6CP interface identifiers (RFC 5072 §4.1), ICMP data, Code-Reject and Protocol-Reject
// (RFC 1661 §5.6-§5.7), and negotiation through loss and duplication.
#include <catch2/catch.hpp>

#include "dissectors/ppp/control_packet.h"
#include "dissectors/ppp/ppp_frame.h"
#include "dissectors/ppp/ppp_protocols.h"
#include "tests/unit/endpoints_ppp/configs.h"
#include "tests/unit/endpoints_ppp/link_pair.h"

using namespace ts;
using namespace ts::endpoints::ppp;
using namespace ts::endpoints::ppp::test;
using machines::ppp::State;

namespace {
Bytes lcp_frame(std::uint8_t code, std::uint8_t id, Bytes data) {
  ts::ppp::ControlPacket p;
  p.code = code;
  p.identifier = id;
  p.data = data;
  return ts::ppp::encode_ppp_frame(ts::ppp::kLcp, ts::ppp::encode_control(ts::ppp::kLcp, p));
}
}  // namespace

TEST_CASE("IPCP: the server assigns pool addresses in order and returns them (RFC 1332 §3.3)") {
  auto pool = std::make_shared<AddressPool>(ip(10, 0, 0, 2), 2);
  std::vector<std::unique_ptr<LinkPair>> links;
  for (int i = 0; i < 3; ++i) {
    PppConfig s = server_config(pool);
    links.push_back(std::make_unique<LinkPair>(s, client_config()));
    links.back()->up(at(0s));
    links.back()->run_until(at(10s));
  }
  CHECK(links[0]->b().ipcp_agreement().local == ip(10, 0, 0, 2));
  CHECK(links[1]->b().ipcp_agreement().local == ip(10, 0, 0, 3));
  CHECK(links[0]->a().ipcp_agreement().peer == ip(10, 0, 0, 2));
  // Exhausted: the server Rejects 0.0.0.0, the client cannot run IPv4.
  CHECK_FALSE(links[2]->b().ipcp().opened());
  CHECK(links[2]->count_sent(0, "IPCP Configure-Reject") >= 1);
  CHECK(links[2]->violations(1, "ppp.peer.unacceptable_option") == 1);
  // With no network protocol left, the client ends the link.
  CHECK(links[2]->b().finished());
  CHECK(*links[2]->b().end_reason() == "no network protocol running");
  CHECK(pool->in_use() == 2);
  links.clear();  // the links end: their addresses go back to the pool
  CHECK(pool->in_use() == 0);
}

TEST_CASE("IPCP: VJ compression is rejected, a fixed client address is accepted (RFC 1332 §3.2)") {
  PppConfig c = client_config();
  c.ipcp_settings.local_address = ip(10, 0, 0, 2);
  LinkPair p(server_config(), c);
  p.up(at(0s));
  p.run_until(at(1s));
  REQUIRE(p.b().ipcp().opened());
  // Inject a fresh IPCP request with VJ compression: Rejected with the option unchanged.
  const Bytes opts{0x02, 0x06, 0x00, 0x2d, 0x0f, 0x01};
  ts::ppp::ControlPacket cr;
  cr.code = 1;
  cr.identifier = 77;
  cr.options.push_back(ts::ppp::ConfigOption{2, 6, ByteView(opts).subspan(2)});
  p.inject(1, at(1s),
           ts::ppp::encode_ppp_frame(ts::ppp::kIpcp, ts::ppp::encode_control(ts::ppp::kIpcp, cr)));
  const auto rej = p.sent(1, "IPCP Configure-Reject id=77");
  REQUIRE(rej.size() == 1);
  CHECK(p.count_sent(0, "IPCP Configure-Nak") == 1);  // only the DNS options were Nak'd
}

TEST_CASE("IPv6CP: interface identifiers are agreed, a collision is resolved (RFC 5072 §4.1)") {
  PppConfig s = server_config();
  PppConfig c = client_config();
  s.ipv6cp = c.ipv6cp = true;
  SECTION("random identifiers") {
    LinkPair p(s, c);
    p.up(at(0s));
    p.run_until(at(5s));
    CHECK(p.a().ipv6cp().opened());
    CHECK(p.b().ipv6cp().opened());
    CHECK(p.a().ipv6cp_agreement().local == p.b().ipv6cp_agreement().peer);
    CHECK(p.a().ipv6cp_agreement().peer == p.b().ipv6cp_agreement().local);
    CHECK(p.a().ipv6cp_agreement().local != p.a().ipv6cp_agreement().peer);
  }
  SECTION("both configured with the same identifier") {
    s.interface_id = ts::ppp::InterfaceId{0, 0, 0, 0, 0, 0, 0, 1};
    c.interface_id = s.interface_id;
    LinkPair p(s, c);
    p.up(at(0s));
    p.run_until(at(5s));
    CHECK(p.a().ipv6cp().opened());
    CHECK(p.b().ipv6cp().opened());
    CHECK(p.count_sent(0, "IPv6CP Configure-Nak") + p.count_sent(1, "IPv6CP Configure-Nak") >= 1);
    CHECK(p.a().ipv6cp_agreement().local != p.a().ipv6cp_agreement().peer);
  }
}

TEST_CASE("ICMP echo traffic crosses the link and is answered (IPv4 and IPv6)") {
  PppConfig s = server_config();
  PppConfig c = client_config();
  c.traffic.count = 5;
  c.traffic.size = 200;
  c.traffic.interval = 1s;
  SECTION("IPv4") {
    LinkPair p(s, c);
    p.up(at(0s));
    p.run_until(at(10s));
    CHECK(p.b().host().counters().echo_requests_sent == 5);
    CHECK(p.a().host().counters().echo_requests_answered == 5);
    CHECK(p.b().host().counters().echo_replies_received == 5);
    CHECK(p.a().counters().received_by_protocol.at(ts::ppp::kIpv4) == 5);
    CHECK(p.count_sent(1, "IPv4") == 5);
  }
  SECTION("IPv6") {
    s.ipv6cp = c.ipv6cp = true;
    c.traffic.ipv6 = true;
    LinkPair p(s, c);
    p.up(at(0s));
    p.run_until(at(10s));
    CHECK(p.a().host().counters().echo_requests_answered == 5);
    CHECK(p.b().host().counters().echo_replies_received == 5);
  }
}

TEST_CASE(
    "Code-Reject: unknown codes are rejected; a rejected Configure code stops LCP (RFC 1661 §5.6, "
    "§4.3)") {
  LinkPair p(server_config(), client_config());
  p.up(at(0s));
  p.run_until(at(1s));
  REQUIRE(p.a().lcp().opened());
  p.inject(0, at(1s), lcp_frame(0x30, 9, Bytes{1, 2, 3}));
  CHECK(p.count_sent(0, "LCP Code-Reject") == 1);
  // RXJ+ (Code-Reject of an Echo-Request): nothing changes.
  p.inject(0, at(1s), lcp_frame(7, 10, Bytes{9, 1, 0, 8, 0, 0, 0, 0}));
  CHECK(p.a().lcp().opened());
  CHECK(p.violations(0, "ppp.peer.code_rejected") == 1);
  // RXJ- (Code-Reject of a Configure-Request): Opened -> Stopping, the link ends.
  p.inject(0, at(1s), lcp_frame(7, 11, Bytes{1, 1, 0, 4}));
  CHECK(p.a().lcp().state() == State::stopping);
  CHECK(p.transitions(0, "LCP").back() == "Opened -> Stopping");
  p.run_until(at(20s));
  CHECK(p.a().finished());
}

TEST_CASE("Protocol-Reject: unknown protocols are rejected, a rejected NCP stops (RFC 1661 §5.7)") {
  PppConfig s = server_config();
  s.ipv6cp = true;  // the client does not run IPv6CP
  LinkPair p(s, client_config());
  p.up(at(0s));
  p.run_until(at(5s));
  CHECK(p.count_sent(1, "LCP Protocol-Reject") >= 1);
  CHECK(p.violations(0, "ppp.peer.protocol_rejected") >= 1);
  CHECK(p.a().ipv6cp().state() == State::stopped);
  CHECK(p.a().ipcp().opened());
  CHECK(p.a().lcp().opened());  // IPCP still runs: the link stays
  CHECK_FALSE(p.a().finished());
  // An unknown protocol from the peer is answered with Protocol-Reject carrying it.
  p.inject(1, at(5s), ts::ppp::encode_ppp_frame(0x4021, Bytes{1, 2, 3, 4}));
  const auto pr = p.sent(1, "rejected=0x4021");
  REQUIRE(pr.size() == 1);
  CHECK(p.violations(1, "ppp.peer.unknown_protocol") == 2);
}

TEST_CASE("20% loss and duplicated frames still converge (RFC 1661 §4.6 retransmission)") {
  SECTION("loss") {
    std::size_t dropped = 0;
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
      INFO("seed " << seed);
      LinkPair p(server_config(), client_config());
      p.loss = 0.2;
      p.seed_loss(seed);
      p.up(at(0s));
      p.run_until(at(60s));
      CHECK(p.a().ipcp().opened());
      CHECK(p.b().ipcp().opened());
      for (const auto& r : p.wire) dropped += r.dropped ? 1 : 0;
    }
    CHECK(dropped > 0);
  }
  SECTION("every reply and data frame duplicated") {
    // (A duplicated Configure-Request in Opened renegotiates by design, RFC 1661 §4.1 RCR.)
    PppConfig c = client_config();
    c.traffic.count = 3;
    LinkPair p(server_config(), c);
    p.duplicate = [](int, const WireRecord& r) {
      return r.text.find("Configure-Request") == std::string::npos;
    };
    p.up(at(0s));
    p.run_until(at(60s));
    CHECK(p.a().ipcp().opened());
    CHECK(p.b().ipcp().opened());
    CHECK(p.violations(0, "ppp.peer.illegal_event") == 0);
    CHECK(p.violations(0, "ppp.peer.stale_reply") >= 1);
    CHECK(p.transitions(0, "LCP").back() == "Ack-Sent -> Opened");
    CHECK(p.a().host().counters().echo_requests_answered == 6);  // each request twice
  }
}

TEST_CASE("packets of a phase not reached are discarded (RFC 1661 §3.4)") {
  LinkPair p(server_config(), client_config());
  p.up(at(0s), true, false);
  const Bytes ipcp = ts::ppp::encode_ppp_frame(ts::ppp::kIpcp, Bytes{1, 1, 0, 4});
  p.inject(0, at(100ms), ipcp);
  CHECK(p.a().counters().discarded == 1);
  CHECK(p.count_sent(0, "IPCP") == 0);
  CHECK(p.count_sent(0, "Protocol-Reject") == 0);
}

TEST_CASE(
    "Discard-Request, Identification and Time-Remaining are accepted silently (RFC 1661 §5.9, RFC "
    "1570)") {
  LinkPair p(server_config(), client_config());
  p.up(at(0s));
  p.run_until(at(1s));
  const std::size_t before = p.wire.size();
  const Bytes magic{0, 0, 0, 0};
  p.inject(0, at(1s), lcp_frame(11, 40, magic));                           // Discard-Request
  p.inject(0, at(1s), lcp_frame(12, 41, Bytes{0, 0, 0, 0, 'h', 'i'}));     // Identification
  p.inject(0, at(1s), lcp_frame(13, 42, Bytes{0, 0, 0, 0, 0, 0, 0, 60}));  // Time-Remaining 60 s
  CHECK(p.wire.size() == before);  // nothing answered, no Code-Reject
  CHECK(p.a().lcp().opened());
}

TEST_CASE("an Echo-Request carrying our own Magic-Number is flagged but answered (RFC 1661 §5.8)") {
  LinkPair p(server_config(), client_config());
  p.up(at(0s));
  p.run_until(at(1s));
  const std::uint32_t ours = p.a().lcp_agreement().our_magic;
  const Bytes data{static_cast<std::uint8_t>(ours >> 24), static_cast<std::uint8_t>(ours >> 16),
                   static_cast<std::uint8_t>(ours >> 8), static_cast<std::uint8_t>(ours), 'x'};
  p.inject(0, at(1s), lcp_frame(9, 50, data));
  CHECK(p.violations(0, "ppp.peer.echo_bad_magic") == 1);
  const auto replies = p.sent(0, "LCP Echo-Reply id=50");
  REQUIRE(replies.size() == 1);
}

TEST_CASE("IPCP: NBNS servers are offered when asked for (RFC 1877 §1.2, §1.4)") {
  PppConfig s = server_config();
  s.ipcp_settings.nbns_primary = ip(192, 0, 2, 137);
  PppConfig c = client_config();
  c.ipcp_settings.request_nbns = true;
  LinkPair p(s, c);
  p.up(at(0s));
  p.run_until(at(5s));
  CHECK(p.b().ipcp().opened());
  CHECK(p.b().ipcp_agreement().nbns_primary == ip(192, 0, 2, 137));
  // No secondary NBNS configured: that option is Rejected, the client stops asking.
  CHECK(p.b().ipcp_agreement().nbns_secondary == 0);
  CHECK(p.count_sent(0, "IPCP Configure-Reject") == 1);
}
