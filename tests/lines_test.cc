// Tests of the lines stage (lines.h): how a page is split into numbered lines (a final newline
// adds no line, "\r\n" and surrounding spaces are outside the line, blank lines count), and the
// features each line gets (terminal punctuation, ellipsis, bylines, date lines, datelines, end
// markers, chrome rules, script counts) on English and Chinese lines.
#include "newsclip/lines.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace newsclip {
namespace {

class LinesTest : public ::testing::Test {
 protected:
  LinesTest() : matcher_(Rules::Builtin()), splitter_(matcher_, normalizer_, dates_) {}

  RuleMatcher matcher_;
  Normalizer normalizer_;
  DateParser dates_;
  LineSplitter splitter_;
};

struct SplitCase {
  const char* name;
  std::string text;
  std::vector<std::string> lines;  // the text of each line, in order
};

TEST_F(LinesTest, SplitNumbersLines) {
  const SplitCase kCases[] = {
      {"empty page", "", {}},
      {"final newline adds no line", "Title\nBody.\n", {"Title", "Body."}},
      {"no final newline", "Title\nBody.", {"Title", "Body."}},
      {"crlf", "Title\r\nBody.\r\n", {"Title", "Body."}},
      {"blank lines count", "Title\n\nBody.\n\n", {"Title", "", "Body.", ""}},
      {"only a newline", "\n", {""}},
      {"spaces trimmed", "  Title  \n\tBody.\t\n", {"Title", "Body."}},
      {"ideographic spaces trimmed", "\xE3\x80\x80\xE3\x80\x80正文第一段。\n标题", {"正文第一段。", "标题"}},
      {"space-only line is blank", "a\n   \nb", {"a", "", "b"}},
  };
  for (const SplitCase& c : kCases) {
    SCOPED_TRACE(c.name);
    std::vector<Line> lines;
    splitter_.Split(c.text, std::nullopt, &lines);
    ASSERT_EQ(lines.size(), c.lines.size());
    for (size_t i = 0; i < lines.size(); ++i) {
      SCOPED_TRACE(i + 1);
      ASSERT_LE(lines[i].begin, lines[i].end);
      ASSERT_LE(lines[i].end, c.text.size());
      EXPECT_EQ(c.text.substr(lines[i].begin, lines[i].end - lines[i].begin), c.lines[i]);
      EXPECT_EQ(lines[i].f.blank, c.lines[i].empty());
    }
  }
}

TEST_F(LinesTest, SplitOffsetsIndexThePage) {
  const std::string text = "Title\r\n  By Jane Roe\n\nBody text.";
  std::vector<Line> lines;
  splitter_.Split(text, std::nullopt, &lines);
  ASSERT_EQ(lines.size(), 4u);
  const uint32_t kBegin[] = {0, 9, 21, 22};
  const uint32_t kEnd[] = {5, 20, 21, 32};
  for (size_t i = 0; i < 4; ++i) {
    SCOPED_TRACE(i + 1);
    EXPECT_EQ(lines[i].begin, kBegin[i]);
    EXPECT_EQ(lines[i].end, kEnd[i]);
  }
}

TEST_F(LinesTest, SplitReplacesOldLines) {
  std::vector<Line> lines(7);
  splitter_.Split("one\ntwo", std::nullopt, &lines);
  EXPECT_EQ(lines.size(), 2u);
}

// The named boolean features, for readable expectations.
bool Flag(const LineFeatures& f, std::string_view name) {
  if (name == "blank") return f.blank;
  if (name == "terminal_punct") return f.terminal_punct;
  if (name == "ends_with_ellipsis") return f.ends_with_ellipsis;
  if (name == "exclaim") return f.exclaim;
  if (name == "colon") return f.colon;
  if (name == "has_label") return f.has_label;
  if (name == "byline") return f.byline;
  if (name == "date_only") return f.date_only;
  if (name == "has_date") return f.has_date;
  if (name == "dateline") return f.dateline;
  if (name == "end_marker") return f.end_marker;
  if (name == "numbered") return f.numbered;
  if (name == "comma") return f.comma;
  if (name == "dangling") return f.dangling;
  if (name == "editor_credit") return f.editor_credit;
  ADD_FAILURE() << "unknown flag " << name;
  return false;
}

struct FeatureCase {
  const char* line;
  // Space-separated checks: "+flag" true, "-flag" false, "rule=NAME" the boilerplate rule
  // ("rule=" none), "chrome=NAME" the chrome rule ("chrome=" none).
  const char* expect;
};

TEST_F(LinesTest, Features) {
  const FeatureCase kCases[] = {
      {"The council approved the budget on Tuesday.", "+terminal_punct -exclaim -ends_with_ellipsis -byline rule= chrome="},
      {"Hunan supports the development of community groups!", "+terminal_punct +exclaim"},
      {"Will the bridge reopen before winter?", "+terminal_punct +exclaim"},
      {"She said: \"We will rebuild the school.\"", "+terminal_punct -exclaim -colon"},
      {"他说：“我们一定会按时完工。”", "+terminal_punct -exclaim"},
      {"市民纷纷点赞！", "+terminal_punct +exclaim"},
      {"Harbour dredging to start next spring", "-terminal_punct -ends_with_ellipsis -colon -has_date"},
      {"市政府召开防汛工作会议", "-terminal_punct -ends_with_ellipsis"},
      {"Wuhan has a waterfront re...", "+ends_with_ellipsis -terminal_punct"},
      {"Wuhan has a waterfront re…", "+ends_with_ellipsis -terminal_punct"},
      {"今年以来，全市新增绿道一百公里……", "+ends_with_ellipsis -terminal_punct"},
      {"The plan has three parts:", "+colon -terminal_punct"},
      {"主要措施如下：", "+colon"},
      {"By Jane Roe", "+byline -terminal_punct"},
      {"BY JANE ROE AND JOHN DOE", "+byline"},
      {"记者 张三", "+byline"},
      {"本报记者 张三 通讯员 李四", "+byline"},
      {"文/李四", "+byline"},
      {"Byron Bay residents rallied on Sunday.", "-byline"},
      {"Author:Hotline for the people Time:2022.09.29", "+has_label +has_date -byline"},
      {"作者：张三 时间：2022年9月29日", "+has_label +has_date"},
      {"来源：新华网 编辑：张三", "+has_label -has_date"},
      {"Time:2022.09.29", "+has_label +has_date +date_only"},
      {"2022-09-29 10:23", "+has_date +date_only -has_label"},
      {"May 21, 2025 at 2:19 p.m.", "+has_date +date_only -terminal_punct"},
      {"The principle of keeping traders close to their customers; and", "+dangling -comma"},
      {"Keep the stalls near the bus station, the market and", "+dangling"},
      {"Stalls are moved to the market square,", "+comma -dangling"},
      {"Harbour dredging to start next spring", "-dangling -comma"},
      {"Reporting by Jane Roe; Editing by John Doe", "+byline +editor_credit"},
      {"By Jane Roe", "+byline -editor_credit"},
      {"More from this section", "chrome=navigation"},
      {"Related stories:", "chrome=navigation"},
      {"Related fees rise again this year", "chrome="},
      {"By Jane Roe - May 21, 2025 at 2:19 p.m.", "+byline +has_date -terminal_punct"},
      {"June 08, 2022", "+has_date +date_only"},
      {"19/10/2022", "+has_date +date_only"},
      {"发布时间：2022年9月29日 10:23", "+has_date +date_only +has_label"},
      {"2022年9月29日", "+has_date +date_only"},
      {"Published: 2019", "+has_date +date_only +has_label"},  // year only, in a labelled value
      {"In 2019 the town had no library.", "-has_date -date_only"},
      {"Yingjiang County Meteorological Bureau was lifted at 22:45:02 on June 08, 2022 to release a warning.",
       "+has_date -date_only +terminal_punct"},
      {"LONDON, March 3 (Reuters) - Shares in the bank fell sharply on Friday.", "+dateline +has_date -date_only"},
      {"新华社北京9月23日电（记者 王五）记者从有关部门获悉，秋粮收购已经展开。", "+dateline -date_only"},
      {"The council met on Tuesday to discuss the budget.", "-dateline"},
      {"- END -", "+end_marker rule=end-marker"},
      {"END", "+end_marker rule=end-marker"},
      {"（完）", "+end_marker rule=end-marker"},
      {"【完】", "+end_marker rule=end-marker"},
      {"点击上方蓝字关注我们", "-end_marker rule=follow-prompt"},
      {"Share this: Facebook Twitter Email", "-end_marker rule=share"},
      {"© 2024 The Herald. All rights reserved.", "rule=copyright"},
      {"Home > News > World", "chrome=breadcrumb rule="},
      {"当前位置：首页 > 新闻 > 正文", "chrome=breadcrumb"},
      {"Privacy Policy", "chrome=navigation"},
      {"", "+blank -terminal_punct"},
      {"3、加大资金支持", "+numbered"},
      {"3. Funding rises", "+numbered"},
      {"2023年预算公布", "-numbered"},
      {"3.5 million homes lose power", "-numbered"},
  };
  for (const FeatureCase& c : kCases) {
    SCOPED_TRACE(c.line);
    LineFeatures f = splitter_.Features(c.line, std::nullopt);
    std::istringstream checks(c.expect);
    std::string check;
    while (checks >> check) {
      SCOPED_TRACE(check);
      if (check[0] == '+' || check[0] == '-') {
        EXPECT_EQ(Flag(f, check.substr(1)), check[0] == '+');
      } else if (check.starts_with("rule=")) {
        EXPECT_EQ(f.boilerplate_rule < 0 ? "" : matcher_.BoilerplateName(f.boilerplate_rule), check.substr(5));
      } else if (check.starts_with("chrome=")) {
        EXPECT_EQ(f.chrome_rule < 0 ? "" : matcher_.ChromeName(f.chrome_rule), check.substr(7));
      } else {
        ADD_FAILURE() << "bad check";
      }
    }
  }
}

TEST_F(LinesTest, RelativeDateNeedsCrawlDate) {
  const struct {
    const char* line;
    bool with_crawl_date;
    bool has_date;
  } kCases[] = {
      {"yesterday", true, true},    {"yesterday", false, false}, {"昨天 18:30", true, true},
      {"昨天 18:30", false, false}, {"3 hours ago", true, true},  {"3小时前", false, false},
  };
  const std::optional<Date> crawl = Date{2023, 3, 15};
  for (const auto& c : kCases) {
    SCOPED_TRACE(std::string(c.line) + (c.with_crawl_date ? " with crawl date" : ""));
    LineFeatures f = splitter_.Features(c.line, c.with_crawl_date ? crawl : std::nullopt);
    EXPECT_EQ(f.has_date, c.has_date);
    EXPECT_EQ(f.date_only, c.has_date);
  }
}

TEST_F(LinesTest, ScriptCounts) {
  const struct {
    const char* line;
    uint32_t chars, cjk, letters, words;
  } kCases[] = {
      {"Hello world", 11, 0, 10, 2},
      {"Café au lait", 12, 0, 10, 3},
      {"新华社北京电", 6, 6, 0, 3},
      {"张三李四", 4, 4, 0, 2},
      {"Hello 世界", 8, 2, 5, 2},
      {"こんにちは", 5, 5, 0, 2},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.line);
    LineFeatures f = splitter_.Features(c.line, std::nullopt);
    EXPECT_EQ(f.chars, c.chars);
    EXPECT_EQ(f.cjk, c.cjk);
    EXPECT_EQ(f.letters, c.letters);
    EXPECT_EQ(f.words, c.words);
  }
}

