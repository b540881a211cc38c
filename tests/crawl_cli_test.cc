// Tests of crawl-wide boilerplate and stream use with the built binary, run as a user (or a Slurm
// task, or a Hadoop Streaming mapper) runs it: `newsclip count` over N shards (by --shard or by the
// Slurm array variables) and `newsclip merge` of their folder give the same table as one count of
// everything; a count shard with a .done marker is skipped on a rerun; merge refuses a folder that
// misses a shard; `--boilerplate-table` removes a site's template lines with rule repeated-line
// (the union of sharded clean runs equals one run); a bad table is a usage error; and JSONL on
// stdin to records on stdout gives exactly the records of file mode.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "newsclip/compress.h"

namespace newsclip {
namespace {

namespace fs = std::filesystem;

const std::string kBin = NEWSCLIP_BIN;

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

// "ba", "bb", ...: distinct words for distinct numbers (digits would all fold to 0 in a key).
std::string Letters(int n) {
  std::string s;
  do {
    s.insert(s.begin(), static_cast<char>('a' + n % 26));
    n /= 26;
  } while (n > 0);
  return "b" + s;
}

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '\n') out += "\\n";
    else if (c == '"') out += "\\\"";
    else out += c;
  }
  return out + "\"";
}

struct Result {
  int exit_code = -1;
  std::string err;
};

class CrawlCliTest : public ::testing::Test {
 protected:
  CrawlCliTest() {
    std::string tmpl = (fs::temp_directory_path() / "newsclip_crawl_cli_XXXXXX").string();
    dir_ = mkdtemp(tmpl.data());
    MakeCrawl();
  }
  ~CrawlCliTest() override { fs::remove_all(dir_); }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  // Runs `[ENV] newsclip ARGS` (ARGS shell-quoted by the caller) with stdout to `out`.
  Result Run(const std::string& args, const std::string& out = "/dev/null", const std::string& env = "",
             const std::string& in = "/dev/null") const {
    const std::string cmd = env + " " + Quote(kBin) + " " + args + " <" + Quote(in) + " >" + Quote(out) + " 2>" +
                            Quote(Path("stderr"));
    Result r;
    const int status = std::system(cmd.c_str());
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.err = ReadFile(Path("stderr"));
    return r;
  }

  // crawl/part-K.jsonl, K = 0..4: 3 sites of 12 pages. Every page of a site has the site's header,
  // a prompt inside its article and a footer; every page has its own title and text.
  void MakeCrawl() {
    fs::create_directories(Path("crawl"));
    std::vector<std::ofstream> parts;
    for (int k = 0; k < 5; ++k) parts.emplace_back(Path("crawl/part-" + std::to_string(k) + ".jsonl"));
    const char* kSites[] = {"Harbour Daily", "Northfield Courier", "江川日报"};
    int n = 0;
    for (int s = 0; s < 3; ++s) {
      const std::string site = kSites[s];
      for (int p = 0; p < 12; ++p, ++n) {
        const std::string w = Letters(n);
        std::string text = site + " | Local news, sport and weather from the valley\n";
        text += "Council of " + w + "ton approves the new " + w + " harbour plan\n";
        text += "By Jane " + w + "son\n";
        text += "The council of " + w + "ton voted on Tuesday to approve a plan for the harbour of " + w +
                ", which has silted up over the years.\n";
        text += "Want more stories like this? Get the " + site + " briefing in your inbox every weekday\n";
        text += "Work in " + w + "ton will begin in the spring and take about four months, the harbour master said.\n";
        text += "The cost of the " + w + " works will be shared by the port authority and the county.\n";
        text += "Tips? Contact the " + site + " newsroom at any time of the day\n";
        parts[static_cast<size_t>(n % 5)] << "{\"id\": \"page-" << w << "\", \"url\": \"https://www.site" << s
                                          << ".example/news/" << w << "\", \"text\": " << JsonString(text) << "}\n";
      }
    }
  }

  fs::path dir_;
};

TEST_F(CrawlCliTest, ShardedCountAndMergeGiveTheWholeTable) {
  ASSERT_EQ(Run("count -q -o " + Quote(Path("all.bin")) + " " + Quote(Path("crawl"))).exit_code, 0);
  ASSERT_EQ(Run("merge -q --min-pages 10 -o " + Quote(Path("whole.bin")) + " " + Quote(Path("all.bin"))).exit_code, 0);
  for (int i = 0; i < 3; ++i) {
    // Shard 1 from the Slurm array variables, the others from --shard.
    Result r = i == 1 ? Run("count -q --output-dir " + Quote(Path("counts")) + " " + Quote(Path("crawl")), "/dev/null",
                            "SLURM_ARRAY_TASK_ID=1 SLURM_ARRAY_TASK_COUNT=3")
                      : Run("count -q --shard " + std::to_string(i) + "/3 --output-dir " + Quote(Path("counts")) + " " +
                            Quote(Path("crawl")));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(fs::exists(Path("counts/counts-" + std::to_string(i) + "-of-3.done")));
  }
  Result r = Run("merge --min-pages 10 -o " + Quote(Path("sharded.bin")) + " " + Quote(Path("counts")));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("3 tables"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("9 lines kept"), std::string::npos) << r.err;  // 3 sites x header, prompt, footer
  EXPECT_EQ(ReadFile(Path("whole.bin")), ReadFile(Path("sharded.bin")));
}

