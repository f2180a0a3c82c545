// ChildRun: see child_run.h.
#include "tests/bench/child_run.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace ts::bench {

namespace {

double seconds_of(const timeval& tv) {
  return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6;
}

// In the child: silence output, pin, exec. Never returns.
[[noreturn]] void exec_child(const std::vector<std::string>& argv, int cpu) {
  const int null_fd = ::open("/dev/null", O_WRONLY);
  if (null_fd >= 0) {
    ::dup2(null_fd, STDOUT_FILENO);
    ::dup2(null_fd, STDERR_FILENO);
    ::close(null_fd);
  }
  if (cpu >= 0) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    ::sched_setaffinity(0, sizeof set, &set);
  }
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  ::execvp(args[0], args.data());
  ::_exit(127);
}

}  // namespace

ChildUsage measure_direct(const std::vector<std::string>& argv, int cpu) {
  ChildUsage u;
  if (argv.empty()) {
    u.failure = "empty command";
    return u;
  }
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid < 0) {
    u.failure = fmt::format("fork: {}", std::strerror(errno));
    return u;
  }
  if (pid == 0) exec_child(argv, cpu);
  int status = 0;
  rusage ru{};
  while (::wait4(pid, &status, 0, &ru) < 0) {
    if (errno != EINTR) {
      u.failure = fmt::format("wait4: {}", std::strerror(errno));
      return u;
    }
  }
  u.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  u.user_s = seconds_of(ru.ru_utime);
  u.sys_s = seconds_of(ru.ru_stime);
  u.peak_rss_kb = ru.ru_maxrss;
  if (WIFSIGNALED(status)) {
    u.failure = fmt::format("{} killed by signal {}", argv[0], WTERMSIG(status));
  } else if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
    u.failure = fmt::format("{} could not be started", argv[0]);
  } else if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
    u.failure = fmt::format("{} exited with status {}", argv[0], WEXITSTATUS(status));
  } else {
    u.ok = true;
  }
  return u;
}

ChildUsage run_child(const std::vector<std::string>& argv, int cpu) {
  std::vector<std::string> launcher = {self_executable(), std::string(kMeasureFlag),
                                       std::to_string(cpu)};
  launcher.insert(launcher.end(), argv.begin(), argv.end());
  int fds[2];
  ChildUsage u;
  if (::pipe(fds) != 0) {
    u.failure = fmt::format("pipe: {}", std::strerror(errno));
    return u;
  }
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(fds[1], STDOUT_FILENO);
    ::close(fds[0]);
    ::close(fds[1]);
    std::vector<char*> args;
    for (const auto& a : launcher) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  std::string line;
  char buf[512];
  ssize_t n = 0;
  while ((n = ::read(fds[0], buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
    if (n > 0) line.append(buf, static_cast<std::size_t>(n));
  ::close(fds[0]);
  int status = 0;
  if (pid > 0) ::waitpid(pid, &status, 0);
  int ok = 0;
  int used = 0;
  if (std::sscanf(line.c_str(), "%d %lf %lf %lf %ld %n", &ok, &u.wall_s, &u.user_s, &u.sys_s,
                  &u.peak_rss_kb, &used) < 5) {
    u.failure = "the measuring launcher failed";
    return u;
  }
  u.ok = ok != 0;
  u.failure = line.substr(static_cast<std::size_t>(used));
  while (!u.failure.empty() && u.failure.back() == '\n') u.failure.pop_back();
  return u;
}

int measure_child_main(int argc, char** argv) {
  if (argc < 4) return 2;
  const std::vector<std::string> command(argv + 3, argv + argc);
  const auto u = measure_direct(command, std::atoi(argv[2]));
  std::printf("%d %.6f %.6f %.6f %ld %s\n", u.ok ? 1 : 0, u.wall_s, u.user_s, u.sys_s,
              u.peak_rss_kb, u.failure.c_str());
  return 0;
}

std::optional<std::string> command_output(const std::string& command) {
  std::FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return std::nullopt;
  std::string out;
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  if (::pclose(pipe) != 0) return std::nullopt;
  return out;
}

std::string self_executable() {
  char buf[PATH_MAX];
  const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return {};
  return std::string(buf, static_cast<std::size_t>(n));
}

}  // namespace ts::bench
