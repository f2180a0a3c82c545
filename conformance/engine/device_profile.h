#pragma once
// DeviceProfile: what the conformance runner needs to know about one device under test
// (docs/device-profiles.md), read from a small `key = value` file, one setting per line,
// `#` starting a comment; command-line options override it field by field.
//
//   name           = xl2tpd-lns          # for reports
//   target         = 10.200.0.1          # the device's IPv4 address
//   port           = 1701                # its L2TP port (default 1701)
//   local          = 10.200.0.2          # our address (default: any)
//   secret         = s3cret              # L2TP tunnel secret (empty: no tunnel auth)
//   username       = alice               # PPP credentials the device accepts
//   password       = wonderland
//   features       = hello hidden-avps   # what the device claims; scripts that require
//                                        # others are inconclusive, not failed
//   slack          = 0.3                 # seconds added to both ends of every window
//   default-window = 5                   # seconds for an expectation without a window
//   call-trigger   = echo 'c ts' > /run/xl2tpd/l2tp-control
//                                        # LAC devices: a shell command that makes it call
//   settle         = 0.5                 # seconds between scripts
//   script-limit   = 300                 # seconds one script may run at most
//   ppp-transport  = l2tp                # PPP devices: how their PPP is reached (l2tp:
//                                        # in an L2TP session to target:port, secret)
//
// parse_device_profile() is pure (text in, profile or a FILE:LINE error out); unknown keys
// are errors, so that a typo is not silently ignored.
#include <optional>
#include <string>
#include <vector>

#include "src/core/result.h"
#include "src/core/time.h"

namespace ts::conformance {

struct DeviceProfile {
  std::string name;
  std::string target;
  std::uint16_t port = 1701;
  std::string local = "0.0.0.0";
  std::string secret;
  std::string username;
  std::string password;
  std::vector<std::string> features;
  Duration slack = std::chrono::milliseconds(200);
  Duration default_window = std::chrono::seconds(5);
  std::string call_trigger;
  Duration settle = std::chrono::milliseconds(500);
  Duration script_limit = std::chrono::seconds(300);
  std::string ppp_transport;  // "l2tp" or empty (PPP devices cannot run live)

  bool claims(const std::string& feature) const;
};

Result<DeviceProfile> parse_device_profile(const std::string& text, const std::string& file,
                                           DeviceProfile base = {});

}  // namespace ts::conformance
