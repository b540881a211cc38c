// Interrupted runs, with the built binary (README.md, "Reliability"): a run killed by SIGKILL leaves
// no output under its name, only a PATH.tmp-PID file that is visibly unfinished (its compressed
// stream is cut); SIGTERM and SIGINT stop the run cleanly, write the pages in flight as whole
// records in a complete compressed stream (PATH.partial), say how to go on, and --resume (or
// --skip-pages for stdout) then gives exactly the output of an uninterrupted run.
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "child_process.h"
#include "newsclip/compress.h"

namespace {

namespace fs = std::filesystem;
using newsclip::testing::Child;
using newsclip::testing::kSlowdown;
using newsclip::testing::ReadFile;
using newsclip::testing::Result;
using newsclip::testing::RunNewsclip;

struct Decoded {
  std::string text;
  bool complete = false;  // the compressed stream ends where it should
};

Decoded Decompress(const fs::path& path) {
  newsclip::DecompressingStream in(std::make_unique<std::ifstream>(path, std::ios::binary));
  Decoded d;
  char buf[1 << 16];
  while (in.read(buf, sizeof(buf)) || in.gcount() > 0) d.text.append(buf, static_cast<size_t>(in.gcount()));
  d.complete = !in.bad();
  return d;
}

// Every line is a whole JSON record.
void ExpectWholeRecords(const std::string& text) {
  ASSERT_TRUE(text.empty() || text.back() == '\n') << "a record is cut";
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    rapidjson::Document doc;
    doc.Parse(line.c_str(), line.size());
    ASSERT_FALSE(doc.HasParseError()) << line.substr(0, 200);
  }
}

// The counts of a --stats file, without the ones that depend on the run (time, interruption).
std::string Counts(const fs::path& path) {
  rapidjson::Document doc;
  const std::string text = ReadFile(path);
  doc.Parse(text.c_str());
  if (doc.HasParseError()) return "unparsable: " + text;
  doc.RemoveMember("wall_seconds");
  doc.RemoveMember("interrupted_by");
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  doc.Accept(w);
  return buf.GetString();
}

class InterruptTest : public ::testing::Test {
 protected:
  InterruptTest() {
    std::string tmpl = (fs::temp_directory_path() / "newsclip_interrupt_XXXXXX").string();
    dir_ = mkdtemp(tmpl.data());
  }
  ~InterruptTest() override { fs::remove_all(dir_); }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  // A JSONL input of the corpus pages, repeated until it takes newsclip some seconds, with a few
  // bad lines among them (rejects).
  static std::string Input() {
    static const std::string input = [] {
      std::vector<std::string> pages;
      for (const auto& e : fs::directory_iterator(NEWSCLIP_CORPUS_DIR)) {
        if (e.path().extension() == ".txt") pages.push_back(ReadFile(e.path()));
      }
      std::sort(pages.begin(), pages.end());
      std::string jsonl;
      for (int i = 0; i < 12000; ++i) {
        if (i % 1000 == 999) {
          jsonl += "{\"id\": \"bad" + std::to_string(i) + "\", \"text\": 5}\n";
          continue;
        }
        std::string text;
        for (char c : pages[static_cast<size_t>(i) % pages.size()]) {
          if (c == '"' || c == '\\') text += '\\', text += c;
          else if (c == '\n') text += "\\n";
          else text += c;
        }
        jsonl += "{\"id\": \"p" + std::to_string(i) + "\", \"text\": \"" + text + "\"}\n";
      }
      return jsonl;
    }();
    return input;
  }

  std::string WriteInput() const {
    const std::string path = Path("in.jsonl");
    if (!fs::exists(path)) std::ofstream(path, std::ios::binary) << Input();
    return path;
  }

  // Waits until `path` exists with some bytes in it (the run has written records).
  static bool WaitForBytes(const std::string& path, Child* child) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(60 * kSlowdown);
    while (std::chrono::steady_clock::now() < deadline && child->Running()) {
      std::error_code ec;
      if (fs::file_size(path, ec) > 0 && !ec) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }

  fs::path dir_;
};

TEST_F(InterruptTest, SigkillLeavesNoOutputThatLooksComplete) {
  const std::string in = WriteInput();
  // -o FILE.gz, and a shard in an output folder.
  for (const std::string mode : {"file", "shard"}) {
    SCOPED_TRACE(mode);
    const std::string out = mode == "file" ? Path("out.jsonl.gz") : Path("shards/shard-0-of-1.jsonl.zst");
    const std::vector<std::string> args = mode == "file"
        ? std::vector<std::string>{"-q", "-j", "1", "-o", out, "--rejects", Path("rejects.jsonl"), in}
        : std::vector<std::string>{"-q", "-j", "1", "--shard", "0/1", "--output-dir", Path("shards"), in};
    Child child(args, dir_);
    const std::string tmp = out + ".tmp-" + std::to_string(child.pid());
    ASSERT_TRUE(WaitForBytes(tmp, &child)) << "no records written before the run ended";
    child.Signal(SIGKILL);
    Result r = child.Wait(30);
    EXPECT_EQ(r.term_signal, SIGKILL);
    EXPECT_FALSE(fs::exists(out)) << "a killed run left output under its name";
    EXPECT_FALSE(fs::exists(out + ".partial"));
    if (mode == "file") EXPECT_FALSE(fs::exists(Path("rejects.jsonl")));
    EXPECT_FALSE(fs::exists(Path("shards/shard-0-of-1.rejects.jsonl")));
    EXPECT_FALSE(fs::exists(Path("shards/shard-0-of-1.done")));
    ASSERT_TRUE(fs::exists(tmp));
    EXPECT_FALSE(Decompress(tmp).complete) << "the unfinished file is a complete stream";

    // The same command again runs to the end; the dead run's temporary file is left alone.
    r = RunNewsclip(args, dir_, 300);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(Decompress(out).complete);
    EXPECT_TRUE(fs::exists(tmp));
  }
}

