// Tests of running at scale, with the built binary as a user runs it: the output is byte-identical
// for 1 and 4 threads; the N shards of an input together give exactly the whole run, each page
// in one shard; a rerun skips a shard whose .done marker exists (unless --force), and a shard
// stopped by --strict leaves nothing behind; Slurm array variables choose the shard; -o FILE.gz /
// FILE.zst compress; WET .warc.wet.gz inputs are read with skipped records and uncompressed bytes
// in --stats, which always has read = written + rejected. Also the shard spec parsers (shard.h).
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "newsclip/compress.h"
#include "shard.h"

namespace newsclip {
namespace {

namespace fs = std::filesystem;

const std::string kBin = NEWSCLIP_BIN;
const fs::path kCorpus = NEWSCLIP_CORPUS_DIR;

// The bytes of `path`, decompressed when it is gzip or zstd.
std::string ReadFile(const fs::path& path) {
  DecompressingStream in(std::make_unique<std::ifstream>(path, std::ios::binary));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

std::vector<std::string> SortedLines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  std::sort(out.begin(), out.end());
  return out;
}

std::string Gzip(const std::string& data) {
  z_stream z;
  std::memset(&z, 0, sizeof(z));
  deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, data.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string WetRecord(const std::string& type, const std::string& id, const std::string& text) {
  return "WARC/1.0\r\nWARC-Type: " + type + "\r\nWARC-Target-URI: https://example.com/" + id +
         "\r\nWARC-Date: 2024-05-01T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:" + id +
         ">\r\nContent-Type: text/plain\r\nContent-Length: " + std::to_string(text.size()) + "\r\n\r\n" + text +
         "\r\n\r\n";
}

struct Result {
  int exit_code = -1;
  std::string out, err;
};

class ShardTest : public ::testing::Test {
 protected:
  ShardTest() {
    std::string tmpl = (fs::temp_directory_path() / "newsclip_shard_XXXXXX").string();
    dir_ = mkdtemp(tmpl.data());
  }
  ~ShardTest() override { fs::remove_all(dir_); }

  fs::path Path(const std::string& name) const { return dir_ / name; }

  std::string Write(const std::string& name, const std::string& data) const {
    fs::create_directories(Path(name).parent_path());
    std::ofstream(Path(name), std::ios::binary) << data;
    return Path(name).string();
  }

  // Runs `ENV newsclip ARGS` through the shell (ARGS already quoted).
  Result Run(const std::string& args, const std::string& env = "") const {
    const std::string cmd = env + " " + Quote(kBin) + " " + args + " </dev/null >" + Quote(Path("stdout").string()) +
                            " 2>" + Quote(Path("stderr").string());
    Result r;
    int status = std::system(cmd.c_str());
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = ReadFile(Path("stdout"));
    r.err = ReadFile(Path("stderr"));
    return r;
  }

  rapidjson::Document Stats(const fs::path& path) const {
    rapidjson::Document d;
    d.Parse(ReadFile(path).c_str());
    EXPECT_FALSE(d.HasParseError()) << path;
    if (!d.HasParseError()) {
      const auto& pages = d["pages"];
      EXPECT_EQ(pages["read"].GetUint64(), pages["written"].GetUint64() + pages["rejected"].GetUint64()) << path;
    }
    return d;
  }

  // A folder of 30 files: corpus pages and JSONL dumps, one of them with a bad line.
  std::string MakeInputs() const {
    int n = 0;
    for (const auto& entry : fs::directory_iterator(kCorpus)) {
      if (entry.path().extension() != ".txt" || n >= 24) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      Write("in/" + entry.path().filename().string(), ss.str());
      ++n;
    }
    for (int i = 0; i < 6; ++i) {
      std::string jsonl;
      for (int j = 0; j < 5; ++j) {
        jsonl += R"({"id": "d)" + std::to_string(i) + "-" + std::to_string(j) +
                 R"(", "text": "Council approves budget\nBy Jane Roe\nThe council approved the budget on Tuesday.\n"})" "\n";
      }
      if (i == 2) jsonl += "{broken\n";
      Write("in/dump-" + std::to_string(i) + ".jsonl", jsonl);
    }
    return Path("in").string();
  }

  fs::path dir_;
};

