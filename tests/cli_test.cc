// Tests of the newsclip command-line tool, run as a user runs it (the built binary, through the
// shell): help and version, usage errors (exit 2, saying why), JSONL on stdin, -o, --strict
// (exit 1), --stats, --rejects, a bad --rules file (exit 2, naming file:line), an unwritable
// output (exit 3) and `newsclip explain`.
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

const std::string kBin = NEWSCLIP_BIN;
const fs::path kCorpus = NEWSCLIP_CORPUS_DIR;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
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

std::vector<std::string> SplitLines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

struct Result {
  int exit_code = -1;
  std::string out, err;
};

// Each test gets a fresh folder for its inputs and outputs.
class CliTest : public ::testing::Test {
 protected:
  CliTest() {
    std::string tmpl = (fs::temp_directory_path() / "newsclip_cli_XXXXXX").string();
    dir_ = mkdtemp(tmpl.data());
  }
  ~CliTest() override { fs::remove_all(dir_); }

  fs::path Path(const std::string& name) const { return dir_ / name; }

  std::string Write(const std::string& name, const std::string& data) const {
    std::ofstream(Path(name), std::ios::binary) << data;
    return Path(name).string();
  }

  // Runs `newsclip ARGS` (ARGS already shell-quoted), with `stdin_file` as standard input.
  Result Run(const std::string& args, const std::string& stdin_file = "/dev/null") const {
    const std::string cmd = Quote(kBin) + " " + args + " <" + Quote(stdin_file) + " >" +
                            Quote(Path("stdout").string()) + " 2>" + Quote(Path("stderr").string());
    Result r;
    int status = std::system(cmd.c_str());
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = ReadFile(Path("stdout"));
    r.err = ReadFile(Path("stderr"));
    return r;
  }

  fs::path dir_;
};

// Three pages in JSONL, the second line broken.
const char kJsonlWithBadLine[] =
    R"({"id": "p1", "text": "Council approves new budget for schools\nBy Jane Roe\nThe town council approved on Tuesday a budget that gives schools ten percent more money next year.\nTeachers welcomed the decision.\n- END -\n"})"
    "\n"
    R"({"id": "p2", "text": "unterminated)"
    "\n"
    R"({"id": "p3", "text": "全市新增绿道一百公里\n作者：张三\n今年以来，全市新建和改造绿道一百公里，串联起二十多个公园和广场，市民出行更加方便。\n"})"
    "\n";

