// make_captures DIR: writes every scenario capture into DIR and prints captures/MANIFEST.tsv.
// With --list: prints "file<TAB>analyze args" per scenario (for the golden test runner).
#include <cstdio>
#include <string>

#include "tests/tools/scenarios/scenario.h"

int main(int argc, char** argv) {
  using namespace ts::testing;
  if (argc != 2) {
    std::fprintf(stderr, "usage: ts_make_captures DIR | --list\n");
    return 2;
  }
  const std::string arg = argv[1];
  std::vector<Scenario> all;
  for (auto* group : {&l2tp_scenarios, &pptp_scenarios, &misc_scenarios})
    for (auto& s : (*group)()) all.push_back(std::move(s));
  if (arg == "--list") {
    for (const auto& s : all) std::printf("%s\t%s\n", s.file.c_str(), s.analyze_args.c_str());
    return 0;
  }
  std::printf("file\tmade by\tdescription\n");
  for (const auto& s : all) {
    if (!s.capture.write(arg + "/" + s.file, s.snaplen)) return 1;
    std::printf("%s\ttests/tools/make_captures (scenario encoders, %zu frames)\t%s\n", s.file.c_str(),
                s.capture.frames(), s.description.c_str());
  }
  return 0;
}