TEST_F(CrawlCliTest, CountResumesAndMergeNeedsEveryShard) {
  const std::string count = "count --shard 0/2 --output-dir " + Quote(Path("counts")) + " " + Quote(Path("crawl"));
  ASSERT_EQ(Run(count).exit_code, 0);
  const auto written = fs::last_write_time(Path("counts/counts-0-of-2.bin"));
  Result r = Run(count);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.err.find("already done"), std::string::npos) << r.err;
  EXPECT_EQ(fs::last_write_time(Path("counts/counts-0-of-2.bin")), written);

  r = Run("merge -o " + Quote(Path("t.bin")) + " " + Quote(Path("counts")));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("counts-1-of-2.bin is missing"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(Path("t.bin")));

  r = Run("count " + Quote(Path("crawl")));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("-o"), std::string::npos) << r.err;
}

TEST_F(CrawlCliTest, TableRemovesTemplateLinesAndShardsUniteToTheWholeRun) {
  ASSERT_EQ(Run("count -q -o " + Quote(Path("c.bin")) + " " + Quote(Path("crawl"))).exit_code, 0);
  ASSERT_EQ(Run("merge -q -o " + Quote(Path("t.bin")) + " " + Quote(Path("c.bin"))).exit_code, 0);
  const std::string table = "--boilerplate-table " + Quote(Path("t.bin")) + " ";
  Result r = Run("-q " + table + "--stats " + Quote(Path("stats.json")) + " " + Quote(Path("crawl")), Path("whole.jsonl"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string whole = ReadFile(Path("whole.jsonl"));
  // Every page: the prompt inside the article is boilerplate; header and footer are chrome.
  EXPECT_NE(ReadFile(Path("stats.json")).find("\"repeated-line\":36"), std::string::npos) << ReadFile(Path("stats.json"));
  EXPECT_EQ(whole.find("Want more stories"), std::string::npos);
  EXPECT_EQ(SortedLines(whole).size(), 36u);
  for (const std::string& rec : SortedLines(whole)) {
    EXPECT_NE(rec.find("\"lines\":[2,7]"), std::string::npos) << rec;
    EXPECT_NE(rec.find("{\"line\":5,\"role\":\"boilerplate\",\"rule\":\"repeated-line\"}"), std::string::npos) << rec;
    EXPECT_NE(rec.find("\"title\":\"Council of "), std::string::npos) << rec;
  }
  std::string shards;
  for (int i = 0; i < 2; ++i) {
    r = Run("-q " + table + "--shard " + std::to_string(i) + "/2 --output-dir " + Quote(Path("out")) + " " +
            Quote(Path("crawl")));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    shards += ReadFile(Path("out/shard-" + std::to_string(i) + "-of-2.jsonl.zst"));
  }
  EXPECT_EQ(SortedLines(shards), SortedLines(whole));

  // Without the table the prompt stays in the text.
  ASSERT_EQ(Run("-q " + Quote(Path("crawl")), Path("plain.jsonl")).exit_code, 0);
  EXPECT_NE(ReadFile(Path("plain.jsonl")).find("Want more stories"), std::string::npos);
}

TEST_F(CrawlCliTest, BadTableIsAUsageError) {
  std::ofstream(Path("bad.bin")) << "not a table";
  Result r = Run("--boilerplate-table " + Quote(Path("bad.bin")) + " " + Quote(Path("crawl")));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bad.bin"), std::string::npos) << r.err;
  r = Run("--boilerplate-table " + Quote(Path("missing.bin")) + " " + Quote(Path("crawl")));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("missing.bin"), std::string::npos) << r.err;
}

// Hadoop Streaming and Spark RDD.pipe feed JSONL on stdin and read records on stdout.
TEST_F(CrawlCliTest, StdinToStdoutGivesTheRecordsOfFileMode) {
  ASSERT_EQ(Run("count -q -o " + Quote(Path("c.bin")) + " " + Quote(Path("crawl"))).exit_code, 0);
  ASSERT_EQ(Run("merge -q -o " + Quote(Path("t.bin")) + " " + Quote(Path("c.bin"))).exit_code, 0);
  {
    std::ofstream all(Path("all.jsonl"));
    for (int k = 0; k < 5; ++k) all << ReadFile(Path("crawl/part-" + std::to_string(k) + ".jsonl"));
  }
  for (const std::string& flags : std::vector<std::string>{"", "--boilerplate-table " + Quote(Path("t.bin")) + " "}) {
    SCOPED_TRACE(flags);
    ASSERT_EQ(Run("-q " + flags + Quote(Path("all.jsonl")) + " -o " + Quote(Path("file.jsonl"))).exit_code, 0);
    Result r = Run("-q --format jsonl " + flags + "-", Path("stream.jsonl"), "", Path("all.jsonl"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string file = ReadFile(Path("file.jsonl"));
    EXPECT_FALSE(file.empty());
    EXPECT_EQ(ReadFile(Path("stream.jsonl")), file);
    // A streaming mapper gets any split of the lines: the records of the parts are the whole's.
    std::ifstream in(Path("all.jsonl"));
    std::ofstream a(Path("a.jsonl")), b(Path("b.jsonl"));
    int n = 0;
    for (std::string line; std::getline(in, line); ++n) (n < 17 ? a : b) << line << "\n";
    a.close();
    b.close();
    ASSERT_EQ(Run("-q --format jsonl " + flags + "-", Path("a.out"), "", Path("a.jsonl")).exit_code, 0);
    ASSERT_EQ(Run("-q --format jsonl " + flags + "-", Path("b.out"), "", Path("b.jsonl")).exit_code, 0);
    EXPECT_EQ(ReadFile(Path("a.out")) + ReadFile(Path("b.out")), file);
  }
}

}  // namespace
}  // namespace newsclip
