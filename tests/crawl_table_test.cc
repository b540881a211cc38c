// Tests of crawl-wide repeated lines (crawl_table.h): line normalisation and keys (English and
// Chinese, width, case, digits, punctuation; short lines left out), URL hosts and site keys, the
// counter (the same table whether or not it spills sorted runs), the merge (thresholds on pages,
// sites and pages per site; one pass or several; damaged inputs named), count folders, and the
// table applied by the pipeline: a site's template line inside an article becomes boilerplate with
// rule "repeated-line", outside every article it is chrome, and it never splits an article.
#include "newsclip/crawl_table.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "newsclip/pipeline.h"

namespace newsclip {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "newsclip_crawl_XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string Normalized(std::string_view line) {
  LineKeyer keyer;
  std::string out;
  keyer.Normalize(line, &out);
  return out;
}

TEST(LineKeyer, Normalizes) {
  struct Case {
    const char* line;
    const char* normalized;
  } cases[] = {
      {"Follow us on WeChat!", "followusonwechat"},
      {"  FOLLOW us on   wechat  ", "followusonwechat"},
      {"© 2024 Harbour Daily. All rights reserved.", "0000harbourdailyallrightsreserved"},
      {"Ｆｏｌｌｏｗ　ｕｓ：１２３", "followus000"},                   // full-width forms and digits
      {"点击上方蓝字，关注我们！", "点击上方蓝字关注我们"},           // CJK punctuation dropped
      {"点击上方“蓝字”关注我们", "点击上方蓝字关注我们"},
      {"新闻热线：０７３１－８８８８８８８８", "新闻热线000000000000"},  // full-width digits fold to 0
      {"2024年5月1日 星期三", "0000年0月0日星期三"},
      {"Home | News | World >", "homenewsworld"},
      {"Straße", "strasse"},                                          // case folding
      {"ﬁnal", "final"},                                              // NFKC ligature
  };
  for (const Case& c : cases) EXPECT_EQ(Normalized(c.line), c.normalized) << c.line;
}

TEST(LineKeyer, KeysLinesThatDifferOnlyInFormAlike) {
  LineKeyer keyer;
  std::string scratch;
  auto key = [&](std::string_view s) { return keyer.Key(s, &scratch); };
  EXPECT_EQ(key("Subscribe to the Harbour Daily newsletter"), key("subscribe to the HARBOUR DAILY newsletter!"));
  EXPECT_EQ(key("© 2023 Harbour Daily"), key("© 2024 Harbour Daily"));
  EXPECT_EQ(key("欢迎关注海港日报微信公众号"), key("欢迎关注 海港日报 微信公众号。"));
  EXPECT_EQ(key("欢迎关注海港日报微信公众号"), key("欢迎关注海港日报微信公众号\r"));
  EXPECT_NE(key("Subscribe to the Harbour Daily newsletter"), key("Subscribe to the Harbour Post newsletter"));
}

TEST(LineKeyer, LeavesOutShortLines) {
  LineKeyer keyer;
  std::string scratch;
  for (const char* line : {"", "Home", "Read more", "— 2024 —", "关注我们", "要闻", "...", "１２３"}) {
    EXPECT_FALSE(keyer.Key(line, &scratch)) << line;
  }
  for (const char* line : {"Read more stories", "点击关注我们吧", "Click to follow"}) {
    EXPECT_TRUE(keyer.Key(line, &scratch)) << line;
  }
}

TEST(LineKeyer, PageKeysAreDistinctAndSorted) {
  LineKeyer keyer;
  std::vector<uint64_t> keys = keyer.PageKeys("Follow us on WeChat\nA line of body text.\nFOLLOW US ON WECHAT!\nHome\n");
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_LT(keys[0], keys[1]);
}

