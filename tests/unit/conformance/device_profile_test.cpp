// Device profiles (conformance/engine/device_profile.h): the file format, overrides of a
// base, and errors that name the file and line.
#include <catch2/catch.hpp>

#include "conformance/engine/device_profile.h"

using namespace ts;
using namespace ts::conformance;
using namespace std::chrono_literals;

TEST_CASE("a device profile reads every setting, with comments and blank lines") {
  const auto p = parse_device_profile(R"(# xl2tpd in the lab
name           = xl2tpd-lns
target         = 10.200.0.1   # the LNS
port           = 1702
local          = 10.200.0.2

secret         = s3cret
username       = alice
password       = wonder land
features       = hello  hidden-avps
slack          = 0.25
default-window = 3
settle         = 1.5
script-limit   = 30
ppp-transport  = l2tp
call-trigger   = echo 'c ts' > /run/xl2tpd/control # not a comment: a shell command
)",
                                      "lab.profile");
  REQUIRE(p.ok());
  const DeviceProfile& d = p.value();
  CHECK(d.name == "xl2tpd-lns");
  CHECK(d.target == "10.200.0.1");
  CHECK(d.port == 1702);
  CHECK(d.local == "10.200.0.2");
  CHECK(d.secret == "s3cret");
  CHECK(d.username == "alice");
  CHECK(d.password == "wonder land");
  CHECK(d.features == std::vector<std::string>{"hello", "hidden-avps"});
  CHECK(d.claims("hello"));
  CHECK_FALSE(d.claims("proxy-auth"));
  CHECK(d.ppp_transport == "l2tp");
  CHECK(d.slack == 250ms);
  CHECK(d.default_window == 3s);
  CHECK(d.settle == 1500ms);
  CHECK(d.script_limit == 30s);
  CHECK(d.call_trigger == "echo 'c ts' > /run/xl2tpd/control # not a comment: a shell command");
}

TEST_CASE("a device profile keeps the base's settings it does not name") {
  DeviceProfile base;
  base.target = "192.0.2.1";
  base.slack = 1s;
  const auto p = parse_device_profile("name = dut\n", "p", base);
  REQUIRE(p.ok());
  CHECK(p.value().target == "192.0.2.1");
  CHECK(p.value().slack == 1s);
  CHECK(p.value().port == 1701);
  CHECK(p.value().name == "dut");
}

TEST_CASE("device profile errors name the file and line") {
  auto error = [](const std::string& text) {
    const auto p = parse_device_profile(text, "dut.profile");
    REQUIRE_FALSE(p.ok());
    return p.error();
  };
  CHECK(error("name = a\ncolour = blue\n") == "dut.profile:2: unknown setting 'colour'");
  CHECK(error("ppp-transport = serial\n") == "dut.profile:1: ppp-transport must be l2tp, not 'serial'");
  CHECK(error("target 10.0.0.1\n") == "dut.profile:1: expected KEY = VALUE");
  CHECK(error("\n\nport = 0\n") == "dut.profile:3: port must be 1 to 65535, not '0'");
  CHECK(error("port = 70000\n").find("port must be") != std::string::npos);
  CHECK(error("slack = -1\n") == "dut.profile:1: slack must be a number of seconds, not '-1'");
  CHECK(error("settle = soon\n").find("settle must be a number of seconds") != std::string::npos);
}