TEST_F(InterruptTest, SigtermFinishesThePagesInFlightAndResumeCompletesTheRun) {
  const std::string in = WriteInput();
  // The reference: one uninterrupted run.
  Result r = RunNewsclip({"-q", "-j", "2", "-o", Path("ref.jsonl.zst"), "--rejects", Path("ref.rejects.jsonl"), "--stats",
                          Path("ref.stats.json"), in}, dir_, 600);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string reference = Decompress(Path("ref.jsonl.zst")).text;

  const std::string out = Path("out.jsonl.zst");
  const std::vector<std::string> args = {"-j", "2", "-o", out, "--rejects", Path("rejects.jsonl"), "--stats",
                                         Path("stats.json"), in};
  Child child(args, dir_);
  ASSERT_TRUE(WaitForBytes(out + ".tmp-" + std::to_string(child.pid()), &child));
  child.Signal(SIGTERM);
  r = child.Wait(60);
  ASSERT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, 143) << r.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.err, m, std::regex("interrupted by SIGTERM after ([0-9]+) pages"))) << r.err;
  const uint64_t done = std::stoull(m[1]);
  EXPECT_NE(r.err.find("run the same command with --resume"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));
  Decoded partial = Decompress(out + ".partial");
  EXPECT_TRUE(partial.complete) << "the records written are not a complete stream";
  ExpectWholeRecords(partial.text);
  EXPECT_EQ(reference.substr(0, partial.text.size()), partial.text) << "the partial output is not a prefix of the whole";
  EXPECT_LT(partial.text.size(), reference.size()) << "the run was not interrupted";
  EXPECT_NE(ReadFile(out + ".resume.json").find("\"pages_done\":" + std::to_string(done) + ","), std::string::npos);
  EXPECT_NE(ReadFile(Path("stats.json")).find("\"interrupted_by\":\"SIGTERM\""), std::string::npos);

  // --resume goes on and ends with exactly the uninterrupted run's output, rejects and counts.
  std::vector<std::string> resume = args;
  resume.insert(resume.begin(), "--resume");
  r = RunNewsclip(resume, dir_, 600);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("resuming after page " + std::to_string(done)), std::string::npos) << r.err;
  EXPECT_TRUE(Decompress(out).text == reference) << "resumed output differs from an uninterrupted run";
  EXPECT_EQ(ReadFile(Path("rejects.jsonl")), ReadFile(Path("ref.rejects.jsonl")));
  EXPECT_EQ(Counts(Path("stats.json")), Counts(Path("ref.stats.json")));
  EXPECT_FALSE(fs::exists(out + ".partial"));
  EXPECT_FALSE(fs::exists(out + ".resume.json"));
}

TEST_F(InterruptTest, SigintToStdoutSaysHowToGoOn) {
  const std::string in = WriteInput();
  Result r = RunNewsclip({"-q", "-j", "2", in}, dir_, 600);
  ASSERT_EQ(r.exit_code, 0);
  const std::string reference = r.out;

  fs::remove(Path("stdout"));  // the reference run's: WaitForBytes must see the new run's records
  Child child({"-j", "2", in}, dir_);
  ASSERT_TRUE(WaitForBytes(Path("stdout"), &child));
  child.Signal(SIGINT);
  r = child.Wait(60);
  EXPECT_EQ(r.exit_code, 130) << r.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.err, m, std::regex("--skip-pages ([0-9]+) and append its output"))) << r.err;
  ExpectWholeRecords(r.out);
  const std::string first = r.out;
  r = RunNewsclip({"-q", "-j", "2", "--skip-pages", m[1].str(), in}, dir_, 600);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(first + r.out == reference);
}

TEST_F(InterruptTest, ResumeRefusesOtherInputs) {
  const std::string in = WriteInput();
  const std::string out = Path("out.jsonl");
  Child child({"-j", "1", "-o", out, in}, dir_);
  ASSERT_TRUE(WaitForBytes(out + ".tmp-" + std::to_string(child.pid()), &child));
  child.Signal(SIGTERM);
  ASSERT_EQ(child.Wait(60).exit_code, 143);
  std::ofstream(Path("other.jsonl")) << "{\"id\": \"x\", \"text\": \"y\"}\n";
  Result r = RunNewsclip({"--resume", "-o", out, Path("other.jsonl")}, dir_);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("the inputs are not those of the interrupted run"), std::string::npos) << r.err;
  EXPECT_TRUE(fs::exists(out + ".partial"));
}

}  // namespace