TEST(ShardSpecTest, Parse) {
  const struct {
    const char* spec;
    int index, count;  // -1: an error
  } kCases[] = {
      {"0/1", 0, 1}, {"3/16", 3, 16}, {"15/16", 15, 16}, {"16/16", -1, -1}, {"0/0", -1, -1},
      {"1", -1, -1}, {"a/b", -1, -1}, {"-1/4", -1, -1}, {"1/4x", -1, -1}, {"", -1, -1},
  };
  for (const auto& c : kCases) {
    std::string error;
    std::optional<Shard> shard = ParseShard(c.spec, &error);
    if (c.index < 0) {
      EXPECT_FALSE(shard) << c.spec;
      EXPECT_NE(error.find("--shard"), std::string::npos) << error;
    } else {
      ASSERT_TRUE(shard) << c.spec << ": " << error;
      EXPECT_EQ(shard->index, static_cast<uint32_t>(c.index));
      EXPECT_EQ(shard->count, static_cast<uint32_t>(c.count));
    }
  }
}

TEST(ShardSpecTest, Slurm) {
  std::string error;
  EXPECT_FALSE(ShardFromSlurm(nullptr, nullptr, nullptr, nullptr, &error));
  EXPECT_TRUE(error.empty());
  EXPECT_FALSE(ShardFromSlurm("3", nullptr, nullptr, nullptr, &error));  // not an array job
  auto s = ShardFromSlurm("3", "8", nullptr, nullptr, &error);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->index, 3u);
  EXPECT_EQ(s->count, 8u);
  s = ShardFromSlurm("10", "10", "1", nullptr, &error);  // --array=1-10
  ASSERT_TRUE(s);
  EXPECT_EQ(s->index, 9u);
  s = ShardFromSlurm("4", "3", "0", "2", &error);  // --array=0-4:2
  ASSERT_TRUE(s);
  EXPECT_EQ(s->index, 2u);
  EXPECT_EQ(s->count, 3u);
  EXPECT_FALSE(ShardFromSlurm("8", "8", nullptr, nullptr, &error));
  EXPECT_NE(error.find("--shard"), std::string::npos);
}

TEST(ShardSpecTest, Files) {
  ShardFiles f = ShardFilesIn("out", Shard{3, 16});
  EXPECT_EQ(f.output, "out/shard-3-of-16.jsonl.zst");
  EXPECT_EQ(f.rejects, "out/shard-3-of-16.rejects.jsonl");
  EXPECT_EQ(f.done, "out/shard-3-of-16.done");
}

TEST_F(ShardTest, OutputIsByteIdenticalForAnyThreadCount) {
  Result one = Run("-q -j 1 --stats " + Quote(Path("s1.json").string()) + " " + Quote(kCorpus.string()));
  Result four = Run("-q -j 4 --stats " + Quote(Path("s4.json").string()) + " " + Quote(kCorpus.string()));
  ASSERT_EQ(one.exit_code, 0) << one.err;
  ASSERT_EQ(four.exit_code, 0) << four.err;
  EXPECT_FALSE(one.out.empty());
  EXPECT_TRUE(one.out == four.out) << "outputs differ between -j 1 and -j 4";
  rapidjson::Document s1 = Stats(Path("s1.json")), s4 = Stats(Path("s4.json"));
  EXPECT_EQ(s1["articles"].GetUint64(), s4["articles"].GetUint64());

  // Many small pages, many in flight at once.
  std::string jsonl;
  for (const auto& entry : fs::directory_iterator(kCorpus)) {
    if (entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    w.String(ss.str().c_str());
    for (int i = 0; i < 8; ++i) {
      jsonl += R"({"id": ")" + entry.path().filename().string() + "#" + std::to_string(i) + R"(", "text": )" +
               buf.GetString() + "}\n";
    }
  }
  const std::string input = Write("many.jsonl.gz", Gzip(jsonl));
  one = Run("-q -j 1 -o " + Quote(Path("m1.jsonl").string()) + " " + Quote(input));
  four = Run("-q -j 4 -o " + Quote(Path("m4.jsonl").string()) + " " + Quote(input));
  ASSERT_EQ(one.exit_code, 0) << one.err;
  const std::string m1 = ReadFile(Path("m1.jsonl"));
  EXPECT_GT(m1.size(), 100000u);
  EXPECT_TRUE(m1 == ReadFile(Path("m4.jsonl"))) << "outputs differ between -j 1 and -j 4";
}