TEST_F(LinesTest, LinkLikeMenus) {
  const struct {
    const char* line;
    bool menu;  // link_like >= 0.25
  } kCases[] = {
      {"News | Sport | Weather | Opinion", true},
      {"首页 | 新闻 | 体育 | 财经", true},
      {"Council approves new budget for schools | By Jane Roe", false},
      {"The council approved the budget on Tuesday.", false},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.line);
    EXPECT_EQ(splitter_.Features(c.line, std::nullopt).link_like >= 0.25f, c.menu);
  }
}

// Page-level features: how often a text stands on the page, which copy of a repeated line is a
// heading over its paragraph, and the lines of a hard-wrapped sentence.
TEST_F(LinesTest, PageCopiesAndHeadingCopy) {
  std::vector<Line> lines;
  splitter_.Split("Contents\nSpring planting\nAdvertisement\nSpring planting\n"
                  "Gardeners should sow beans and peas once the soil has warmed up in April or May.\n"
                  "Advertisement\n"
                  "Water them in the evening, when less of the water is lost to the sun and the wind.\n",
                  std::nullopt, &lines);
  ASSERT_EQ(lines.size(), 7u);
  EXPECT_EQ(lines[0].f.page_copies, 1);
  EXPECT_EQ(lines[1].f.page_copies, 2);
  EXPECT_FALSE(lines[1].f.heading_copy);  // the table of contents
  EXPECT_TRUE(lines[3].f.heading_copy);   // over its paragraph
  EXPECT_EQ(lines[2].f.page_copies, 2);
  EXPECT_FALSE(lines[2].f.heading_copy);  // over a line that is not a paragraph
  EXPECT_TRUE(lines[5].f.heading_copy);   // its only copy over a paragraph
  EXPECT_EQ(lines[4].f.page_copies, 1);
}

