#pragma once
// parse_script(): the text of one conformance script into a Script (script.h).
//
// Grammar, one statement per line; '#' starts a comment outside quotes:
//   check ID            the check ids the script decides (at least one)
//   device ROLE         the role the device under test plays (exactly one)
//   requires FEATURE... profile features the script needs (optional)
//   [TIME] > NAME FIELD...   send NAME through the reference endpoint
//   [TIME] < NAME FIELD...   expect NAME from the device
//   [TIME] DIRECTIVE ARG...  wait S | drop-next N [KIND] | delay-next N MS |
//                            duplicate-next N | reorder-next N | assert ENTITY STATE |
//                            command NAME [KEY=VALUE...]
// TIME is SECONDS or +SECONDS, optionally a window LO~HI (the '+' applies to both ends);
// a line without TIME must start with whitespace (it follows the previous step at once).
// FIELD is KEY=VALUE or !KEY=VALUE (a deliberate violation, sends only); VALUE is a
// "quoted string" (\" and \\ escapes), a decimal or 0x number, $variable, * (any), or a
// bare word (dotted numbers such as 1.0 or 10.0.0.1 are words). Windows and wildcards
// belong to expectations only.
//
// Errors: the first problem, as "FILE:LINE:COLUMN: message" with a 1-based column. A
// script that could run wrongly never parses (a window on a send, a time running
// backwards, a directive with the wrong arguments, no check or device).
#include <string>
#include <string_view>

#include "conformance/engine/script.h"
#include "src/core/result.h"

namespace ts::conformance {

Result<Script> parse_script(std::string_view text, const std::string& file);

}  // namespace ts::conformance
