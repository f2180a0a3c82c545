// The reference PPP peer's LCP (RFC 1661 §4-§6) between two peers over a virtual link:
// final states and what went on the wire, when.
#include <catch2/catch.hpp>

#include "dissectors/ppp/control_packet.h"
#include "dissectors/ppp/ppp_protocols.h"
#include "tests/unit/endpoints_ppp/configs.h"
#include "tests/unit/endpoints_ppp/link_pair.h"

using namespace ts;
using namespace ts::endpoints::ppp;
using namespace ts::endpoints::ppp::test;
using machines::ppp::State;

TEST_CASE("clean negotiation opens LCP and IPCP on both sides (RFC 1661 §3-§4)") {
  LinkPair p(server_config(), client_config());
  p.up(at(0s));
  p.run_until(at(5s));
  for (int i = 0; i < 2; ++i) {
    CHECK(p.peer(i).lcp().state() == State::opened);
    CHECK(p.peer(i).ipcp().state() == State::opened);
    CHECK(p.peer(i).phase() == Phase::network);
    CHECK_FALSE(p.peer(i).finished());
  }
  CHECK(p.transitions(0, "phase") ==
        std::vector<std::string>{"Dead -> Establish", "Establish -> Network"});
  const auto lcp = p.transitions(0, "LCP");
  REQUIRE(!lcp.empty());
  CHECK(lcp.front() == "Initial -> Starting");
  CHECK(lcp.back().ends_with("-> Opened"));
  // One Configure-Request each way, both acknowledged, at t=0 (no retransmission).
  REQUIRE(p.count_sent(0, "LCP Configure-Request") == 1);
  CHECK(p.sent(0, "LCP Configure-Request")[0].at == at(0s));
  CHECK(p.count_sent(1, "LCP Configure-Ack") == 1);
  // Both ACCMs as the peers asked (the default config asks for 0x00000000).
  REQUIRE(p.a().accm().has_value());
  CHECK(p.a().accm()->send == 0x00000000);
  CHECK(p.a().accm()->receive == 0x00000000);
  CHECK(p.a().lcp_agreement().peer_magic == p.b().lcp_agreement().our_magic);
  CHECK(p.a().lcp_agreement().our_magic != p.b().lcp_agreement().our_magic);
  CHECK(p.a().status() == "Network: LCP Opened, IPCP Opened 10.0.0.1 peer 10.0.0.2");
  CHECK(p.b().status() == "Network: LCP Opened, IPCP Opened 10.0.0.2 peer 10.0.0.1");
  CHECK(p.b().ipcp_agreement().dns_primary == ip(192, 0, 2, 53));
  CHECK(p.b().ipcp_agreement().dns_secondary == ip(192, 0, 2, 54));
  CHECK(p.notes[0].size() > 0);
  CHECK(p.violations(0, "ppp.peer.illegal_event") == 0);
}

TEST_CASE(
    "LCP frames keep FF 03 and a 2-octet Protocol; others use ACFC/PFC once agreed (RFC 1661 "
    "§6.5-§6.6)") {
  PppConfig s = server_config();
  s.echo_interval = 1s;
  LinkPair p(s, client_config());
  p.up(at(0s));
  p.run_until(at(3s));
  bool saw_compressed_ipcp = false;
  for (const auto& r : p.wire) {
    if (r.text.starts_with("LCP")) {
      REQUIRE(r.frame.size() >= 4);
      CHECK(r.frame[0] == 0xFF);
      CHECK(r.frame[1] == 0x03);
      CHECK(r.frame[2] == 0xC0);
      CHECK(r.frame[3] == 0x21);
    }
    if (r.text.starts_with("IPCP") && r.frame[0] != 0xFF) saw_compressed_ipcp = true;
  }
  CHECK(saw_compressed_ipcp);
  CHECK(p.count_sent(0, "LCP Echo-Request") >= 2);
  CHECK(p.count_sent(1, "LCP Echo-Reply") == p.count_sent(0, "LCP Echo-Request"));
}

TEST_CASE("a Nak on MRU converges: the requester takes the hint (RFC 1661 §5.3, §6.1)") {
  PppConfig a = server_config();
  a.lcp.mru = 1000;
  PppConfig b = client_config();
  b.lcp.min_peer_mru = 1400;
  LinkPair p(a, b);
  p.up(at(0s));
  p.run_until(at(5s));
  CHECK(p.a().lcp().opened());
  CHECK(p.b().lcp().opened());
  CHECK(p.count_sent(1, "LCP Configure-Nak") == 1);
  CHECK(p.a().lcp_agreement().our_mru == 1400);
  CHECK(p.b().lcp_agreement().peer_mru == 1400);
  CHECK(p.count_sent(0, "LCP Configure-Request") == 2);
}