TEST_F(LinesTest, HardWrappedSentences) {
  std::vector<Line> lines;
  splitter_.Split("Night Trains Return To The Coast\n"
                  "the operator said on Monday that the sleeper service would run again\n"
                  "from the first week of June, with two departures a week from the city\n"
                  "and a stop at the old junction.\n"
                  "Ticket prices were not announced\n"
                  "A spokesman said more details would follow.\n"
                  "by Jane Roe\n",
                  std::nullopt, &lines);
  ASSERT_EQ(lines.size(), 7u);
  EXPECT_FALSE(lines[0].f.wrapped);  // a headline in title case over a lower-case line
  EXPECT_TRUE(lines[1].f.wrapped);
  EXPECT_TRUE(lines[2].f.wrapped);
  EXPECT_TRUE(lines[3].f.wrapped);
  EXPECT_FALSE(lines[4].f.wrapped);  // the line under it begins a sentence
  EXPECT_FALSE(lines[6].f.wrapped);  // a byline in lower case is no continuation
  EXPECT_EQ(lines[0].f.capital_words, 6u);

  // "by ..." that goes on with a wrapped sentence is its text, not a byline.
  splitter_.Split("Critics say the plan puts a price on everything and that\n"
                  "it leaves the poor behind in a crisis, and therefore,\n"
                  "by implication, that some lives are worth more than others.\n",
                  std::nullopt, &lines);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_TRUE(lines[2].f.wrapped);
  EXPECT_FALSE(lines[2].f.byline);
  EXPECT_EQ(lines[2].f.meta_field, Field::kNone);

  // A quoted continuation, a one-word end of a sentence, and "by" with no name after it.
  splitter_.Split("\"Tell me,\" said the clerk to the young man at the door,\n"
                  "\"what do you think of it?\"\n"
                  "He said he would think it over and give his answer in\n"
                  "time.\n"
                  "Throwing him out was not possible; to drive him away\n"
                  "by calling him names would not do either, so I waited.\n",
                  std::nullopt, &lines);
  ASSERT_EQ(lines.size(), 6u);
  EXPECT_TRUE(lines[0].f.comma);
  EXPECT_TRUE(lines[1].f.starts_lower);
  EXPECT_TRUE(lines[1].f.wrapped);
  EXPECT_TRUE(lines[3].f.wrapped);
  EXPECT_TRUE(lines[4].f.wrapped);
  EXPECT_TRUE(lines[5].f.wrapped);
  EXPECT_FALSE(lines[5].f.byline);
}

