// PPP carried in an L2TP session (PppL2tpScriptPeer, the live path of `ppp-transport = l2tp`):
// the framing both ways against our reference LNS with a recording link, and the whole
// ppp.authenticator suite over L2TP in simulation against our reference LNS + PPP
// authenticator (the selftest of the transport), which a broken authenticator must fail.
#include <catch2/catch.hpp>

#include <deque>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "conformance/engine/ppp_l2tp_script_peer.h"
#include "conformance/engine/ppp_l2tp_sim_runner.h"
#include "conformance/engine/script_parser.h"
#include "conformance/engine/script_send_command.h"
#include "src/endpoints/l2tp/l2tp_endpoint.h"

using namespace ts;
using namespace ts::conformance;

namespace {

// The device's side of the session: records each frame; sends `reply` once it got one.
struct RecordingLink : engine::SessionLink {
  std::vector<Bytes>* got;
  Bytes reply;
  bool replied = false;
  engine::LinkOutput up(Instant) override { return {}; }
  engine::LinkOutput receive(Instant, ByteView f) override {
    got->emplace_back(f.begin(), f.end());
    engine::LinkOutput out;
    if (!replied) out.frames.push_back(reply);
    replied = true;
    return out;
  }
  engine::LinkOutput close(Instant, std::string_view) override { return {}; }
  engine::LinkOutput down(Instant) override { return {}; }
  engine::LinkOutput on_deadline(Instant) override { return {}; }
  std::optional<Instant> next_deadline() const override { return std::nullopt; }
  bool finished() const override { return false; }
  std::string status() const override { return "recording"; }
};

// Carries datagrams between the two endpoints (one UDP flow, channel 1 on both sides) until
// neither has anything more to say; deadlines are run at `now`, then 1 s later.
void shuttle(Instant now, PppL2tpScriptPeer& lac, endpoints::l2tp::L2tpEndpoint& lns, engine::Actions first) {
  std::deque<std::pair<bool, Bytes>> wire;  // (to the LNS, datagram)
  auto take = [&wire](engine::Actions actions, bool to_lns) {
    for (auto& a : actions)
      if (auto* s = std::get_if<engine::Send>(&a)) wire.emplace_back(to_lns, std::move(s->data));
  };
  take(std::move(first), true);
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; !wire.empty() && i < 200; ++i) {
      auto [to_lns, data] = std::move(wire.front());
      wire.pop_front();
      if (to_lns) take(lns.handle(now, engine::Received{1, std::move(data)}), false);
      else take(lac.handle(now, engine::Received{1, std::move(data)}), true);
    }
    now += std::chrono::seconds(1);
    take(lac.on_deadline(now), true);
    take(lns.on_deadline(now), false);
  }
}

Script load(const std::string& name) {
  std::ifstream in(std::string(TS_SOURCE_DIR) + "/conformance/suites/ppp/authenticator/" + name);
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  auto r = parse_script(ss.str(), "ppp/authenticator/" + name);
  REQUIRE(r.ok());
  return r.value();
}

}  // namespace

TEST_CASE("PPP over L2TP: frames go out as data-message payloads and come back to the script") {
  std::vector<Bytes> got;
  endpoints::l2tp::L2tpConfig c;
  c.role = endpoints::l2tp::L2tpRole::lns;
  // LCP Echo-Request id 9, magic 0, from the device: Address/Control present.
  const Bytes echo{0xFF, 0x03, 0xC0, 0x21, 0x09, 0x09, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00};
  c.link_factory = [&](const engine::SessionLinkContext&) {
    auto l = std::make_unique<RecordingLink>();
    l->got = &got;
    l->reply = echo;
    return l;
  };
  endpoints::l2tp::L2tpEndpoint lns(c);
  PppL2tpSettings s;
  s.lns = "lns:1701";
  PppL2tpScriptPeer lac(s, PppScriptCredentials{});
  const Instant t0{std::chrono::seconds(100)};
  engine::Actions open = lac.handle(t0, engine::Command{"open", {}});
  REQUIRE(!open.empty());
  const auto* oc = std::get_if<engine::OpenChannel>(&open.front());
  REQUIRE(oc);
  CHECK(oc->kind == engine::ChannelKind::udp);
  CHECK(oc->peer == "lns:1701");
  CHECK(!lac.line_up());
  shuttle(t0, lac, lns, std::move(open));
  REQUIRE(lac.line_up());
  CHECK(lac.received().empty());  // L2TP itself is not recorded: the scripts judge PPP

  // The script's LCP Configure-Request: in the session as FF 03 C0 21 01 ..., no flags, no FCS.
  auto send = make_send_command("LCP.ConfReq", {ResolvedField{"id", "7", false}, ResolvedField{"mru", "1400", false}});
  shuttle(t0 + std::chrono::seconds(3), lac, lns, lac.handle(t0 + std::chrono::seconds(3), send));
  REQUIRE(got.size() == 1);
  const Bytes want{0xFF, 0x03, 0xC0, 0x21, 0x01, 0x07, 0x00, 0x08, 0x01, 0x04, 0x05, 0x78};
  CHECK(got[0] == want);
  CHECK(lac.errors().empty());
  // The device's Echo-Request reached the script as a PPP message.
  REQUIRE(lac.received().size() == 1);
  CHECK(lac.received()[0].message.name == "LCP.EchoReq");

  // Cleanup: StopCCN; the line closes (CLOSED recorded), nothing more to clean.
  auto stop = lac.cleanup_command();
  REQUIRE(stop);
  shuttle(t0 + std::chrono::seconds(5), lac, lns, lac.handle(t0 + std::chrono::seconds(5), *stop));
  CHECK(lac.device_closed());
  CHECK(lac.received().back().message.name == "CLOSED");
  CHECK(!lac.cleanup_command());
}

TEST_CASE("PPP over L2TP: the ppp.authenticator suite passes against the reference LNS + authenticator") {
  int n = 0;
  for (const auto& e : std::filesystem::directory_iterator(std::string(TS_SOURCE_DIR) +
                                                           "/conformance/suites/ppp/authenticator")) {
    if (e.path().extension() != ".pkt") continue;
    ++n;
    const Verdict v = run_ppp_script_over_l2tp_in_sim(load(e.path().filename().string()));
    CAPTURE(v.script, v.line, v.reason);
    CHECK(v.outcome == Outcome::pass);
  }
  CHECK(n >= 70);
}

TEST_CASE("PPP over L2TP: a broken authenticator fails the scripts of its fault") {
  endpoints::ppp::PppFaults wrong_creds;
  wrong_creds.accept_wrong_credentials = true;
  const Verdict a = run_ppp_script_over_l2tp_in_sim(load("pap_wrong_password.pkt"), wrong_creds);
  CAPTURE(a.reason);
  CHECK(a.outcome == Outcome::fail);
  endpoints::ppp::PppFaults no_term;
  no_term.control.no_terminate_ack = true;
  const Verdict b = run_ppp_script_over_l2tp_in_sim(load("terminate_ack.pkt"), no_term);
  CAPTURE(b.reason);
  CHECK(b.outcome == Outcome::fail);
  // ppp.peer scripts cannot ride this transport.
  auto peer = parse_script("check ppp.lcp.terminate_ack\ndevice ppp.peer\n0.000 < LCP.ConfReq\n", "x.pkt");
  REQUIRE(peer.ok());
  CHECK(run_ppp_script_over_l2tp_in_sim(peer.value()).outcome == Outcome::error);
}