TEST(HostOf, Hosts) {
  struct Case {
    const char* url;
    const char* host;
  } cases[] = {
      {"https://www.example.com/news/1.html", "example.com"},
      {"http://News.Example.COM:8080/a?b#c", "news.example.com"},
      {"https://user:pw@example.org/x", "example.org"},
      {"//cdn.example.net/x", "cdn.example.net"},
      {"example.com/path", ""},  // a relative path, not a host
      {"https://[::1]:80/", "[::1]"},
      {"page-000.txt", ""},
      {"", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(HostOf(c.url), c.host) << c.url;
  EXPECT_EQ(SiteKey(std::string("https://www.example.com/a")), SiteKey(std::string("http://example.com/b")));
  EXPECT_NE(SiteKey(std::string("https://example.com/a")), SiteKey(std::string("https://example.org/a")));
  EXPECT_EQ(SiteKey(std::nullopt), SiteKey(std::string("")));
}

// A crawl of `sites` sites with `pages` pages each: every page has its site's footer, a line
// shared by every site, a line of its own, and a story syndicated once on every site.
struct Crawl {
  std::vector<std::pair<std::string, std::string>> pages;  // url, text
};

Crawl MakeCrawl(int sites, int pages) {
  Crawl crawl;
  for (int s = 0; s < sites; ++s) {
    for (int p = 0; p < pages; ++p) {
      std::string text = "Footer of site number " + std::string(1, static_cast<char>('a' + s)) + " with contacts\n";
      text += "Powered by the same content system\n";
      text += "A sentence that only page " + std::to_string(p) + " of site " + std::string(1, static_cast<char>('a' + s)) +
              " has, about " + std::string(static_cast<size_t>(p + 1), 'x') + "\n";
      if (p == 0) text += "Syndicated story title on every site\n";
      crawl.pages.emplace_back("https://site" + std::string(1, static_cast<char>('a' + s)) + ".example/" + std::to_string(p),
                               text);
    }
  }
  return crawl;
}

void CountCrawl(const Crawl& crawl, const std::string& path, uint64_t memory_bytes, const std::string& temp_dir,
                uint64_t* runs = nullptr) {
  LineKeyer keyer;
  CounterOptions options;
  options.memory_bytes = memory_bytes;
  options.temp_dir = temp_dir;
  LineCounter counter(options);
  for (const auto& [url, text] : crawl.pages) counter.AddPage(keyer.PageKeys(text), SiteKey(url));
  if (runs) *runs = counter.runs_spilled();
  counter.Finish(path);
}

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

bool Has(const BoilerplateTable& table, std::string_view line) {
  std::string scratch;
  return table.Contains(line, &scratch);
}

TEST(LineCounter, SpilledRunsGiveTheSameTable) {
  TempDir dir;
  const Crawl crawl = MakeCrawl(5, 300);  // 1500 distinct lines: more than the minimum buffer holds
  CountCrawl(crawl, dir / "memory.bin", 64 << 20, dir.path().string());
  uint64_t runs = 0;
  CountCrawl(crawl, dir / "spilled.bin", 1024 * sizeof(CountRecord), dir.path().string(), &runs);  // the minimum
  EXPECT_GT(runs, 0u);
  EXPECT_EQ(ReadBytes(dir / "memory.bin"), ReadBytes(dir / "spilled.bin"));
  // Runs are removed once merged.
  int files = 0;
  for (const auto& e : fs::directory_iterator(dir.path())) files += e.is_regular_file();
  EXPECT_EQ(files, 2);
}

TEST(MergeCounts, KeepsLinesAboveTheThresholds) {
  TempDir dir;
  CountCrawl(MakeCrawl(5, 12), dir / "c.bin", 64 << 20, dir.path().string());
  MergeOptions options;
  options.min_pages = 10;
  MergeStats stats = MergeCounts({dir / "c.bin"}, dir / "t.bin", options);
  BoilerplateTable table = BoilerplateTable::Load(dir / "t.bin");
  EXPECT_EQ(stats.kept, table.size());
  EXPECT_TRUE(Has(table, "Footer of site number a with contacts"));   // 12 pages, 1 site
  EXPECT_TRUE(Has(table, "Powered by the same content system"));      // 60 pages, 5 sites
  EXPECT_FALSE(Has(table, "Syndicated story title on every site"));   // 5 pages, 5 sites
  EXPECT_FALSE(Has(table, "A sentence that only page 3 of site a has, about xxxx"));
  EXPECT_EQ(table.size(), 6u);
  std::string scratch;
  const TableRecord* powered = table.Find(*LineKeyer().Key("Powered by the same content system", &scratch));
  ASSERT_NE(powered, nullptr);
  EXPECT_EQ(powered->pages, 60u);
  EXPECT_EQ(powered->sites, 5u);

  // A site's footer is not a line of several sites.
  options.min_sites = 2;
  MergeCounts({dir / "c.bin"}, dir / "t2.bin", options);
  table = BoilerplateTable::Load(dir / "t2.bin");
  EXPECT_FALSE(Has(table, "Footer of site number a with contacts"));
  EXPECT_TRUE(Has(table, "Powered by the same content system"));

  // Without the pages-per-site condition a story on enough sites looks like boilerplate.
  options = MergeOptions();
  options.min_pages = 5;
  options.min_pages_per_site = 0;
  MergeCounts({dir / "c.bin"}, dir / "t3.bin", options);
  EXPECT_TRUE(Has(BoilerplateTable::Load(dir / "t3.bin"), "Syndicated story title on every site"));
  options.min_pages_per_site = 2;
  MergeCounts({dir / "c.bin"}, dir / "t4.bin", options);
  EXPECT_FALSE(Has(BoilerplateTable::Load(dir / "t4.bin"), "Syndicated story title on every site"));
}

TEST(MergeCounts, ShardsAndPassesGiveTheSameTable) {
  TempDir dir;
  const Crawl crawl = MakeCrawl(6, 15);
  CountCrawl(crawl, dir / "all.bin", 64 << 20, dir.path().string());
  // Seven shards, round robin, merged with a fan-in of 2 (three passes) and of 64 (one).
  std::vector<std::string> shards;
  for (int s = 0; s < 7; ++s) {
    Crawl part;
    for (size_t i = static_cast<size_t>(s); i < crawl.pages.size(); i += 7) part.pages.push_back(crawl.pages[i]);
    shards.push_back(dir / CountFileName(static_cast<uint32_t>(s), 7));
    CountCrawl(part, shards.back(), 64 << 20, dir.path().string());
  }
  MergeOptions options;
  MergeCounts({dir / "all.bin"}, dir / "t-all.bin", options);
  MergeStats one = MergeCounts(shards, dir / "t-64.bin", options);
  options.fan_in = 2;
  MergeStats many = MergeCounts(shards, dir / "t-2.bin", options);
  EXPECT_EQ(one.passes, 1u);
  EXPECT_EQ(many.passes, 3u);
  EXPECT_EQ(one.records_in, many.records_in);
  EXPECT_EQ(ReadBytes(dir / "t-all.bin"), ReadBytes(dir / "t-64.bin"));
  EXPECT_EQ(ReadBytes(dir / "t-all.bin"), ReadBytes(dir / "t-2.bin"));
  EXPECT_GT(BoilerplateTable::Load(dir / "t-2.bin").size(), 0u);
  // A partial reduce (counts) merged again gives the same table too.
  options = MergeOptions();
  options.counts_only = true;
  MergeCounts({shards[0], shards[1], shards[2]}, dir / "part1.bin", options);
  MergeCounts({shards[3], shards[4], shards[5], shards[6]}, dir / "part2.bin", options);
  MergeCounts({dir / "part1.bin", dir / "part2.bin"}, dir / "t-parts.bin", MergeOptions());
  EXPECT_EQ(ReadBytes(dir / "t-all.bin"), ReadBytes(dir / "t-parts.bin"));
  // No temporary file is left behind.
  for (const auto& e : fs::directory_iterator(dir.path())) {
    EXPECT_EQ(e.path().filename().string().find("tmp"), std::string::npos) << e.path();
    EXPECT_FALSE(e.path().filename().string().starts_with(".newsclip-merge")) << e.path();
  }
}

TEST(MergeCounts, NamesDamagedInputs) {
  TempDir dir;
  CountCrawl(MakeCrawl(2, 3), dir / "c.bin", 64 << 20, dir.path().string());
  const std::string good = ReadBytes(dir / "c.bin");
  auto expect_error = [&](const std::string& name, const std::string& bytes, const std::string& what) {
    std::ofstream(dir / name, std::ios::binary) << bytes;
    try {
      MergeCounts({dir / "c.bin", dir / name}, dir / "t.bin", MergeOptions());
      ADD_FAILURE() << name << " accepted";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(name), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(what), std::string::npos) << e.what();
    }
    EXPECT_FALSE(fs::exists(dir / "t.bin"));
  };
  expect_error("truncated.bin", good.substr(0, good.size() - 5), "truncated");
  expect_error("other.bin", "PK\x03\x04 not a table at all", "not a newsclip count table");
  std::string unsorted = good;
  std::swap_ranges(unsorted.begin() + 16, unsorted.begin() + 32, unsorted.begin() + 32);
  expect_error("unsorted.bin", unsorted, "not sorted");
  EXPECT_THROW(MergeCounts({dir / "missing.bin"}, dir / "t.bin", MergeOptions()), Error);
  EXPECT_THROW(BoilerplateTable::Load(dir / "c.bin"), Error);  // a count table is not a boilerplate table
}

TEST(CountFilesIn, RequiresEveryShard) {
  TempDir dir;
  EXPECT_THROW(CountFilesIn(dir.path().string()), Error);
  for (uint32_t i : {0u, 2u}) std::ofstream(dir / CountFileName(i, 3)) << "x";
  try {
    CountFilesIn(dir.path().string());
    ADD_FAILURE() << "a missing shard was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("counts-1-of-3.bin is missing"), std::string::npos) << e.what();
  }
  std::ofstream(dir / CountFileName(1, 3)) << "x";
  std::ofstream(dir / "counts-1-of-3.done") << "{}";
  std::ofstream(dir / "notes.txt") << "";
  EXPECT_EQ(CountFilesIn(dir.path().string()),
            (std::vector<std::string>{dir / "counts-0-of-3.bin", dir / "counts-1-of-3.bin", dir / "counts-2-of-3.bin"}));
  std::ofstream(dir / CountFileName(0, 2)) << "x";
  EXPECT_THROW(CountFilesIn(dir.path().string()), Error);  // two runs mixed
}

// The table applied by the pipeline.
TEST(RepeatedLines, AreBoilerplateInsideAndChromeOutsideArticles) {
  const std::string header = "Harbour Daily | Local news and weather from the valley";
  const std::string prompt = "Want more stories like this? Get the Harbour Daily briefing every weekday";
  const std::string footer = "Tips? Contact the Harbour Daily newsroom or call us";
  LineKeyer keyer;
  std::string scratch;
  std::vector<TableRecord> records;
  for (const std::string& line : {header, prompt, footer}) records.push_back({*keyer.Key(line, &scratch), 50, 1});
  std::sort(records.begin(), records.end(), [](const TableRecord& a, const TableRecord& b) { return a.line < b.line; });
  const BoilerplateTable table(records);

  Page page;
  page.id = "p";
  page.text = header + "\nCouncil approves new harbour dredging plan\nBy Jane Roe\n"
                       "The council voted on Tuesday to approve a plan to dredge the harbour, which has silted up.\n" +
              prompt +
              "\nWork will begin in the spring and take about four months, the harbour master said on Monday.\n"
              "The cost will be shared by the port authority and the county, officials said.\n" +
              footer + "\n";
  PipelineOptions options;
  const Pipeline plain(options);
  options.lines.repeated_lines = &table;
  const Pipeline with_table(options);

  PageResult r = with_table.Process(page);
  ASSERT_EQ(r.articles.size(), 1u);
  const Article& a = r.articles[0];
  EXPECT_EQ(a.first_line, 1u);  // the header stays outside: chrome
  EXPECT_EQ(a.last_line, 6u);   // and so does the footer
  ASSERT_TRUE(a.title_line);
  EXPECT_EQ(*a.title_line, 1u);
  EXPECT_EQ(a.meta.title, "Council approves new harbour dredging plan");
  EXPECT_EQ(a.roles[4 - 1], Role::kBoilerplate);
  EXPECT_EQ(a.rules[4 - 1], "repeated-line");
  for (uint32_t i : {0u, 7u}) EXPECT_TRUE(r.lines[i].f.repeated_line) << i;
  EXPECT_FALSE(r.lines[1].f.repeated_line);

  // Without the table the prompt is text of the article.
  PageResult p = plain.Process(page);
  for (const Article& x : p.articles) {
    for (size_t k = 0; k < x.rules.size(); ++k) EXPECT_NE(x.rules[k], "repeated-line");
  }
}

}  // namespace
}  // namespace newsclip