TEST_F(CliTest, Help) {
  Result r = Run("--help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("Usage"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Example"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("newsclip explain"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--rules"), std::string::npos) << r.out;
}

TEST_F(CliTest, Version) {
  Result r = Run("--version");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(^newsclip \d+\.\d+\.\d+)"))) << r.out;
}

TEST_F(CliTest, UsageErrorsExit2AndSayWhy) {
  const struct {
    const char* args;
    const char* says;  // a part of the message on stderr
  } kCases[] = {
      {"--frobnicate x.txt", "frobnicate"},
      {"", "INPUT"},
      {"--format xml -", "xml"},
      {"--crawl-date yesterday -", "yesterday"},
      {"--threads", "threads"},
      {"explain", "INPUT"},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.args);
    Result r = Run(c.args);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find(c.says), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
  }
}

TEST_F(CliTest, JsonlOnStdin) {
  const std::string input = Write("in.jsonl", kJsonlWithBadLine);
  Result r = Run("--format jsonl -", input);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> records = SplitLines(r.out);
  ASSERT_EQ(records.size(), 2u) << r.out;
  const char* kPages[] = {"p1", "p3"};
  const char* kLangs[] = {"en", "zh"};
  for (size_t i = 0; i < records.size(); ++i) {
    SCOPED_TRACE(records[i]);
    rapidjson::Document d;
    d.Parse(records[i].c_str());
    ASSERT_FALSE(d.HasParseError());
    EXPECT_STREQ(d["page"].GetString(), kPages[i]);
    EXPECT_STREQ(d["lang"].GetString(), kLangs[i]);
    EXPECT_EQ(d["index"].GetUint(), 0u);
    EXPECT_EQ(d["count"].GetUint(), 1u);
  }
  EXPECT_NE(r.err.find("invalid-json"), std::string::npos) << "the rejected line is reported: " << r.err;
}

TEST_F(CliTest, OutputFile) {
  const std::string out = Path("articles.jsonl").string();
  Result r = Run("-q -o " + Quote(out) + " " + Quote((kCorpus / "page-000.txt").string()));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  EXPECT_TRUE(r.err.empty()) << r.err;  // -q
  std::vector<std::string> records = SplitLines(ReadFile(out));
  ASSERT_EQ(records.size(), 3u);
  for (const std::string& rec : records) {
    rapidjson::Document d;
    d.Parse(rec.c_str());
    ASSERT_FALSE(d.HasParseError()) << rec;
    EXPECT_STREQ(d["page"].GetString(), "page-000.txt");
    EXPECT_EQ(d["count"].GetUint(), 3u);
  }
}

TEST_F(CliTest, StrictStopsAtARejectedPage) {
  const std::string input = Write("in.jsonl", kJsonlWithBadLine);
  Result r = Run("--strict --format jsonl -", input);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  Result lenient = Run("--format jsonl -", input);
  EXPECT_EQ(lenient.exit_code, 0) << lenient.err;
}

TEST_F(CliTest, StatsCountEveryPage) {
  const std::string input = Write("in.jsonl", kJsonlWithBadLine);
  const std::string stats = Path("stats.json").string();
  Result r = Run("-q --stats " + Quote(stats) + " --format jsonl -", input);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  rapidjson::Document d;
  d.Parse(ReadFile(stats).c_str());
  ASSERT_FALSE(d.HasParseError()) << ReadFile(stats);
  ASSERT_TRUE(d.HasMember("pages"));
  const auto& pages = d["pages"];
  EXPECT_EQ(pages["read"].GetUint64(), 3u);
  EXPECT_EQ(pages["written"].GetUint64(), 2u);
  EXPECT_EQ(pages["rejected"].GetUint64(), 1u);
  EXPECT_EQ(pages["read"].GetUint64(), pages["written"].GetUint64() + pages["rejected"].GetUint64());
  EXPECT_EQ(pages["rejected_by_reason"]["invalid-json"].GetUint64(), 1u);
  EXPECT_EQ(d["articles"].GetUint64(), 2u);
  EXPECT_GT(d["bytes_in"].GetUint64(), 0u);
}

TEST_F(CliTest, RejectsFileNamesTheLine) {
  const std::string input = Write("in.jsonl", kJsonlWithBadLine);
  const std::string rejects = Path("rejects.jsonl").string();
  Result r = Run("-q --rejects " + Quote(rejects) + " " + Quote(input));  // .jsonl: JSONL by name
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> lines = SplitLines(ReadFile(rejects));
  ASSERT_EQ(lines.size(), 1u);
  rapidjson::Document d;
  d.Parse(lines[0].c_str());
  ASSERT_FALSE(d.HasParseError()) << lines[0];
  EXPECT_EQ(d["line"].GetUint64(), 2u);
  EXPECT_EQ(std::string(d["file"].GetString()), input);
  EXPECT_EQ(std::string(d["reason"].GetString()).rfind("invalid-json", 0), 0u) << lines[0];
}

TEST_F(CliTest, MissingInputIsRejectedNotFatal) {
  const std::string missing = Path("no-such-page.txt").string();
  Result r = Run(Quote(missing) + " " + Quote((kCorpus / "page-000.txt").string()));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(SplitLines(r.out).size(), 3u);
  EXPECT_NE(r.err.find("no-such-page.txt"), std::string::npos) << r.err;
  Result strict = Run("--strict " + Quote(missing));
  EXPECT_EQ(strict.exit_code, 1) << strict.err;
}

TEST_F(CliTest, BadRulesFileExit2NamingFileAndLine) {
  const std::string rules = Write("bad-rules.tsv", "# ours\nboilerplate\tpromo\t^Buy now$\nboilerplate\tbroken\t(unclosed\n");
  Result r = Run("--rules " + Quote(rules) + " " + Quote((kCorpus / "page-000.txt").string()));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(rules + ":3"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("(unclosed"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
  Result missing = Run("--rules " + Quote(Path("none.tsv").string()) + " -");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("none.tsv"), std::string::npos) << missing.err;
}

TEST_F(CliTest, UnwritableOutputExit3) {
  Result r = Run("-o /nonexistent-dir/out.jsonl " + Quote((kCorpus / "page-000.txt").string()));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("/nonexistent-dir/out.jsonl"), std::string::npos) << r.err;
}

TEST_F(CliTest, FolderInput) {
  fs::create_directories(Path("pages/sub"));
  Write("pages/b.txt", "Council approves new budget for schools\nBy Jane Roe\nThe town council approved on Tuesday a budget that gives schools ten percent more money next year.\n");
  Write("pages/sub/a.txt", "Library opens new reading room for children\nBy Ana Cruz\nThe town library opened a new reading room for children on Saturday, with two hundred donated books.\n");
  Write("pages/sub/a.gold.json", "{}");
  Result r = Run("-q " + Quote(Path("pages").string()));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> records = SplitLines(r.out);
  ASSERT_EQ(records.size(), 2u) << r.out;
  const char* kPages[] = {"b.txt", "sub/a.txt"};
  for (size_t i = 0; i < 2; ++i) {
    rapidjson::Document d;
    d.Parse(records[i].c_str());
    ASSERT_FALSE(d.HasParseError());
    EXPECT_STREQ(d["page"].GetString(), kPages[i]);
  }
}

// An HTML page in Windows-1252 (declared in <meta>), with a menu, a byline and a footer.
const char kHtmlPage[] =
    "<html><head><meta charset=\"iso-8859-1\"><title>Caf\xE9 opens by the river - Town News</title>"
    "<meta property=\"og:site_name\" content=\"Town News\"></head><body>"
    "<nav><ul><li><a href=/>Home</a></li><li><a href=/local>Local</a></li><li><a href=/sport>Sport</a></li></ul></nav>"
    "<article><h1>Caf\xE9 opens by the river</h1><p>By Jane Roe</p>"
    "<p>A new caf\xE9 opened by the river on Saturday, and dozens of neighbours queued for its first coffee.</p>"
    "<p>The owners said they would open every day from seven in the morning until late in the evening.</p>"
    "</article><footer><p>Copyright 2024 Town News. All rights reserved.</p></footer></body></html>";

TEST_F(CliTest, HtmlFileAndStdin) {
  const std::string page = Write("cafe.html", kHtmlPage);
  for (const std::string& args : {"-q " + Quote(page), std::string("-q --format html -")}) {
    SCOPED_TRACE(args);
    Result r = Run(args, page);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::vector<std::string> records = SplitLines(r.out);
    ASSERT_EQ(records.size(), 1u) << r.out;
    rapidjson::Document d;
    d.Parse(records[0].c_str());
    ASSERT_FALSE(d.HasParseError());
    EXPECT_STREQ(d["title"].GetString(), "Caf\xC3\xA9 opens by the river");
    ASSERT_EQ(d["authors"].Size(), 1u);
    EXPECT_STREQ(d["authors"][0].GetString(), "Jane Roe");
    EXPECT_STREQ(d["source"].GetString(), "Town News");
    EXPECT_EQ(std::string(d["text"].GetString()).find("Home"), std::string::npos) << d["text"].GetString();
    EXPECT_NE(std::string(d["text"].GetString()).find("first coffee."), std::string::npos);
  }
  // --stats counts HTML pages by the charset they were decoded from.
  Result r = Run("-q --stats " + Quote(Path("stats.json").string()) + " " + Quote(page));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(ReadFile(Path("stats.json")).find("\"html_by_charset\":{\"windows-1252\":1}"), std::string::npos)
      << ReadFile(Path("stats.json"));
  // explain shows the block features and the charset.
  r = Run("explain " + Quote(page));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("HTML decoded from windows-1252"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("h1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("nav"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("markup: title=Caf\xC3\xA9 opens by the river - Town News; site_name=Town News;"), std::string::npos)
      << r.out;
}

TEST_F(CliTest, ExplainPrintsOneRowPerLine) {
  const fs::path page = kCorpus / "page-000.txt";
  Result r = Run("explain " + Quote(page.string()));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const std::vector<std::string> page_lines = SplitLines(ReadFile(page));
  ASSERT_EQ(page_lines.size(), 15u);
  // A row starts with the line number, right-aligned, then its article and role.
  const std::regex kRow(R"(^\s*(\d+)\s+(\S+)\s+(title|metadata|boilerplate|body|chrome)\b.*)");
  std::vector<int> numbers;
  std::vector<std::string> roles;
  for (const std::string& line : SplitLines(r.out)) {
    std::smatch m;
    if (std::regex_match(line, m, kRow)) {
      numbers.push_back(std::stoi(m[1]));
      roles.push_back(m[3]);
    }
  }
  ASSERT_EQ(numbers.size(), page_lines.size()) << r.out;
  for (size_t i = 0; i < numbers.size(); ++i) EXPECT_EQ(numbers[i], static_cast<int>(i + 1));
  EXPECT_EQ(roles.front(), "title");
  EXPECT_NE(r.out.find("page-000.txt"), std::string::npos);
}

}  // namespace