TEST_CASE("rejected options are dropped from the next request (RFC 1661 §5.4)") {
  PppConfig b = client_config();
  b.lcp.pfc = false;
  b.lcp.acfc = false;
  LinkPair p(server_config(), b);
  p.up(at(0s));
  p.run_until(at(5s));
  CHECK(p.a().lcp().opened());
  REQUIRE(p.count_sent(1, "LCP Configure-Reject") == 1);
  CHECK(p.sent(1, "LCP Configure-Reject")[0].text.find("PFC") != std::string::npos);
  const auto second = p.sent(0, "LCP Configure-Request");
  REQUIRE(second.size() == 2);
  CHECK(second[1].text.find("PFC") == std::string::npos);
  CHECK_FALSE(p.a().lcp_agreement().send_pfc);
  CHECK_FALSE(p.b().lcp_agreement().send_pfc);
  // Neither side may compress now: every frame starts with FF 03.
  for (const auto& r : p.wire) CHECK(r.frame[0] == 0xFF);
}

TEST_CASE(
    "Max-Configure: a silent peer makes LCP give up after restart x max-configure (RFC 1661 "
    "§4.6)") {
  LinkPair p(server_config(), client_config());
  p.up(at(0s), true, false);
  p.run_until(at(29900ms));
  CHECK_FALSE(p.a().finished());
  p.run_until(at(30s));  // the tenth request's Restart timer expires: TO-
  CHECK(p.a().finished());
  p.run_until(at(60s));
  const auto requests = p.sent(0, "LCP Configure-Request");
  REQUIRE(requests.size() == 10);
  for (std::size_t i = 0; i < requests.size(); ++i)
    CHECK(requests[i].at == at(std::chrono::seconds(3 * i)));
  CHECK(p.a().finished());
  CHECK(p.a().lcp().state() == State::stopped);
  CHECK(p.a().phase() == Phase::dead);
  CHECK(p.violations(0, "ppp.peer.no_response") == 1);
  CHECK(p.transitions(0, "LCP").back() == "Req-Sent -> Stopped");
  // A late peer cannot revive a finished link (no passive re-open).
  p.up(at(61s), false, true);
  p.run_until(at(120s));
  CHECK(p.a().lcp().state() == State::stopped);
  CHECK(p.count_sent(0, "LCP Configure-Ack") == 0);
  CHECK(p.b().finished());
}

TEST_CASE("Max-Failure: after five Naks the same unacceptable option is Rejected (RFC 1661 §4.6)") {
  LinkPair p(server_config(), client_config());
  p.up(at(0s), true, false);
  // The "peer" keeps asking for MRU 100 (below our 128 floor), ignoring our Naks.
  for (int i = 1; i <= 7; ++i) {
    ts::ppp::ControlPacket cr;
    cr.code = ts::ppp::code::kConfigureRequest;
    cr.identifier = static_cast<std::uint8_t>(i);
    const Bytes mru{0x00, 100};
    cr.options.push_back(ts::ppp::ConfigOption{ts::ppp::lcp_opt::kMru, 0, mru});
    const Bytes frame =
        ts::ppp::encode_ppp_frame(ts::ppp::kLcp, ts::ppp::encode_control(ts::ppp::kLcp, cr));
    p.inject(0, at(std::chrono::milliseconds(100 * i)), frame);
  }
  CHECK(p.count_sent(0, "LCP Configure-Nak") == 5);
  const auto rejects = p.sent(0, "LCP Configure-Reject");
  REQUIRE(rejects.size() == 2);
  CHECK(rejects[0].text.find("MRU=100") != std::string::npos);
  CHECK(p.violations(0, "ppp.peer.not_converging") == 1);
}

TEST_CASE("a looped-back link is detected by the Magic-Number and closed (RFC 1661 §6.4)") {
  LinkPair p(server_config(), client_config(), 10ms, true);
  p.up(at(0s));
  p.run_until(at(60s));
  CHECK(p.violations(0, "ppp.peer.looped_back") == 1);
  CHECK(p.a().finished());
  REQUIRE(p.a().end_reason().has_value());
  CHECK(*p.a().end_reason() == "looped-back link");
  CHECK_FALSE(p.a().lcp().opened());
}

TEST_CASE("Echo keepalive: replies keep the link; silence closes it (RFC 1661 §5.8)") {
  PppConfig a = server_config();
  a.echo_interval = 5s;
  a.echo_failures = 3;
  SECTION("answered") {
    LinkPair p(a, client_config());
    p.up(at(0s));
    p.run_until(at(31s));
    CHECK(p.a().counters().echo_requests_sent == 6);
    CHECK(p.a().counters().echo_replies_received == 6);
    CHECK(p.b().counters().echo_requests_answered == 6);
    CHECK(p.a().lcp().opened());
    CHECK(p.violations(0, "ppp.peer.echo_bad_magic") == 0);
  }
  SECTION("unanswered") {
    LinkPair p(a, client_config());
    p.drop = [](int from, const WireRecord& r) { return from == 1 && r.at >= at(1s); };
    p.up(at(0s));
    p.run_until(at(60s));
    CHECK(p.violations(0, "ppp.peer.echo_timeout") == 1);
    CHECK(p.a().finished());
    CHECK(p.count_sent(0, "LCP Echo-Request id=") == 3);
    // Terminate-Request twice (Max-Terminate), then the link is finished.
    CHECK(p.count_sent(0, "LCP Terminate-Request") == 2);
    REQUIRE(p.a().end_reason().has_value());
    CHECK(p.a().end_reason()->find("Echo-Request") != std::string::npos);
  }
}

