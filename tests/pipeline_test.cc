// End-to-end tests of the Pipeline (pipeline.h). The golden test runs the sample page
// corpus/page-000.txt and compares every annotated field of corpus/page-000.gold.json (DESIGN.md
// sections 3 and 4). A second pass runs every annotated corpus page and checks only that the
// result is well formed (the quality floor on the corpus is scripts/eval's job). Also: repair
// counts, user rules files, and the same results from many threads.
#include "newsclip/pipeline.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "newsclip/writer.h"

namespace newsclip {
namespace {

namespace fs = std::filesystem;

const fs::path kCorpus = NEWSCLIP_CORPUS_DIR;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << path;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs the pipeline on corpus page NAME.txt with the crawl date of its gold file.
PageResult RunCorpusPage(const Pipeline& pipeline, const fs::path& txt, const rapidjson::Document& gold) {
  Page page;
  page.id = txt.filename().string();
  page.text = ReadFile(txt);
  if (gold.HasMember("crawl_date") && gold["crawl_date"].IsString()) {
    page.crawl_date = ParseIsoDate(gold["crawl_date"].GetString());
  }
  return pipeline.Process(std::move(page));
}

rapidjson::Document ParseGold(const fs::path& path) {
  rapidjson::Document gold;
  gold.Parse(ReadFile(path).c_str());
  EXPECT_FALSE(gold.HasParseError()) << path;
  return gold;
}

std::optional<std::string> OptString(const rapidjson::Value& v) {
  if (v.IsNull()) return std::nullopt;
  return std::string(v.GetString(), v.GetStringLength());
}

std::vector<std::string> Strings(const rapidjson::Value& v) {
  std::vector<std::string> out;
  for (const auto& s : v.GetArray()) out.emplace_back(s.GetString(), s.GetStringLength());
  return out;
}

std::vector<uint32_t> Numbers(const rapidjson::Value& v) {
  std::vector<uint32_t> out;
  for (const auto& n : v.GetArray()) out.push_back(n.GetUint());
  return out;
}

// 1-based numbers of the lines of `a` that have `role`.
std::vector<uint32_t> LinesWithRole(const Article& a, Role role) {
  std::vector<uint32_t> out;
  for (size_t k = 0; k < a.roles.size(); ++k) {
    if (a.roles[k] == role) out.push_back(a.first_line + static_cast<uint32_t>(k) + 1);
  }
  return out;
}

TEST(PipelineTest, GoldenSamplePage) {
  const rapidjson::Document gold = ParseGold(kCorpus / "page-000.gold.json");
  ASSERT_TRUE(gold.IsObject());
  const Pipeline pipeline;
  const PageResult r = RunCorpusPage(pipeline, kCorpus / "page-000.txt", gold);
  EXPECT_EQ(r.id, gold["page"].GetString());
  EXPECT_EQ(r.lines.size(), 15u);
  const auto& articles = gold["articles"];
  ASSERT_EQ(r.articles.size(), articles.Size());
  for (rapidjson::SizeType i = 0; i < articles.Size(); ++i) {
    SCOPED_TRACE("article " + std::to_string(i));
    const auto& g = articles[i];
    const Article& a = r.articles[i];
    const Metadata& m = a.meta;
    EXPECT_EQ((std::vector<uint32_t>{a.first_line + 1, a.last_line + 1}), Numbers(g["lines"]));
    ASSERT_TRUE(a.title_line.has_value());
    EXPECT_EQ(*a.title_line + 1, g["title_line"].GetUint());
    EXPECT_EQ(LinesWithRole(a, Role::kMetadata), Numbers(g["metadata_lines"]));
    EXPECT_EQ(LinesWithRole(a, Role::kBoilerplate), Numbers(g["boilerplate_lines"]));
    EXPECT_EQ(m.title, OptString(g["title"]));
    EXPECT_EQ(m.authors, Strings(g["authors"]));
    EXPECT_EQ(m.published ? std::optional<std::string>(m.published->ToIso()) : std::nullopt, OptString(g["published"]));
    std::vector<std::optional<std::string>> sources = {OptString(g["source"])};
    if (g.HasMember("accept") && g["accept"].HasMember("source")) {
      for (const auto& alt : g["accept"]["source"].GetArray()) sources.push_back(OptString(alt));
    }
    EXPECT_NE(std::find(sources.begin(), sources.end(), m.source), sources.end())
        << "source: " << m.source.value_or("null");
    EXPECT_EQ(m.editors, Strings(g["editors"]));
    EXPECT_EQ(m.truncated, g["truncated"].GetBool());
    EXPECT_EQ(a.lang, gold["lang"].GetString());
  }
}

// The lines of a page as the gold counts them: split on '\n', a final newline adds no line.
size_t CountLines(const std::string& text) {
  if (text.empty()) return 0;
  size_t n = static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
  return text.back() == '\n' ? n : n + 1;
}

TEST(PipelineTest, EveryCorpusPageIsWellFormed) {
  std::vector<fs::path> golds;
  for (const auto& entry : fs::directory_iterator(kCorpus)) {
    const std::string name = entry.path().filename().string();
    if (name.ends_with(".gold.json")) golds.push_back(entry.path());
  }
  std::sort(golds.begin(), golds.end());
  ASSERT_GE(golds.size(), 10u);
  const Pipeline pipeline;
  for (const fs::path& gold_path : golds) {
    const std::string stem = gold_path.filename().string().substr(
        0, gold_path.filename().string().size() - std::string_view(".gold.json").size());
    SCOPED_TRACE(stem);
    const fs::path txt = kCorpus / (stem + ".txt");
    ASSERT_TRUE(fs::exists(txt));
    const rapidjson::Document gold = ParseGold(gold_path);
    const PageResult r = RunCorpusPage(pipeline, txt, gold);
    const std::string raw = ReadFile(txt);
    ASSERT_EQ(r.lines.size(), CountLines(raw));
    uint32_t next_free = 0;
    for (const Article& a : r.articles) {
      ASSERT_LE(next_free, a.first_line) << "articles overlap or are out of order";
      ASSERT_LE(a.first_line, a.last_line);
      ASSERT_LT(a.last_line, r.lines.size());
      ASSERT_EQ(a.roles.size(), a.last_line - a.first_line + 1);
      ASSERT_EQ(a.rules.size(), a.roles.size());
      if (a.title_line) {
        EXPECT_GE(*a.title_line, a.first_line);
        EXPECT_LE(*a.title_line, a.last_line);
        EXPECT_EQ(a.roles[*a.title_line - a.first_line], Role::kTitle);
      }
      for (Role role : a.roles) EXPECT_NE(role, Role::kChrome) << "chrome inside an article";
      next_free = a.last_line + 1;
    }
    for (const Line& line : r.lines) {
      ASSERT_LE(line.begin, line.end);
      ASSERT_LE(line.end, r.text.size());
    }
    std::string out;
    AppendJsonl(r, &out);
    EXPECT_EQ(static_cast<size_t>(std::count(out.begin(), out.end(), '\n')), r.articles.size());
  }
}

TEST(PipelineTest, RepairsAndKeepsNormalizedText) {
  const struct {
    const char* name;
    std::string text;
    uint64_t invalid_bytes;
    std::string normalized;
  } kCases[] = {
      {"clean", "Title\nBody.", 0, "Title\nBody."},
      {"bom", "\xEF\xBB\xBFTitle\nBody.", 0, "Title\nBody."},
      {"bad bytes", "Title\xFF\nBody\xC0\xAF.", 3, "Title\xEF\xBF\xBD\nBody\xEF\xBF\xBD\xEF\xBF\xBD."},
      {"nul", std::string("Title\0\nBody.", 12), 1, "Title\xEF\xBF\xBD\nBody."},
      {"nfc", "Caf" "e\xCC\x81 opens\nBody.", 0, "Caf\xC3\xA9 opens\nBody."},
  };
  const Pipeline pipeline;
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.name);
    Page page;
    page.id = c.name;
    page.url = "https://example.com/x";
    page.text = c.text;
    PageResult r = pipeline.Process(std::move(page));
    EXPECT_EQ(r.id, c.name);
    EXPECT_EQ(r.url, "https://example.com/x");
    EXPECT_EQ(r.invalid_bytes, c.invalid_bytes);
    EXPECT_EQ(r.text, c.normalized);
    EXPECT_EQ(r.lines.size(), 2u);
  }
}

