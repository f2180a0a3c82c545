// `tunnelscope emulate ROLE`: run one reference endpoint (L2TP LAC/LNS, PPTP PAC/PNS, or a
// PPP peer on stdin/stdout) against a real peer through the live runtime
// (src/runtime/live), print its timeline and judge the run. See docs/live.md.
#include <boost/program_options.hpp>

#include <cstdio>
#include <iostream>
#include <random>

#include <fmt/format.h>

#include "src/cli/subcommand.h"
#include "src/runtime/live/live_driver.h"
#include "src/runtime/live/live_role.h"

namespace ts::cli {

namespace po = boost::program_options;

namespace {

struct EmulateArgs {
  std::string role, local, peer, secret, username = "alice", password = "wonderland", auth = "mschapv2";
  std::string mppe = "none", pcap;
  unsigned port = 1701, sessions = 1;
  double hold_s = 10.0, duration_s = 120.0;
  std::optional<double> hello_s, echo_s;
  std::optional<unsigned> window;
  std::optional<std::uint64_t> seed;
  bool stateless = false, stdio_hdlc = false, server = false, quiet = false, serve = false;
};

po::options_description emulate_options(EmulateArgs& a) {
  po::options_description d(
      "tunnelscope emulate ROLE [options]\n"
      "ROLE: l2tp-lac | l2tp-lns | pptp-pac | pptp-pns | ppp (with --stdio-hdlc)");
  d.add_options()("help,h", "show this help")("local", po::value(&a.local), "our IPv4 address (sockets bind to it)")(
      "peer", po::value(&a.peer), "the peer's IPv4 address (LAC, PAC, PNS)")(
      "port", po::value(&a.port)->default_value(1701), "L2TP UDP port")(
      "secret", po::value(&a.secret), "L2TP tunnel secret (tunnel authentication)")(
      "username", po::value(&a.username)->default_value("alice"), "PPP user name")(
      "password", po::value(&a.password)->default_value("wonderland"), "PPP password")(
      "auth", po::value(&a.auth)->default_value("mschapv2"), "pap|chap|mschapv1|mschapv2|eap-md5|eap-mschapv2")(
      "mppe", po::value(&a.mppe)->default_value("none"), "none|auto|40|56|128")(
      "stateless", po::bool_switch(&a.stateless), "MPPE stateless mode")(
      "sessions", po::value(&a.sessions)->default_value(1), "calls to place (LAC, PNS) or expect (LNS, PAC)")(
      "hold", po::value(&a.hold_s)->default_value(10.0), "seconds the calls stay up before a graceful hangup")(
      "duration", po::value(&a.duration_s)->default_value(120.0), "hard limit of the run, seconds")(
      "pcap,w", po::value(&a.pcap), "record what was sent and received to FILE (pcap, Ethernet)")(
      "hello", po::value<double>(), "L2TP Hello interval, seconds")(
      "window", po::value<unsigned>(), "L2TP / PPTP receive window")(
      "echo", po::value<double>(), "PPTP Echo-Request and PPP LCP Echo interval, seconds")(
      "seed", po::value<std::uint64_t>(), "random seed (default: from the OS)")(
      "stdio-hdlc", po::bool_switch(&a.stdio_hdlc), "ppp: speak HDLC-framed PPP on stdin/stdout")(
      "server", po::bool_switch(&a.server), "ppp: authenticate the peer (default: be the client)")(
      "serve", po::bool_switch(&a.serve),
      "LNS, PAC: keep serving until --duration or a signal (a device for conform --target)")(
      "quiet,q", po::bool_switch(&a.quiet), "do not print the timeline");
  return d;
}

std::optional<endpoints::ppp::AuthMethod> parse_auth(const std::string& s) {
  using endpoints::ppp::AuthMethod;
  if (s == "pap") return AuthMethod::pap;
  if (s == "chap") return AuthMethod::chap_md5;
  if (s == "mschapv1") return AuthMethod::mschap_v1;
  if (s == "mschapv2") return AuthMethod::mschap_v2;
  if (s == "eap-md5") return AuthMethod::eap_md5;
  if (s == "eap-mschapv2") return AuthMethod::eap_mschap_v2;
  return std::nullopt;
}

std::optional<endpoints::ppp::MppeStrength> parse_mppe(const std::string& s) {
  using endpoints::ppp::MppeStrength;
  if (s == "none") return MppeStrength::none;
  if (s == "auto") return MppeStrength::automatic;
  if (s == "40") return MppeStrength::bits40;
  if (s == "56") return MppeStrength::bits56;
  if (s == "128") return MppeStrength::bits128;
  return std::nullopt;
}

Duration seconds(double s) { return Duration(static_cast<std::int64_t>(s * 1e9)); }

int usage_error(const std::string& msg) {
  std::fprintf(stderr, "tunnelscope emulate: %s\n", msg.c_str());
  return kExitUsage;
}

// Parses and checks the arguments into `out`; an exit code when the run must not start.
std::optional<int> parse(const std::vector<std::string>& args, EmulateArgs& a, live::EmulateSettings& out) {
  auto desc = emulate_options(a);
  po::options_description hidden;
  hidden.add_options()("role", po::value(&a.role));
  po::options_description all;
  all.add(desc).add(hidden);
  po::positional_options_description pos;
  pos.add("role", 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    return usage_error(e.what());
  }
  if (vm.count("help")) {
    std::cout << desc << "\n";
    return kExitOk;
  }
  if (vm.count("hello")) a.hello_s = vm["hello"].as<double>();
  if (vm.count("echo")) a.echo_s = vm["echo"].as<double>();
  if (vm.count("window")) a.window = vm["window"].as<unsigned>();
  if (vm.count("seed")) a.seed = vm["seed"].as<std::uint64_t>();
  const auto role = live::role_from_string(a.role);
  if (!role) return usage_error(a.role.empty() ? "no ROLE given (tunnelscope emulate --help)"
                                               : "unknown ROLE '" + a.role + "'");
  if (*role == live::RoleKind::ppp && !a.stdio_hdlc) return usage_error("ppp needs --stdio-hdlc");
  const auto auth = parse_auth(a.auth);
  if (!auth) return usage_error("unknown --auth '" + a.auth + "'");
  const auto mppe = parse_mppe(a.mppe);
  if (!mppe) return usage_error("unknown --mppe '" + a.mppe + "'");
  if (a.port < 1 || a.port > 65535) return usage_error("--port must be between 1 and 65535");
  if (a.sessions < 1 || a.sessions > 1000) return usage_error("--sessions must be between 1 and 1000");
  if (!(a.hold_s >= 0.0 && a.hold_s <= 86400.0)) return usage_error("--hold must be between 0 and 86400 s");
  if (!(a.duration_s > 0.0 && a.duration_s <= 86400.0)) return usage_error("--duration must be in (0, 86400] s");
  for (const auto& [name, v] : {std::pair{"--hello", a.hello_s}, std::pair{"--echo", a.echo_s}})
    if (v && !(*v >= 0.0 && *v <= 3600.0)) return usage_error(fmt::format("{} must be between 0 and 3600 s", name));
  if (a.window && (*a.window < 1 || *a.window > 65535)) return usage_error("--window must be between 1 and 65535");
  out.role = *role;
  out.local = a.local;
  out.peer = a.peer;
  out.port = static_cast<std::uint16_t>(a.port);
  out.secret = a.secret;
  out.username = a.username;
  out.password = a.password;
  out.auth = *auth;
  out.mppe = *mppe;
  out.stateless = a.stateless;
  out.sessions = a.sessions;
  out.serve = a.serve;
  out.hold = seconds(a.hold_s);
  if (a.hello_s) out.hello = seconds(*a.hello_s);
  if (a.echo_s) out.echo = seconds(*a.echo_s);
  out.window = a.window;
  out.ppp_server = a.server;
  out.seed = a.seed ? *a.seed : (std::uint64_t{std::random_device{}()} << 32) ^ std::random_device{}();
  return std::nullopt;
}

}  // namespace

int run_emulate(const std::vector<std::string>& args) {
  EmulateArgs a;
  live::EmulateSettings settings;
  if (const auto code = parse(args, a, settings)) return *code;
  auto role = live::make_live_role(settings);
  if (!role.ok()) return usage_error(role.error());
  // With --stdio-hdlc stdout carries PPP: the timeline and the report go to stderr.
  std::FILE* text = settings.role == live::RoleKind::ppp ? stderr : stdout;
  live::LiveOptions o;
  o.local_address = a.local.empty() ? "0.0.0.0" : a.local;
  o.time_limit = seconds(a.duration_s);
  o.pcap = a.pcap;
  Instant origin{};
  if (!a.quiet) {
    static constexpr const char* kKinds[] = {"state", "fault", "channel", "command"};
    o.sink = [&origin, text](const live::TimelineEntry& e) {
      std::fprintf(text, "%12s %-7s %s\n", format_seconds(e.time - origin).c_str(),
                   kKinds[static_cast<int>(e.kind)], e.text.c_str());
      std::fflush(text);
    };
  }
  live::LiveDriver driver(role.value()->endpoint(), o);
  origin = driver.now();
  if (auto s = driver.start(); !s.ok()) return usage_error(s.error());
  if (auto p = role.value()->prepare(driver); !p.ok()) return usage_error(p.error());
  std::fprintf(text, "emulate %s: local %s%s, seed %llu\n", a.role.c_str(), o.local_address.c_str(),
               a.peer.empty() ? "" : (", peer " + a.peer).c_str(), static_cast<unsigned long long>(settings.seed));
  std::fflush(text);
  auto& r = *role.value();
  const auto run = driver.run([&r] { return r.finished(); });
  const auto verdict = r.verdict(driver.timeline());
  for (const auto& line : verdict.summary) std::fprintf(text, "  %s\n", line.c_str());
  for (const auto& p : verdict.problems) std::fprintf(text, "  problem: %s\n", p.c_str());
  std::fprintf(text, "  run ended: %s after %.3f s\n", std::string(live::to_string(run.stop)).c_str(),
               to_seconds(run.elapsed));
  if (!a.pcap.empty()) {
    if (run.recording_failed) return usage_error(fmt::format("{}: write failed", a.pcap));
    std::fprintf(text, "wrote %s (%zu frames)\n", a.pcap.c_str(), run.frames_recorded);
  }
  const bool ok = verdict.ok && run.stop == live::LiveStop::finished;
  if (verdict.ok && !ok) std::fprintf(text, "  problem: the run did not reach its end (%s)\n",
                                      std::string(live::to_string(run.stop)).c_str());
  std::fprintf(text, "result: %s\n", ok ? "ok" : "FAILED");
  return ok ? kExitOk : kExitGate;
}

}  // namespace ts::cli
