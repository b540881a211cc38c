// The bad-input suite (README.md, "Reliability"): hostile inputs of every kind a crawl holds, run
// through the built binary as a user runs it. Inputs are generated at test time in a temporary
// folder (the large ones too: a 100 MB line, a million lines, decompression bombs). For each: no
// crash, no hang (every run has a time limit), bounded memory (the child's peak RSS where the input
// is large), a message that names the file and the record or line, the run goes on (or stops with
// exit 1 under --strict), and pages read = written + rejected in --stats.
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <sys/stat.h>
#include <zlib.h>
#include <zstd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "child_process.h"

namespace {

namespace fs = std::filesystem;
using namespace std::string_literals;
using newsclip::testing::kMemoryFactor;
using newsclip::testing::Result;
using newsclip::testing::RunNewsclip;

// Peak RSS allowed for a run whose pages stay under the default --max-page-bytes (8 MiB): the
// reader holds at most one page plus fixed buffers, the rules and ICU data are ~20 MB.
constexpr long kSmallRunRssKb = 120 * 1024 * kMemoryFactor;

struct Stats {
  uint64_t read = 0, written = 0, rejected = 0, invalid = 0;
  std::map<std::string, uint64_t> rejected_by_reason;
};

Stats ReadStats(const fs::path& path) {
  rapidjson::Document doc;
  const std::string text = newsclip::testing::ReadFile(path);
  doc.Parse(text.c_str());
  Stats s;
  if (doc.HasParseError() || !doc.IsObject()) {
    ADD_FAILURE() << "no stats JSON in " << path << ": '" << text << "'";
    return s;
  }
  const auto& pages = doc["pages"];
  s.read = pages["read"].GetUint64();
  s.written = pages["written"].GetUint64();
  s.rejected = pages["rejected"].GetUint64();
  s.invalid = doc["invalid_bytes_repaired"].GetUint64();
  for (const auto& kv : pages["rejected_by_reason"].GetObject()) s.rejected_by_reason[kv.name.GetString()] = kv.value.GetUint64();
  return s;
}

// Every output line is one JSON object in valid UTF-8.
void ExpectValidJsonl(const std::string& out) {
  std::istringstream in(out);
  int n = 0;
  for (std::string line; std::getline(in, line); ++n) {
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseValidateEncodingFlag>(line.c_str(), line.size());
    ASSERT_FALSE(doc.HasParseError()) << "record " << n << ": " << rapidjson::GetParseError_En(doc.GetParseError())
                                      << ": " << line.substr(0, 200);
    ASSERT_TRUE(doc.IsObject());
  }
}

std::string Gzip(const std::string& data) {
  z_stream z = {};
  EXPECT_EQ(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, data.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string Zstd(const std::string& data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  out.resize(ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3));
  return out;
}

// A page with a headline, a byline and body text around `body`.
std::string Article(const std::string& title, const std::string& body) {
  return title + "\nBy Jane Roe\n2022-09-29\nThe harbour authority said on Monday that dredging of the channel would begin "
                 "next week. " + body + "\nWork is expected to take three months, the authority said.\n";
}

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\', out += c;
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out + "\"";
}

class BadInputTest : public ::testing::Test {
 protected:
  BadInputTest() {
    std::string tmpl = (fs::temp_directory_path() / "newsclip_bad_XXXXXX").string();
    dir_ = mkdtemp(tmpl.data());
    chmod(dir_.c_str(), 0777);  // for the run as an unprivileged user
  }
  ~BadInputTest() override {
    std::error_code ec;
    for (const auto& e : fs::recursive_directory_iterator(dir_, ec)) chmod(e.path().c_str(), 0777);
    fs::remove_all(dir_, ec);
  }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  std::string Write(const std::string& name, const std::string& data) const {
    fs::create_directories((dir_ / name).parent_path());
    std::ofstream(Path(name), std::ios::binary) << data;
    return Path(name);
  }

  // Writes a file of `total` bytes from repeated calls of `chunk` (large inputs without holding them).
  std::string WriteLarge(const std::string& name, const std::string& head, const std::string& chunk, size_t times,
                         const std::string& tail) const {
    std::ofstream out(Path(name), std::ios::binary);
    out << head;
    for (size_t i = 0; i < times; ++i) out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    out << tail;
    return Path(name);
  }