TEST_F(ShardTest, ShardsTogetherAreTheWholeRun) {
  const std::string in = MakeInputs();
  Result whole = Run("-q -o " + Quote(Path("whole.jsonl").string()) + " --stats " + Quote(Path("whole.json").string()) +
                     " " + Quote(in));
  ASSERT_EQ(whole.exit_code, 0) << whole.err;
  const int kShards = 4;
  std::string all;
  uint64_t read = 0, rejected = 0;
  std::map<std::string, int> shard_of_page;
  for (int i = 0; i < kShards; ++i) {
    Result r = Run("-q --shard " + std::to_string(i) + "/" + std::to_string(kShards) + " --output-dir " +
                   Quote(Path("out").string()) + " " + Quote(in));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string base = "out/shard-" + std::to_string(i) + "-of-" + std::to_string(kShards);
    ASSERT_TRUE(fs::exists(Path(base + ".jsonl.zst")));
    const std::string records = ReadFile(Path(base + ".jsonl.zst"));
    all += records;
    rapidjson::Document done = Stats(Path(base + ".done"));
    read += done["pages"]["read"].GetUint64();
    rejected += done["pages"]["rejected"].GetUint64();
    EXPECT_EQ(done["shard"]["index"].GetInt(), i);
    for (const std::string& line : SortedLines(records)) {
      rapidjson::Document rec;
      rec.Parse(line.c_str());
      const std::string page = rec["page"].GetString();
      auto [it, fresh] = shard_of_page.emplace(page, i);
      EXPECT_TRUE(fresh || it->second == i) << page << " in shards " << it->second << " and " << i;
    }
  }
  EXPECT_EQ(SortedLines(all), SortedLines(ReadFile(Path("whole.jsonl"))));
  rapidjson::Document whole_stats = Stats(Path("whole.json"));
  EXPECT_EQ(read, whole_stats["pages"]["read"].GetUint64());
  EXPECT_EQ(rejected, 1u);
  EXPECT_EQ(whole_stats["pages"]["rejected"].GetUint64(), 1u);
  // No temporary files are left.
  for (const auto& entry : fs::directory_iterator(Path("out"))) {
    EXPECT_EQ(entry.path().string().find(".tmp"), std::string::npos) << entry.path();
  }
}

TEST_F(ShardTest, RerunSkipsADoneShardUnlessForced) {
  const std::string in = MakeInputs();
  const std::string args = "--shard 1/3 --output-dir " + Quote(Path("out").string()) + " " + Quote(in);
  ASSERT_EQ(Run("-q " + args).exit_code, 0);
  const fs::path output = Path("out/shard-1-of-3.jsonl.zst"), done = Path("out/shard-1-of-3.done");
  const std::string first = ReadFile(output);
  EXPECT_FALSE(first.empty());
  // Mark the finished output so that a rerun that rewrote it would show.
  std::ofstream(output, std::ios::binary | std::ios::trunc) << "kept";

  Result again = Run(args);
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.err.find("already done"), std::string::npos) << again.err;
  EXPECT_EQ(ReadFile(output), "kept");

  Result forced = Run("-q --force " + args);
  EXPECT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_EQ(ReadFile(output), first);

  // A shard whose marker is missing (the run died before the end) runs again.
  fs::remove(done);
  std::ofstream(output, std::ios::binary | std::ios::trunc) << "partial";
  ASSERT_EQ(Run("-q " + args).exit_code, 0);
  EXPECT_EQ(ReadFile(output), first);
  EXPECT_TRUE(fs::exists(done));
}

TEST_F(ShardTest, StrictStopLeavesNoShardOutput) {
  const std::string in = MakeInputs();
  Result r = Run("-q --strict --shard 0/1 --output-dir " + Quote(Path("out").string()) + " " + Quote(in));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(fs::is_empty(Path("out"))) << "a stopped shard left files";
}

TEST_F(ShardTest, SlurmArrayChoosesTheShard) {
  const std::string in = MakeInputs();
  Result r = Run("-q --output-dir " + Quote(Path("out").string()) + " " + Quote(in),
                 "SLURM_ARRAY_TASK_ID=2 SLURM_ARRAY_TASK_COUNT=3 SLURM_ARRAY_TASK_MIN=1");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(Path("out/shard-1-of-3.done")));
  // --shard wins over the environment.
  r = Run("-q --shard 0/5 --output-dir " + Quote(Path("out").string()) + " " + Quote(in),
          "SLURM_ARRAY_TASK_ID=2 SLURM_ARRAY_TASK_COUNT=3");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(Path("out/shard-0-of-5.done")));
  r = Run("-q --output-dir " + Quote(Path("out").string()) + " " + Quote(in),
          "SLURM_ARRAY_TASK_ID=7 SLURM_ARRAY_TASK_COUNT=3");
  EXPECT_EQ(r.exit_code, 2);
}