// The page's title line ("Headline - Site - Tagline") names the headline before any of its
// separators: the headline line is the page title, a shorter line or the site's name is not.
TEST_F(LinesTest, PageTitleBeforeAnySeparator) {
  std::vector<Line> lines;
  splitter_.Split("Ten Ways to Keep Warm This Winter - Home Weekly - Ideas for House and Garden\n"
                  "Home Weekly\n"
                  "Ten Ways to Keep Warm This Winter\n"
                  "Ten Ways\n"
                  "Ten Ways to Keep Warm This Winter - Home Weekly\n",
                  std::nullopt, &lines);
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_FALSE(lines[1].f.page_title);
  EXPECT_TRUE(lines[2].f.page_title);
  EXPECT_FALSE(lines[3].f.page_title);
  EXPECT_TRUE(lines[4].f.page_title);
}

TEST(TrimSpaceTest, TrimsAsciiAndUnicodeSpaces) {
  const struct {
    const char* in;
    const char* out;
  } kCases[] = {
      {"  a b  ", "a b"},
      {"\t\r\nx\r", "x"},
      {"\xE3\x80\x80标题\xE3\x80\x80", "标题"},  // U+3000
      {"\xC2\xA0" "Jane\xC2\xA0", "Jane"},       // U+00A0
      {"   ", ""},
      {"", ""},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.in);
    EXPECT_EQ(TrimSpace(c.in), c.out);
  }
}

}  // namespace
}  // namespace newsclip
