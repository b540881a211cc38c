// Test helper: runs the built newsclip binary as a child process, with a time limit, its peak
// memory (getrusage of the child) and a way to signal it while it runs. Used by the bad-input and
// interruption tests, which must see hangs, memory growth and signals that std::system hides.
//
//   newsclip::testing::Child child({"-q", "in.jsonl"}, dir);   // stdout, stderr to files in dir
//   child.Signal(SIGTERM);
//   newsclip::testing::Result r = child.Wait(60);               // SIGKILL after 60 s: timed_out
#ifndef NEWSCLIP_TESTS_CHILD_PROCESS_H_
#define NEWSCLIP_TESTS_CHILD_PROCESS_H_

#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace newsclip::testing {

// Sanitized builds (NEWSCLIP_SANITIZE) are slower and use more memory: limits scale by these.
#ifdef NEWSCLIP_SANITIZED
constexpr double kSlowdown = 6;
constexpr long kMemoryFactor = 8;
#else
constexpr double kSlowdown = 1;
constexpr long kMemoryFactor = 1;
#endif

struct Result {
  int exit_code = -1;      // -1 when killed by a signal
  int term_signal = 0;     // the signal that killed it, 0 when it exited
  bool timed_out = false;  // killed by Wait's time limit
  long peak_rss_kb = 0;    // the child's maximum resident set size
  double seconds = 0;
  std::string out, err;
};

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class Child {
 public:
  // Starts NEWSCLIP_BIN with `args`, stdin from `stdin_path`, stdout and stderr to `dir`/stdout and
  // `dir`/stderr. With `unprivileged`, a root test runs it as nobody (uid/gid 65534), so that file
  // permissions apply to it.
  Child(const std::vector<std::string>& args, const std::filesystem::path& dir,
        const std::filesystem::path& stdin_path = "/dev/null", bool unprivileged = false)
      : out_path_(dir / "stdout"), err_path_(dir / "stderr"), start_(std::chrono::steady_clock::now()) {
    std::vector<std::string> argv_strings = {NEWSCLIP_BIN};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& s : argv_strings) argv.push_back(s.data());
    argv.push_back(nullptr);
    pid_ = fork();
    if (pid_ == 0) {
      const int in = open(stdin_path.c_str(), O_RDONLY);
      const int out = open(out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
      const int err = open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
      if (in < 0 || out < 0 || err < 0) _exit(126);
      dup2(in, 0);
      dup2(out, 1);
      dup2(err, 2);
      if (unprivileged && geteuid() == 0) {
        if (setgroups(0, nullptr) != 0 || setgid(65534) != 0 || setuid(65534) != 0) _exit(125);
      }
      execv(argv[0], argv.data());
      _exit(127);
    }
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  ~Child() {
    if (pid_ > 0 && !waited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }

  pid_t pid() const { return pid_; }
  void Signal(int sig) { kill(pid_, sig); }

  // Whether it is still running (it is not reaped here).
  bool Running() {
    siginfo_t info = {};
    return waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == 0;
  }

  // Waits for the exit, killing it with SIGKILL after `timeout_seconds` (then timed_out is set).
  Result Wait(double timeout_seconds) {
    Result r;
    const auto deadline = start_ + std::chrono::duration<double>(timeout_seconds);
    int status = 0;
    struct rusage usage = {};
    for (;;) {
      const pid_t got = wait4(pid_, &status, WNOHANG, &usage);
      if (got == pid_) break;
      if (std::chrono::steady_clock::now() > deadline) {
        r.timed_out = true;
        kill(pid_, SIGKILL);
        wait4(pid_, &status, 0, &usage);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    waited_ = true;
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    r.peak_rss_kb = usage.ru_maxrss;
    if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) r.term_signal = WTERMSIG(status);
    r.out = ReadFile(out_path_);
    r.err = ReadFile(err_path_);
    return r;
  }

 private:
  std::filesystem::path out_path_, err_path_;
  std::chrono::steady_clock::time_point start_;
  pid_t pid_ = -1;
  bool waited_ = false;
};

// Runs newsclip to the end (or `timeout_seconds`, scaled by kSlowdown).
inline Result RunNewsclip(const std::vector<std::string>& args, const std::filesystem::path& dir,
                          double timeout_seconds = 60, const std::filesystem::path& stdin_path = "/dev/null",
                          bool unprivileged = false) {
  Child child(args, dir, stdin_path, unprivileged);
  return child.Wait(timeout_seconds * kSlowdown);
}

}  // namespace newsclip::testing

#endif  // NEWSCLIP_TESTS_CHILD_PROCESS_H_