TEST_F(ShardTest, CompressedOutputByName) {
  const std::string corpus = Quote(kCorpus.string());
  ASSERT_EQ(Run("-q -o " + Quote(Path("a.jsonl").string()) + " " + corpus).exit_code, 0);
  ASSERT_EQ(Run("-q -o " + Quote(Path("a.jsonl.gz").string()) + " " + corpus).exit_code, 0);
  ASSERT_EQ(Run("-q -o " + Quote(Path("a.jsonl.zst").string()) + " " + corpus).exit_code, 0);
  std::ifstream gz(Path("a.jsonl.gz"), std::ios::binary), zst(Path("a.jsonl.zst"), std::ios::binary);
  char head[4] = {};
  gz.read(head, 4);
  EXPECT_EQ(CompressionOfMagic(std::string_view(head, 4)), Compression::kGzip);
  zst.read(head, 4);
  EXPECT_EQ(CompressionOfMagic(std::string_view(head, 4)), Compression::kZstd);
  const std::string plain = ReadFile(Path("a.jsonl"));
  EXPECT_FALSE(plain.empty());
  EXPECT_EQ(ReadFile(Path("a.jsonl.gz")), plain);
  EXPECT_EQ(ReadFile(Path("a.jsonl.zst")), plain);
}

TEST_F(ShardTest, WetInputsStatsAndRejects) {
  const std::string page = "Council approves budget\nBy Jane Roe\nThe council approved the budget on Tuesday.\n";
  std::string plain, gz;
  for (const std::string& r : {WetRecord("warcinfo", "info", "software: test\r\n"), WetRecord("conversion", "p1", page),
                               WetRecord("metadata", "m1", "x: y\r\n"), WetRecord("conversion", "p2", page)}) {
    plain += r;
    gz += Gzip(r);  // one member per record
  }
  Write("in/a.warc.wet.gz", gz);
  Write("in/b.warc.wet.gz", gz.substr(0, gz.size() - 30));  // cut inside the last member
  Write("in/c.jsonl", R"({"id": "j1", "text": "x"})" "\n");
  Result r = Run("-q --stats " + Quote(Path("s.json").string()) + " --rejects " + Quote(Path("r.jsonl").string()) +
                 " -o " + Quote(Path("o.jsonl").string()) + " " + Quote(Path("in").string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  rapidjson::Document s = Stats(Path("s.json"));
  EXPECT_EQ(s["pages"]["read"].GetUint64(), 5u);  // a: 2, b: 1 + the reject, c: 1
  EXPECT_EQ(s["pages"]["rejected"].GetUint64(), 1u);
  EXPECT_EQ(s["pages"]["rejected_by_reason"]["truncated"].GetUint64(), 1u);
  EXPECT_EQ(s["records_skipped_by_type"]["warcinfo"].GetUint64(), 2u);
  EXPECT_EQ(s["records_skipped_by_type"]["metadata"].GetUint64(), 2u);
  EXPECT_GT(s["bytes_in"].GetUint64(), plain.size() + 26);  // uncompressed
  EXPECT_EQ(s["bytes_in_stored"].GetUint64(), gz.size() * 2 - 30 + 26);
  rapidjson::Document reject;
  reject.Parse(ReadFile(Path("r.jsonl")).c_str());
  ASSERT_FALSE(reject.HasParseError());
  EXPECT_EQ(fs::path(reject["file"].GetString()).filename(), "b.warc.wet.gz");
  EXPECT_EQ(reject["record"].GetUint64(), 4u);
  EXPECT_GT(reject["byte_offset"].GetUint64(), 0u);
  EXPECT_NE(std::string(reject["reason"].GetString()).find("gzip stream ends inside member"), std::string::npos);
  const std::string records = ReadFile(Path("o.jsonl"));
  EXPECT_NE(records.find(R"("page":"urn:uuid:p1")"), std::string::npos) << records.substr(0, 300);
  EXPECT_NE(records.find(R"("url":"https://example.com/p2")"), std::string::npos);
}

}  // namespace
}  // namespace newsclip