TEST(PipelineTest, EmptyPageHasNoArticles) {
  const Pipeline pipeline;
  PageResult r = pipeline.Process(Page{});
  EXPECT_TRUE(r.lines.empty());
  EXPECT_TRUE(r.articles.empty());
}

// A temporary rules file, removed at the end of the test.
class RulesFile {
 public:
  explicit RulesFile(const std::string& text) {
    std::string tmpl = (fs::temp_directory_path() / "newsclip_rules_XXXXXX").string();
    int fd = mkstemp(tmpl.data());
    EXPECT_GE(fd, 0);
    close(fd);
    path_ = tmpl;
    std::ofstream(path_, std::ios::binary) << text;
  }
  ~RulesFile() { fs::remove(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

TEST(PipelineTest, UserRulesFileOverridesBuiltins) {
  RulesFile user("# our house marker\nboilerplate\tend-marker\t^~~ fin ~~$\n");
  PipelineOptions options;
  options.rules_files = {user.path()};
  const Pipeline pipeline(options);
  Page page;
  page.text =
      "Council approves new budget for schools\n"
      "By Jane Roe\n"
      "The town council approved on Tuesday a budget that gives schools ten percent more money next year.\n"
      "~~ fin ~~\n";
  PageResult r = pipeline.Process(std::move(page));
  ASSERT_EQ(r.articles.size(), 1u);
  ASSERT_EQ(r.articles[0].last_line, 3u);
  EXPECT_EQ(r.articles[0].roles[3], Role::kBoilerplate);
  EXPECT_EQ(r.articles[0].rules[3], "end-marker");
  EXPECT_LT(pipeline.matcher().Boilerplate("- END -"), 0);  // the built-in end markers are replaced
}

TEST(PipelineTest, BadRulesFileThrowsWithFileAndLine) {
  RulesFile bad("boilerplate\tok\t^ok$\nchrome\tbroken\t[unclosed\n");
  PipelineOptions options;
  options.rules_files = {bad.path()};
  try {
    Pipeline pipeline(options);
    ADD_FAILURE() << "no Error thrown";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(bad.path() + ":2"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("[unclosed"), std::string::npos) << e.what();
  }
}

TEST(PipelineTest, SameResultsFromManyThreads) {
  const Pipeline pipeline;
  std::vector<fs::path> pages;
  for (const auto& entry : fs::directory_iterator(kCorpus)) {
    if (entry.path().extension() == ".txt") pages.push_back(entry.path());
  }
  std::sort(pages.begin(), pages.end());
  std::vector<std::string> texts;
  for (const fs::path& p : pages) texts.push_back(ReadFile(p));
  auto run_all = [&] {
    std::string out;
    for (size_t i = 0; i < texts.size(); ++i) {
      Page page;
      page.id = pages[i].filename().string();
      page.text = texts[i];
      page.crawl_date = Date{2023, 6, 20};
      AppendJsonl(pipeline.Process(std::move(page)), &out);
    }
    return out;
  };
  const std::string expected = run_all();
  ASSERT_FALSE(expected.empty());
  std::vector<std::string> got(4);
  std::vector<std::thread> threads;
  for (std::string& g : got) threads.emplace_back([&g, &run_all] { g = run_all(); });
  for (std::thread& t : threads) t.join();
  for (const std::string& g : got) EXPECT_EQ(g, expected);
}

// A date on a short line just around an article, whatever its role, dates it (NearbyDate); a
// paragraph or a neighbouring article stops the search. On a page of several stories, a date line
// of a neighbour is not taken by the main one.
// A story without a headline of its own on a page of one story takes the page's title (a WET
// page's first line) without the site's name; a menu row or a site name on the first line does not.
TEST(PipelineTest, UntitledStoryTakesThePageTitle) {
  const Pipeline pipeline;
  const std::string story =
      "The council approved the new budget for the schools on Tuesday after a long debate in the town hall.\n"
      "Six schools will get new roofs this summer, and two will get new playgrounds, the council said.\n"
      "The money comes from a fund that was set up after the floods three years ago, officials added.\n";
  auto title_of = [&](const std::string& first_lines) {
    Page page;
    page.id = "p";
    page.text = first_lines + story;
    PageResult r = pipeline.Process(std::move(page));
    if (r.articles.empty()) return std::string("(no article)");
    return r.articles.front().meta.title.value_or("null");
  };
  EXPECT_EQ(title_of("Town council approves the school budget | Town Monthly\nHome\nNews\n"),
            "Town council approves the school budget");
  EXPECT_EQ(title_of("Home | News | Sport | Weather | Contact\nNews\n"), "null");
  EXPECT_EQ(title_of("新闻中心\n首页\n"), "null");
}

TEST(PipelineTest, MainStoryDatedByANearbyLine) {
  const Pipeline pipeline;
  const Normalizer normalizer;
  const DateParser dates;
  const MetadataExtractor metadata(pipeline.matcher(), normalizer, dates);
  const std::string text =
      "Tuesday, March 5, 2024\n"                                    // 0
      "Home | News | Sport | Weather\n"                             // 1
      "Council approves school budget\n"                            // 2
      "The council approved the new budget for the schools on Tuesday after a long debate.\n"  // 3
      "Share | Tweet | Email\n"                                     // 4
      "Posted on April 9, 2024\n";                                  // 5
  std::vector<Line> lines;
  pipeline.splitter().Split(text, std::nullopt, &lines);
  ASSERT_EQ(lines.size(), 6u);
  Article a;
  a.first_line = 2;
  a.last_line = 3;
  auto iso = [](std::optional<Date> d) { return d ? d->ToIso() : std::string("null"); };
  EXPECT_EQ(iso(metadata.NearbyDate(text, lines, a, {}, 0, 6)), "2024-03-05");  // above first
  EXPECT_EQ(iso(metadata.NearbyDate(text, lines, a, {}, 1, 6)), "2024-04-09");  // line 0 is a neighbour's
  EXPECT_EQ(iso(metadata.NearbyDate(text, lines, a, {}, 1, 5)), "null");
  const std::string issue = "Council approves school budget\n"
                            "The council approved the new budget for the schools on Tuesday after a long debate.\n"
                            "Town Monthly, June 1996 issue\n";
  std::vector<Line> issue_lines;
  pipeline.splitter().Split(issue, std::nullopt, &issue_lines);
  Article b;
  b.first_line = 0;
  b.last_line = 1;
  EXPECT_EQ(iso(metadata.NearbyDate(issue, issue_lines, b, {}, 0, 3)), "1996-06");  // a month below
  // A line the article removed as boilerplate in its head ("Column date · reads · likes").
  const std::string stats = "Council approves school budget\n"
                            "Town column 2022-02-14 03:01 · 12 reads · 3 likes\n"
                            "The council approved the new budget for the schools on Tuesday after a long debate.\n";
  std::vector<Line> stats_lines;
  pipeline.splitter().Split(stats, std::nullopt, &stats_lines);
  Article c;
  c.first_line = 0;
  c.last_line = 2;
  c.roles = {Role::kTitle, Role::kBoilerplate, Role::kBody};
  EXPECT_EQ(iso(metadata.NearbyDate(stats, stats_lines, c, {}, 0, 3)), "2022-02-14T03:01");
  // ShortLineDate: a day on a short line; a month only when asked; relative dates and long lines never.
  const std::string many =
      "Posted in June 2023\n"
      "Updated yesterday\n"
      "On March 3, 2021 the council approved the new budget for the town's schools after a debate that lasted long.\n"
      "Filed: 12 May 2022\n"
      "Filed: 13 May 2022\n";
  std::vector<Line> many_lines;
  pipeline.splitter().Split(many, std::nullopt, &many_lines);
  DateContext crawl;
  crawl.anchor = Date{2024, 5, 1};
  EXPECT_EQ(iso(metadata.ShortLineDate(many, many_lines, 0, crawl)), "null");  // a month
  EXPECT_EQ(iso(metadata.ShortLineDate(many, many_lines, 0, crawl, /*day_needed=*/false)), "2023-06");
  EXPECT_EQ(iso(metadata.ShortLineDate(many, many_lines, 1, crawl)), "null");  // relative
  EXPECT_EQ(iso(metadata.ShortLineDate(many, many_lines, 2, crawl)), "null");  // a long line
  EXPECT_EQ(iso(metadata.ShortLineDate(many, many_lines, 3, crawl)), "2022-05-12");
  a.first_line = 4;  // a paragraph (line 3) stops the search upwards
  a.last_line = 4;
  EXPECT_EQ(iso(metadata.NearbyDate(text, lines, a, {}, 0, 5)), "null");

  Page page;
  page.id = "two.txt";
  page.text =
      "Library opens a new reading room\n"
      "The town library opened a new reading room for children on Saturday, with donated books.\n"
      "The reading room is open every day from nine until six, the librarian said.\n"
      "Source: Town News, March 5, 2024\n"
      "- END -\n"
      "Council approves school budget\n"
      "The council approved the new budget for the town's schools on Tuesday after a long debate.\n"
      "Teachers welcomed the decision, which gives schools ten percent more money next year.\n"
      "The mayor said the town would also repair two school buildings before the winter.\n";
  PageResult r = pipeline.Process(page);
  ASSERT_EQ(r.articles.size(), 2u);
  EXPECT_FALSE(r.articles[1].meta.published) << r.articles[1].meta.published->ToIso();
}


// The lines around an article that are no neighbour's: an "article" of no body line (a date line
// split off on its own) is passed over, one with a body line is not.
TEST(PipelineTest, SurroundingsPassOverBodilessArticles) {
  auto article = [](uint32_t first, uint32_t last, std::vector<Role> roles) {
    Article a;
    a.first_line = first;
    a.last_line = last;
    a.roles = std::move(roles);
    return a;
  };
  std::vector<Article> articles = {
      article(0, 3, {Role::kTitle, Role::kBody, Role::kBody, Role::kBody}),
      article(5, 5, {Role::kMetadata}),                                  // a date line alone
      article(6, 9, {Role::kTitle, Role::kMetadata, Role::kBody, Role::kBody}),  // the main story
      article(11, 12, {Role::kTitle, Role::kBody}),
  };
  uint32_t lower = 0, upper = 0;
  ArticleSurroundings(articles, 2, 20, &lower, &upper);
  EXPECT_EQ(lower, 4u);  // past the date line, up to the story above
  EXPECT_EQ(upper, 11u);
  ArticleSurroundings(articles, 0, 20, &lower, &upper);
  EXPECT_EQ(lower, 0u);
  EXPECT_EQ(upper, 6u);
  ArticleSurroundings(articles, 3, 20, &lower, &upper);
  EXPECT_EQ(lower, 10u);
  EXPECT_EQ(upper, 20u);
}

// On a page of one story, a day without a time gains the time of a short line stating the same day
// (a header strip above the title); a line of another day gives nothing.
TEST(PipelineTest, DayGainsTheTimeOfASameDayLine) {
  const Pipeline pipeline;
  auto run = [&](const std::string& strip) {
    Page page;
    page.id = "t.txt";
    page.text = "Town News\n" + strip + "\nShare | Tweet | Email\n"
                "Council approves school budget\n"
                "March 5, 2024\n"
                "The council approved the new budget for the town's schools on Tuesday after a long debate.\n"
                "Teachers welcomed the decision, which gives schools ten percent more money next year.\n"
                "The mayor said the town would also repair two school buildings before the winter.\n";
    PageResult r = pipeline.Process(std::move(page));
    if (r.articles.empty() || !r.articles.back().meta.published) return std::string("null");
    return r.articles.back().meta.published->ToIso();
  };
  EXPECT_EQ(run("2024-03-05 09:57"), "2024-03-05T09:57");
  EXPECT_EQ(run("2024-03-04 09:57"), "2024-03-05");
}

// A day in the page's URL wins over a different or coarser date read from the text; a line of the
// page stating that day with a time gives the time.
TEST(PipelineTest, UrlDayWinsOverADifferentTextDate) {
  const Pipeline pipeline;
  auto run = [&](const std::string& url, const std::string& text) {
    Page page;
    page.id = "u.txt";
    page.url = url;
    page.text = text;
    PageResult r = pipeline.Process(std::move(page));
    if (r.articles.empty() || !r.articles[0].meta.published) return std::string("null");
    return r.articles[0].meta.published->ToIso();
  };
  const std::string story =
      "Council approves school budget\n"
      "Posted on April 9, 2024\n"
      "The council approved the new budget for the town's schools on Tuesday after a long debate.\n"
      "Teachers welcomed the decision, which gives schools ten percent more money next year.\n"
      "The mayor said the town would also repair two school buildings before the winter.\n";
  EXPECT_EQ(run("https://news.example.com/2024/04/09/budget/", story), "2024-04-09");
  EXPECT_EQ(run("https://news.example.com/2024/03/05/budget/", story), "2024-03-05");
  EXPECT_EQ(run("https://news.example.com/2024/03/05/budget/", story + "Updated March 5, 2024 10:15\n"),
            "2024-03-05T10:15");
  // A URL month alone does not replace a day of the text.
  EXPECT_EQ(run("https://news.example.com/2024/03/budget/", story), "2024-04-09");
  EXPECT_EQ(run("https://news.example.com/news/budget/", story), "2024-04-09");
}

}  // namespace
}  // namespace newsclip