  // Runs newsclip with --stats (and the other `args`), checks that it neither crashed nor hung and
  // that every page read was written or rejected, and returns the result and the stats.
  Result Run(std::vector<std::string> args, Stats* stats, double timeout = 60, bool unprivileged = false) {
    const std::string stats_path = Path("stats.json");
    fs::remove(stats_path);
    args.insert(args.begin(), {"--stats", stats_path});
    Result r = RunNewsclip(args, dir_, timeout, "/dev/null", unprivileged);
    EXPECT_FALSE(r.timed_out) << "hung: killed after " << r.seconds << " s";
    EXPECT_EQ(r.term_signal, 0) << "crashed with signal " << r.term_signal << "\n" << r.err.substr(0, 4000);
    if (r.exit_code == 0 || r.exit_code == 1) {
      *stats = ReadStats(stats_path);
      EXPECT_EQ(stats->read, stats->written + stats->rejected) << "pages lost";
    }
    return r;
  }

  fs::path dir_;
};

// ---------------------------------------------------------------------------------------------
// Encodings and bytes.

const struct {
  const char* name;
  const char* bytes;
} kInvalidUtf8[] = {
    {"overlong 2-byte '/'", "\xC0\xAF"},
    {"overlong 3-byte '/'", "\xE0\x80\xAF"},
    {"overlong 4-byte '/'", "\xF0\x80\x80\xAF"},
    {"overlong NUL", "\xC0\x80"},
    {"UTF-8 encoded high surrogate", "\xED\xA0\x80"},
    {"UTF-8 encoded low surrogate", "\xED\xBF\xBF"},
    {"CESU-8 surrogate pair", "\xED\xA0\xBD\xED\xB8\x80"},
    {"code point over U+10FFFF", "\xF4\x90\x80\x80"},
    {"5-byte form", "\xF8\x88\x80\x80\x80"},
    {"6-byte form", "\xFC\x84\x80\x80\x80\x80"},
    {"bytes FE FF", "\xFE\xFF"},
    {"lone continuation bytes", "\x80\xBF"},
    {"truncated 2-byte", "\xC3"},
    {"truncated 3-byte", "\xE4\xB8"},
    {"truncated 4-byte", "\xF0\x9F\x98"},
    {"lead byte then ASCII", "\xE4" "abc"},
};

TEST_F(BadInputTest, InvalidUtf8OfEveryKindIsRepairedAndCounted) {
  std::string body;
  std::string jsonl;
  int i = 0;
  for (const auto& k : kInvalidUtf8) {
    body += std::string("Here is an ") + k.name + ": x" + k.bytes + "y, in a sentence of its own.\n";
    jsonl += "{\"id\": \"k" + std::to_string(i++) + "\", \"text\": " +
             JsonString(Article("Harbour dredging to begin", std::string("Bytes x") + k.bytes + "y here.")) + "}\n";
  }
  // A truncated sequence at the very end of the page.
  const std::string text = Write("bad.txt", Article("Harbour dredging to begin", "\n" + body) + "Last\xE4\xB8");
  const std::string json = Write("bad.jsonl", jsonl);
  Stats stats;
  Result r = Run({"-o", Path("out.jsonl"), text, json}, &stats);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(stats.read, 1 + std::size(kInvalidUtf8));
  EXPECT_EQ(stats.rejected, 0u) << r.err;
  EXPECT_GE(stats.invalid, 2 * std::size(kInvalidUtf8)) << "each kind is at least one byte, in both files";
  const std::string out = newsclip::testing::ReadFile(Path("out.jsonl"));
  ExpectValidJsonl(out);
  EXPECT_NE(out.find("\xEF\xBF\xBD"), std::string::npos) << "no U+FFFD in the records";
  // Named: file and page line for the text page; file:line for JSONL records.
  EXPECT_NE(r.err.find("warning: " + text + " (page bad.txt): "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("(the first on line 5 of the page)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("warning: " + json + ":1 (page k0): "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("warning: " + json + ":16 (page k15): "), std::string::npos) << r.err;
}

TEST_F(BadInputTest, NulBytes) {
  const std::string text = Write("nul.txt", Article("Harbour dredging to begin", "A NUL \0 byte."s));
  const std::string json = Write("nul.jsonl", "{\"id\": \"escaped\", \"text\": " +
                                                  std::regex_replace(JsonString(Article("Harbour dredging to begin", "A NUL-ESCAPE escape.")),
                                                                     std::regex("NUL-ESCAPE"), "\\u0000") +
                                                  "}\n" + "{\"id\": \"raw\", \"text\": \"a raw \0 NUL\"}\n"s +
                                                  std::string(1000, '\0') + "\n");
  Stats stats;
  Result r = Run({"-o", Path("out.jsonl"), "--rejects", Path("rejects.jsonl"), text, json}, &stats);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(stats.read, 4u);
  EXPECT_EQ(stats.written, 2u) << r.err;
  EXPECT_EQ(stats.rejected_by_reason["invalid-json"], 2u) << r.err;
  const std::string out = newsclip::testing::ReadFile(Path("out.jsonl"));
  ExpectValidJsonl(out);
  EXPECT_EQ(out.find('\0'), std::string::npos) << "a raw NUL in the output";
  EXPECT_GE(stats.invalid, 2u) << "NUL is replaced by U+FFFD and counted";
  EXPECT_NE(r.err.find("warning: " + text + " (page nul.txt): 1 bytes of invalid UTF-8 or NUL (the first on line 4 of the page)"),
            std::string::npos) << r.err;
  EXPECT_NE(r.err.find("rejected " + json + ":2 "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("rejected " + json + ":3 "), std::string::npos) << r.err;
}

// ---------------------------------------------------------------------------------------------
// Size.

TEST_F(BadInputTest, HundredMegabyteSingleLine) {
  const std::string words(100, 'w');  // 100-byte chunks, no newline: one line of 100 MB
  const std::string text = WriteLarge("line.txt", "", words, 1'000'000, "\n");
  const std::string json =
      WriteLarge("line.jsonl", R"({"id": "huge", "text": ")", words, 1'000'000,
                 "\"}\n{\"id\": \"after\", \"text\": " + JsonString(Article("Harbour dredging to begin", "")) + "}\n");
  Stats stats;
  Result r = Run({"-o", Path("out.jsonl"), text, json}, &stats);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(stats.read, 3u);
  EXPECT_EQ(stats.written, 1u);
  EXPECT_EQ(stats.rejected_by_reason["too-large"], 2u) << r.err;
  EXPECT_NE(r.err.find("rejected " + text + " (page line.txt): too-large"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("rejected " + json + ":1 (page " + json + ":1): too-large"), std::string::npos) << r.err;
  EXPECT_LT(r.peak_rss_kb, kSmallRunRssKb) << "a 100 MB line is held";

  // Accepted (--max-page-bytes over it), the page goes through the pipeline in bounded time and
  // memory: a few times the page size.
  r = Run({"--max-page-bytes", "200000000", "-o", Path("out.jsonl"), text}, &stats, 120);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(stats.written, 1u);
  EXPECT_LT(r.peak_rss_kb, 1024 * 1024 * kMemoryFactor) << "more than 10x the page size";
}

TEST_F(BadInputTest, MillionTinyLines) {
  const std::string text = WriteLarge("lines.txt", "", "a\n", 1'000'000, "");
  std::string records;
  for (int i = 0; i < 1000; ++i) records += "{\"id\": " + std::to_string(i) + ", \"text\": \"a\"}\n";
  const std::string json = WriteLarge("lines.jsonl", "", records, 1000, "");
  Stats stats;
  Result r = Run({"-q", "-o", Path("out.jsonl"), text}, &stats, 120);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(stats.written, 1u);
  EXPECT_LT(r.peak_rss_kb, 2 * kSmallRunRssKb);
  r = Run({"-q", "-o", Path("out.jsonl"), json}, &stats, 120);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(stats.written, 1'000'000u);
  EXPECT_LT(r.peak_rss_kb, kSmallRunRssKb) << "memory grows with the number of records";
}

TEST_F(BadInputTest, EmptyFiles) {
  const std::vector<std::string> inputs = {Write("empty.txt", ""), Write("empty.jsonl", ""), Write("empty.warc", ""),
                                           Write("blank.jsonl", "\n\n  \n"), Write("empty.txt.gz", Gzip("")),
                                           Write("empty.jsonl.zst", Zstd("")), Write("zero.jsonl.gz", "")};
  Stats stats;
  std::vector<std::string> args = {"-o", Path("out.jsonl")};
  args.insert(args.end(), inputs.begin(), inputs.end());
  Result r = Run(args, &stats);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(stats.read, 2u);  // the two text files are pages (with no article); the others hold none
  EXPECT_EQ(stats.written, 2u);
  EXPECT_EQ(newsclip::testing::ReadFile(Path("out.jsonl")), "");
}

// ---------------------------------------------------------------------------------------------
// Paths.

TEST_F(BadInputTest, DirectoryPaths) {
  fs::create_directories(Path("empty-folder"));
  fs::create_directories(Path("a-folder"));
  Stats stats;
  Result r = Run({"-o", Path("out.jsonl"), Path("empty-folder")}, &stats);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(stats.read, 0u);

  const std::string page = Write("page.txt", Article("Harbour dredging to begin", ""));
  r = RunNewsclip({"-o", Path("a-folder"), page}, dir_);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("cannot write output"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(Path("a-folder")), std::string::npos) << r.err;
  EXPECT_TRUE(fs::is_directory(Path("a-folder")));

  r = RunNewsclip({"--stats", Path("a-folder"), page}, dir_);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find(Path("a-folder")), std::string::npos) << r.err;

  r = RunNewsclip({"--rejects", Path("a-folder"), page}, dir_);
  EXPECT_EQ(r.exit_code, 3) << r.err;

  r = RunNewsclip({"--rules", Path("a-folder"), page}, dir_);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find(Path("a-folder")), std::string::npos) << r.err;
  EXPECT_EQ(r.term_signal, 0);
}

TEST_F(BadInputTest, UnreadablePathsAreRejectedAndTheRunGoesOn) {
  // /proc/self/mem fails every read with EIO, for root too; a missing path; then a good page.
  const std::string good = Write("good.txt", Article("Harbour dredging to begin", ""));
  Stats stats;
  Result r = Run({"-o", Path("out.jsonl"), "/proc/self/mem", Path("missing.txt"), good}, &stats);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(stats.read, 3u);
  EXPECT_EQ(stats.written, 1u);
  EXPECT_NE(r.err.find("rejected /proc/self/mem (page mem): unreadable: read error: Input/output error"),
            std::string::npos) << r.err;
  EXPECT_NE(r.err.find("rejected " + Path("missing.txt") + " (page missing.txt): unreadable: No such file"),
            std::string::npos) << r.err;

  r = Run({"--strict", "-o", Path("out.jsonl"), "/proc/self/mem", good}, &stats);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(stats.read, 1u);
}

// File permissions: chmod 000 stops an ordinary user, not root, so a root test runs newsclip as
// nobody (uid 65534) for this case.
TEST_F(BadInputTest, PermissionDeniedFileAndFolder) {
  const std::string good = Write("in/good.txt", Article("Harbour dredging to begin", ""));
  const std::string secret = Write("in/secret.txt", "x");
  Write("in/locked/page.txt", "y");
  chmod(Path("in").c_str(), 0755);
  chmod(good.c_str(), 0644);
  chmod(secret.c_str(), 0);
  chmod(Path("in/locked").c_str(), 0);
  Stats stats;
  Result r = Run({"-o", Path("out.jsonl"), Path("in")}, &stats, 60, /*unprivileged=*/true);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(stats.read, 3u);
  EXPECT_EQ(stats.written, 1u);
  EXPECT_NE(r.err.find("rejected " + Path("in/locked") + " (page locked): unreadable: cannot list the folder: Permission denied"),
            std::string::npos) << r.err;
  EXPECT_NE(r.err.find("rejected " + secret + " (page secret.txt): unreadable: Permission denied"), std::string::npos)
      << r.err;
}

// ---------------------------------------------------------------------------------------------
// Compressed inputs.

TEST_F(BadInputTest, TruncatedGzipAndZstd) {
  std::string jsonl;
  for (int i = 0; i < 40; ++i) {
    jsonl += "{\"id\": \"p" + std::to_string(i) + "\", \"text\": " +
             JsonString(Article("Harbour dredging item " + std::to_string(i), std::string(2000, 'x'))) + "}\n";
  }
  const std::string gz = Gzip(jsonl), zst = Zstd(jsonl);
  const std::string cut_gz = Write("cut.jsonl.gz", gz.substr(0, gz.size() * 6 / 10));
  const std::string cut_zst = Write("cut.jsonl.zst", zst.substr(0, zst.size() * 6 / 10));
  const std::string cut_txt = Write("cut.txt.gz", Gzip(Article("Harbour dredging to begin", std::string(50000, 'y'))).substr(0, 200));
  std::string corrupt = gz;
  for (size_t i = corrupt.size() / 2; i < corrupt.size() / 2 + 32; ++i) corrupt[i] = static_cast<char>(corrupt[i] ^ 0x55);
  const std::string bad_gz = Write("corrupt.jsonl.gz", corrupt);
  const std::string good = Write("good.txt", Article("Harbour dredging to begin", ""));
  Stats stats;
  Result r = Run({"-o", Path("out.jsonl"), "--rejects", Path("rejects.jsonl"), cut_gz, cut_zst, cut_txt, bad_gz, good},
                 &stats);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(stats.rejected, 4u) << r.err;
  EXPECT_GE(stats.written, 1u + 2 * 5) << "the pages before the damage are kept";
  EXPECT_EQ(stats.rejected_by_reason["truncated"], 3u) << r.err;
  EXPECT_NE(r.err.find("rejected " + cut_gz + ":"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("truncated: gzip stream ends inside member 1"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("truncated: zstd stream ends inside a frame"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("rejected " + bad_gz + ":"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("invalid gzip data"), std::string::npos) << r.err;
  ExpectValidJsonl(newsclip::testing::ReadFile(Path("out.jsonl")));

  // --strict: exit 1 at the first damaged file, and no output file that looks complete.
  fs::remove(Path("out.jsonl"));
  r = Run({"--strict", "-o", Path("out.jsonl"), cut_gz, good}, &stats);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_FALSE(fs::exists(Path("out.jsonl")));
}

// Bombs: a few hundred KB that decompress to GBs. A text page stops at --max-page-bytes; a JSONL
// line or a WARC block over it streams by without being held.
TEST_F(BadInputTest, DecompressionBombIsCappedByMaxPageBytes) {
  // A zstd file of `head`, then `n` bytes of `fill` (64 MiB frames, each compressed once and
  // repeated, so that making a 16 GiB bomb takes no time), then `tail`.
  auto zstd_bomb = [&](const std::string& name, const std::string& head, uint64_t n, char fill, const std::string& tail) {
    const uint64_t kFrame = 64ull << 20;
    const std::string frame = Zstd(std::string(kFrame, fill));
    std::ofstream out(Path(name), std::ios::binary);
    out << Zstd(head);
    for (uint64_t done = 0; done < n; done += kFrame) out << frame;
    out << Zstd(tail);
    return Path(name);
  };
  const uint64_t kGiB = 1ull << 30;
  const std::string text_bomb = zstd_bomb("bomb.txt.zst", "", 16 * kGiB, '\0', "");
  const std::string after = "{\"id\": \"after\", \"text\": " + JsonString(Article("Harbour dredging to begin", "")) + "}\n";
  const std::string json_bomb = zstd_bomb("bomb.jsonl.zst", "{\"id\": \"bomb\", \"text\": \"", kGiB, 'a', "\"}\n" + after);
  const std::string warc_bomb = zstd_bomb(
      "bomb.warc.zst",
      "WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Record-ID: <urn:uuid:bomb>\r\nContent-Length: " + std::to_string(kGiB) + "\r\n\r\n",
      kGiB, 'a',
      "\r\n\r\nWARC/1.0\r\nWARC-Type: conversion\r\nWARC-Record-ID: <urn:uuid:after>\r\nContent-Length: 5\r\n\r\nafter\r\n\r\n");
  for (const std::string& bomb : {text_bomb, json_bomb, warc_bomb}) EXPECT_LT(fs::file_size(bomb), 1u << 20);

  Stats stats;
  Result r = Run({"--max-page-bytes", "1000000", "-o", Path("out.jsonl"), text_bomb}, &stats, 20);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(stats.rejected_by_reason["too-large"], 1u) << r.err;
  EXPECT_LT(r.seconds, 10 * newsclip::testing::kSlowdown) << "the 16 GiB were decompressed";
  EXPECT_LT(r.peak_rss_kb, kSmallRunRssKb);

  r = Run({"--max-page-bytes", "1000000", "-o", Path("out.jsonl"), json_bomb, warc_bomb}, &stats, 120);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(stats.read, 4u);
  EXPECT_EQ(stats.written, 2u);
  EXPECT_EQ(stats.rejected_by_reason["too-large"], 2u) << r.err;
  EXPECT_NE(r.err.find("rejected " + json_bomb + ":1 "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("rejected " + warc_bomb + " (page urn:uuid:bomb): too-large"), std::string::npos) << r.err;
  EXPECT_LT(r.peak_rss_kb, kSmallRunRssKb);
}

// ---------------------------------------------------------------------------------------------
// WARC.

TEST_F(BadInputTest, WarcContentLengthMissingNegativeOrHuge) {
  auto record = [](int n, const std::string& length_header) {
    const std::string body = Article("Harbour item " + std::to_string(n), "");
    std::string length = "Content-Length: " + std::to_string(body.size()) + "\r\n";
    if (length_header != "ok") length = length_header;
    return "WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Record-ID: <urn:uuid:" + std::to_string(n) + ">\r\n" + length +
           "\r\n" + body + "\r\n\r\n";
  };
  std::string warc = record(1, "ok") + record(2, "") + record(3, "ok") + record(4, "Content-Length: -5\r\n") +
                     record(5, "ok") + record(6, "Content-Length: 99999999999999999999\r\n") + record(7, "ok") +
                     record(8, "Content-Length: 12abc\r\n") + record(9, "ok") + record(10, "Content-Length: 3\r\n") +
                     record(11, "ok") + record(12, "Content-Length: 5000000\r\n") + record(13, "ok") + record(14, "ok");
  const std::string path = Write("bad.warc", warc);
  Stats stats;
  Result r = Run({"-o", Path("out.jsonl"), "--rejects", Path("rejects.jsonl"), path}, &stats);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(stats.read, 14u) << r.err;
  EXPECT_EQ(stats.written, 8u) << r.err;  // 1 3 5 7 9 11 13 14: the records after a lie are kept
  EXPECT_EQ(stats.rejected_by_reason["bad-warc"], 6u) << r.err;
  for (const char* reason : {"(page urn:uuid:2): bad-warc: no Content-Length",
                             "(page urn:uuid:4): bad-warc: Content-Length '-5' is not a byte count",
                             "(page urn:uuid:6): bad-warc: Content-Length 99999999999999999999 is beyond any record",
                             "(page urn:uuid:8): bad-warc: Content-Length '12abc' is not a byte count",
                             "(page urn:uuid:10): bad-warc: Content-Length 3 does not end the record",
                             "(page urn:uuid:12): bad-warc: Content-Length 5000000 runs past the end of the input"}) {
    EXPECT_NE(r.err.find(reason), std::string::npos) << reason << "\n" << r.err;
  }
  EXPECT_NE(r.err.find("rejected " + path + " record 2 at byte "), std::string::npos) << r.err;
  // The rejects file names file, record and byte offset.
  const std::string rejects = newsclip::testing::ReadFile(Path("rejects.jsonl"));
  EXPECT_NE(rejects.find("\"file\":\"" + path + "\",\"record\":12,"), std::string::npos) << rejects;
  ExpectValidJsonl(newsclip::testing::ReadFile(Path("out.jsonl")));
}

// ---------------------------------------------------------------------------------------------
// JSONL.

TEST_F(BadInputTest, JsonlInvalidJsonWrongTypesDuplicateKeysDeepNesting) {
  const std::string page = JsonString(Article("Harbour dredging to begin", ""));
  const std::string deep(100000, '[');
  const std::string undeep(100000, ']');
  const std::vector<std::string> lines = {
      "{\"id\": \"ok\", \"text\": " + page + "}",                                       // 1 written
      "{\"id\": \"broken\", \"text\": " + page,                                          // 2 invalid-json
      "{\"id\": \"num\", \"text\": 42}",                                                 // 3 bad-field
      "{\"id\": \"obj\", \"text\": {\"a\": " + page + "}}",                             // 4 bad-field
      "{\"id\": \"dup\", \"text\": \"first\", \"text\": " + page + "}",                 // 5 written: last wins
      "{\"id\": \"deep-other\", \"x\": " + deep + undeep + ", \"text\": " + page + "}",  // 6 written
      "{\"id\": \"deep-text\", \"text\": " + deep + undeep + "}",                        // 7 bad-field
      deep,                                                                              // 8 invalid-json
      std::string(1'000'000, '{'),                                                       // 9 invalid-json
      "[" + page + "]",                                                                  // 10 invalid-json
      "{\"id\": \"trailing\", \"text\": " + page + "} {}",                              // 11 invalid-json
      "{\"id\": \"ok2\", \"text\": " + page + "}",                                      // 12 written
  };
  std::string data;
  for (const std::string& l : lines) data += l + "\n";
  const std::string path = Write("bad.jsonl", data);
  Stats stats;
  Result r = Run({"-o", Path("out.jsonl"), "--rejects", Path("rejects.jsonl"), path}, &stats);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(stats.read, 12u);
  EXPECT_EQ(stats.written, 4u) << r.err;
  EXPECT_EQ(stats.rejected_by_reason["invalid-json"], 5u) << r.err;
  EXPECT_EQ(stats.rejected_by_reason["bad-field"], 3u) << r.err;
  EXPECT_NE(r.err.find("rejected " + path + ":3 (page num): bad-field: 'text' is a number, not a string"),
            std::string::npos) << r.err;
  EXPECT_NE(r.err.find("rejected " + path + ":2 "), std::string::npos) << r.err;
  const std::string out = newsclip::testing::ReadFile(Path("out.jsonl"));
  ExpectValidJsonl(out);
  EXPECT_NE(out.find("\"page\":\"dup\""), std::string::npos);
  EXPECT_NE(out.find("\"page\":\"deep-other\""), std::string::npos);
  const std::string rejects = newsclip::testing::ReadFile(Path("rejects.jsonl"));
  EXPECT_NE(rejects.find("\"line\":9,"), std::string::npos) << rejects;

  // --strict stops at line 2.
  r = Run({"--strict", path}, &stats);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(stats.read, 2u);
  EXPECT_EQ(stats.rejected, 1u);
}

// ---------------------------------------------------------------------------------------------
// Rules files.

TEST_F(BadInputTest, RulesFileWithAnInvalidPatternNamesFileLineAndPattern) {
  const std::string page = Write("page.txt", Article("Harbour dredging to begin", ""));
  const struct {
    std::string rules;
    std::string message;  // in stderr, after "rules.tsv"
  } kCases[] = {
      {"# my rules\nboilerplate\tok\t^Share$\nboilerplate\tbad\t(unclosed [group\n", ":3"},
      {"chrome\tbad\ta**b\n", ":1"},
      {"boilerplate\thuge\t((a{1000}){1000}){1000}\n", ":1"},
      {"label\tauthors\t\\p{NoSuchScript}\n", ":1"},
      {"boilerplate\tonly-two-fields\n", ":1"},
      {"nonsense\tname\tx\n", ":1"},
      {"boilerplate\tbin\t\xFF\xFE\0\x01(\n"s, ":1"},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.rules.substr(0, 60));
    const std::string rules = Write("rules.tsv", c.rules);
    Result r = RunNewsclip({"--rules", rules, page}, dir_);
    EXPECT_FALSE(r.timed_out);
    EXPECT_EQ(r.term_signal, 0);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find(rules + c.message), std::string::npos) << r.err;
  }
  // The pattern itself is quoted.
  Write("rules.tsv", "boilerplate\tbad\t(unclosed [group\n");
  Result r = RunNewsclip({"--rules", Path("rules.tsv"), page}, dir_);
  EXPECT_NE(r.err.find("(unclosed [group"), std::string::npos) << r.err;
  r = RunNewsclip({"--rules", Path("no-such-rules.tsv"), page}, dir_);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find(Path("no-such-rules.tsv")), std::string::npos) << r.err;
}

}  // namespace