TEST_CASE("Terminate in both directions (RFC 1661 §5.5, §3.7)") {
  for (int closer = 0; closer < 2; ++closer) {
    LinkPair p(server_config(), client_config());
    p.up(at(0s));
    p.run_until(at(5s));
    REQUIRE(p.a().lcp().opened());
    p.close(closer, at(5s), "bye");
    p.run_until(at(5500ms));
    const int other = 1 - closer;
    CHECK(p.peer(closer).finished());
    CHECK(p.peer(closer).lcp().state() == State::closed);
    CHECK(p.transitions(closer, "LCP").back() == "Closing -> Closed");
    CHECK(p.count_sent(closer, "LCP Terminate-Request") == 1);
    CHECK(p.count_sent(other, "LCP Terminate-Ack") == 1);
    CHECK(p.violations(other, "ppp.peer.terminated") == 1);
    // The receiver waits one Restart period in Stopping before finishing (§4.3 RTR, zrc).
    CHECK_FALSE(p.peer(other).finished());
    CHECK(p.peer(other).phase() == Phase::terminate);
    p.run_until(at(9s));
    CHECK(p.peer(other).finished());
    CHECK(p.peer(other).lcp().state() == State::stopped);
    CHECK(p.peer(other).ipcp().state() != State::opened);
  }
}

TEST_CASE(
    "Max-Terminate: closing against a silent peer takes restart x max-terminate (RFC 1661 §4.6)") {
  LinkPair p(server_config(), client_config());
  p.up(at(0s));
  p.run_until(at(2s));
  REQUIRE(p.a().lcp().opened());
  p.drop = [](int from, const WireRecord&) { return from == 1; };
  p.close(0, at(2s), "maintenance");
  p.run_until(at(7900ms));
  CHECK_FALSE(p.a().finished());
  p.run_until(at(8s));
  CHECK(p.a().finished());
  const auto trs = p.sent(0, "LCP Terminate-Request");
  REQUIRE(trs.size() == 2);
  CHECK(trs[0].at == at(2s));
  CHECK(trs[1].at == at(5s));
  CHECK(trs[0].text.find("maintenance") != std::string::npos);
  CHECK(p.a().lcp().state() == State::closed);
}

namespace {
Bytes lcp_configure(std::uint8_t code, std::uint8_t id,
                    std::vector<ts::ppp::ConfigOption> options) {
  ts::ppp::ControlPacket p;
  p.code = code;
  p.identifier = id;
  p.options = std::move(options);
  return ts::ppp::encode_ppp_frame(ts::ppp::kLcp, ts::ppp::encode_control(ts::ppp::kLcp, p));
}
}  // namespace

TEST_CASE("invalid Configure replies are discarded (RFC 1661 §5.2-§5.4)") {
  LinkPair p(server_config(), client_config());
  p.up(at(0s), true, false);  // only a runs; the test plays the peer
  REQUIRE(p.count_sent(0, "LCP Configure-Request id=1") == 1);
  const Bytes mru{0x05, 0xdc};
  // An Ack whose options differ from the request.
  p.inject(0, at(100ms), lcp_configure(2, 1, {{ts::ppp::lcp_opt::kMru, 4, mru}}));
  CHECK(p.violations(0, "ppp.peer.ack_mismatch") == 1);
  // A Reject naming an option we did not request.
  p.inject(0, at(200ms), lcp_configure(4, 1, {{ts::ppp::lcp_opt::kMru, 4, mru}}));
  CHECK(p.violations(0, "ppp.peer.reject_not_subset") == 1);
  // A reply to another Identifier.
  p.inject(0, at(300ms), lcp_configure(3, 9, {}));
  CHECK(p.violations(0, "ppp.peer.stale_reply") == 1);
  CHECK(p.a().lcp().state() == State::req_sent);
  CHECK(p.transitions(0, "LCP").back() == "Starting -> Req-Sent");
  // A request with a malformed option (MRU of Length 3) is Rejected and reported.
  const Bytes short_mru{0x05};
  p.inject(0, at(400ms), lcp_configure(1, 5, {{ts::ppp::lcp_opt::kMru, 3, short_mru}}));
  CHECK(p.violations(0, "ppp.peer.bad_option") == 1);
  CHECK(p.count_sent(0, "LCP Configure-Reject id=5") == 1);
}
