// Tests of the rules stage (rules.h): the built-in rules file parses; a bad rules file fails with
// file:line and the offending text (STYLE.md 13); a user's rules override built-in ones by
// (kind, name); and the compiled RuleMatcher finds the conventions of DESIGN.md section 5 in
// English and Chinese lines (boilerplate, chrome, labels, bylines, datelines). Every line is
// width-folded first, as the lines stage does.
#include "newsclip/rules.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "newsclip/normalize.h"

namespace newsclip {
namespace {

// Matchers see trimmed, width-folded lines.
class Folder {
 public:
  std::string_view operator()(std::string_view line) { return normalizer_.Fold(line, &scratch_); }

 private:
  Normalizer normalizer_;
  std::string scratch_;
};

TEST(RulesTest, BuiltinParsesWithEveryKind) {
  Rules rules = Rules::Builtin();
  for (RuleKind kind : {RuleKind::kBoilerplate, RuleKind::kChrome, RuleKind::kLabel, RuleKind::kByline,
                        RuleKind::kDateline}) {
    SCOPED_TRACE(static_cast<int>(kind));
    EXPECT_FALSE(rules.OfKind(kind).empty());
  }
  for (const Rule& r : rules.rules()) {
    SCOPED_TRACE(r.where);
    EXPECT_FALSE(r.name.empty());
    EXPECT_FALSE(r.pattern.empty());
    EXPECT_NE(r.where.find(':'), std::string::npos);
  }
  EXPECT_NO_THROW(RuleMatcher{rules});
}

TEST(RulesTest, ParseReadsFieldsAndSkipsComments) {
  const std::string text =
      "# a comment\n"
      "\n"
      "boilerplate\tpromo\t^Buy now$\r\n"
      "label\teditors\t(?:desk)\n"
      "byline\tauthors\t^Words:\\s+(.+)$";  // no final newline
  Rules rules = Rules::Parse(text, "mine.tsv");
  ASSERT_EQ(rules.rules().size(), 3u);
  const struct {
    RuleKind kind;
    const char* name;
    const char* pattern;
    Field field;
    const char* where;
  } kExpected[] = {
      {RuleKind::kBoilerplate, "promo", "^Buy now$", Field::kNone, "mine.tsv:3"},
      {RuleKind::kLabel, "editors", "(?:desk)", Field::kEditors, "mine.tsv:4"},
      {RuleKind::kByline, "authors", "^Words:\\s+(.+)$", Field::kAuthors, "mine.tsv:5"},
  };
  for (size_t i = 0; i < 3; ++i) {
    SCOPED_TRACE(i);
    const Rule& r = rules.rules()[i];
    EXPECT_EQ(r.kind, kExpected[i].kind);
    EXPECT_EQ(r.name, kExpected[i].name);
    EXPECT_EQ(r.pattern, kExpected[i].pattern);  // "\r" of a CRLF file is not part of the pattern
    EXPECT_EQ(r.field, kExpected[i].field);
    EXPECT_EQ(r.where, kExpected[i].where);
  }
}

TEST(RulesTest, ParseErrorsNameFileLineAndCulprit) {
  const struct {
    const char* name;
    const char* text;
    std::vector<std::string> message_has;
  } kCases[] = {
      {"invalid pattern", "# header\nboilerplate\tok\t^ok$\nboilerplate\tbroken\t(unclosed[\n",
       {"user.tsv:3", "(unclosed["}},
      {"invalid chinese pattern", "chrome\t导航\t^(首页|新闻\n", {"user.tsv:1", "^(首页|新闻"}},
      {"unknown kind", "boilerplate\tok\tok\nbanner\tpromo\t^Buy now$\n", {"user.tsv:2", "banner"}},
      {"missing tab", "boilerplate promo ^Buy now$\n", {"user.tsv:1", "boilerplate promo ^Buy now$"}},
      {"unknown field of a label", "label\tauthor\t(?:writer)\n", {"user.tsv:1", "author"}},
      {"invalid byline pattern", "\n\nbyline\tauthors\t^by\\s+(.+\n", {"user.tsv:3", "^by\\s+(.+"}},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.name);
    try {
      Rules::Parse(c.text, "user.tsv");
      ADD_FAILURE() << "no Error thrown";
    } catch (const Error& e) {
      for (const std::string& part : c.message_has) {
        EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what() << "\nlacks: " << part;
      }
    }
  }
}

TEST(RulesTest, FromFileOfMissingFileThrows) {
  try {
    Rules::FromFile("/nonexistent/newsclip/rules.tsv");
    ADD_FAILURE() << "no Error thrown";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/newsclip/rules.tsv"), std::string::npos) << e.what();
  }
}

TEST(RulesTest, FromFileOfADirectoryThrows) {
  try {
    Rules::FromFile(NEWSCLIP_CORPUS_DIR);
    ADD_FAILURE() << "a directory was read as an empty rules file";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("directory"), std::string::npos) << e.what();
  }
}

TEST(RulesTest, MergeOverridesByKindAndName) {
  Rules rules = Rules::Builtin();
  const size_t builtin_end_markers = [&] {
    size_t n = 0;
    for (const Rule* r : rules.OfKind(RuleKind::kBoilerplate)) n += r->name == "end-marker";
    return n;
  }();
  ASSERT_GT(builtin_end_markers, 1u);
  rules.Merge(Rules::Parse(
      "boilerplate\tend-marker\t^FIN$\n"          // replaces every built-in end-marker rule
      "boilerplate\tpromo\t^Buy now$\n"           // a new name: added
      "chrome\tend-marker\t^Site map of the town$\n",  // same name, other kind: overrides nothing
      "user.tsv"));
  size_t end_markers = 0;
  for (const Rule* r : rules.OfKind(RuleKind::kBoilerplate)) {
    if (r->name == "end-marker") {
      ++end_markers;
      EXPECT_EQ(r->pattern, "^FIN$");
      EXPECT_EQ(r->where, "user.tsv:1");
    }
  }
  EXPECT_EQ(end_markers, 1u);

  RuleMatcher matcher(rules);
  const struct {
    const char* line;
    const char* boilerplate;  // rule name, "" for none
  } kCases[] = {
      {"FIN", "end-marker"},
      {"- END -", ""},  // the built-in end markers are gone
      {"(完)", ""},
      {"Buy now", "promo"},
      {"Share this: Facebook Twitter Email", "share"},  // other built-in rules are kept
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.line);
    int i = matcher.Boilerplate(c.line);
    EXPECT_EQ(i < 0 ? std::string() : matcher.BoilerplateName(i), c.boilerplate);
  }
  EXPECT_EQ(matcher.ChromeName(matcher.Chrome("Site map of the town")), "end-marker");
}

struct NameCase {
  const char* line;  // as on the page (folded before matching)
  const char* rule;  // expected rule name, "" for none
};

class RuleMatcherTest : public ::testing::Test {
 protected:
  RuleMatcherTest() : matcher_(Rules::Builtin()) {}
  RuleMatcher matcher_;
  Folder fold_;
};

TEST_F(RuleMatcherTest, Boilerplate) {
  const NameCase kCases[] = {
      {"- END -", "end-marker"},
      {"END", "end-marker"},
      {"—— The End ——", "end-marker"},
      {"（完）", "end-marker"},
      {"【完】", "end-marker"},
      {"(全文完)", "end-marker"},
      {"点击上方蓝字关注我们", "follow-prompt"},
      {"Click the blue words above to follow us", "follow-prompt"},
      {"长按识别二维码关注", "follow-prompt"},
      {"Share this: Facebook Twitter Email", "share"},
      {"Facebook | Twitter | WhatsApp | Email", "share"},
      {"分享到：微信 微博", "share"},
      {"Scan the QR code to read on your phone", "qr-code"},
      {"扫码下载客户端", "qr-code"},
      {"Download the Herald app for breaking news", "app-prompt"},
      {"Sign up for our daily newsletter", "newsletter"},
      {"© 2024 The Herald. All rights reserved.", "copyright"},
      {"Copyright 2023 Valley Chronicle", "copyright"},
      {"（本文系江城日报原创稿件，转载请注明出处）", "copyright"},
      {"未经授权，不得转载", "copyright"},
      {"Disclaimer: the views in this release are the company's own.", "disclaimer"},
      {"免责声明：本文仅供参考。", "disclaimer"},
      {"Read more", "read-more"},
      {"READ MORE: Council votes to close the old pool", "read-more"},
      {"阅读全文>>", "read-more"},
      {"Advertisement", "advertisement"},
      // Not boilerplate: sentences that merely contain the words.
      {"The end of the strike came on Friday.", ""},
      {"Ending the year with a surplus", ""},
      {"完成全年目标任务。", ""},
      {"He shared the story with his neighbours.", ""},
      {"Readers can follow the vote online from 9 a.m.", ""},
      {"责任编辑：王五", ""},
  };
  for (const NameCase& c : kCases) {
    SCOPED_TRACE(c.line);
    int i = matcher_.Boilerplate(fold_(c.line));
    EXPECT_EQ(i < 0 ? std::string() : matcher_.BoilerplateName(i), c.rule);
  }
}

TEST_F(RuleMatcherTest, Chrome) {
  const NameCase kCases[] = {
      {"Home > News > World", "breadcrumb"},
      {"Home » Sport", "breadcrumb"},
      {"首页 > 新闻 > 国际", "breadcrumb"},
      {"当前位置：首页 > 要闻", "breadcrumb"},
      {"Privacy Policy", "navigation"},
      {"Back to top", "navigation"},
      {"Most read", "navigation"},
      {"返回顶部", "navigation"},
      {"上一篇：市区新增两处停车场", "navigation"},
      {"We use cookies to improve your experience. Accept all?", "cookies"},
      {"Home prices rose again in March.", ""},
      {"The council met on Tuesday.", ""},
      {"首页设计大赛在市图书馆开幕", ""},
  };
  for (const NameCase& c : kCases) {
    SCOPED_TRACE(c.line);
    int i = matcher_.Chrome(fold_(c.line));
    EXPECT_EQ(i < 0 ? std::string() : matcher_.ChromeName(i), c.rule);
  }
}

// Renders label hits as "field=value|field=value", each value running to the next label.
std::string RenderLabels(std::string_view line, const std::vector<LabelHit>& hits) {
  std::string out;
  for (size_t j = 0; j < hits.size(); ++j) {
    size_t end = j + 1 < hits.size() ? hits[j + 1].label_begin : line.size();
    std::string_view value = line.substr(hits[j].value_begin, end - hits[j].value_begin);
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
    if (!out.empty()) out += '|';
    out += std::string(FieldName(hits[j].field)) + "=" + std::string(value);
  }
  return out;
}

TEST_F(RuleMatcherTest, Labels) {
  const NameCase kCases[] = {
      {"Author:Hotline for the people Time:2022.09.29", "authors=Hotline for the people|date=2022.09.29"},
      {"Author: Jane Roe", "authors=Jane Roe"},
      {"Published: 14 March 2023, 09:12", "date=14 March 2023, 09:12"},
      {"Source: Ministry of Water Resources", "source=Ministry of Water Resources"},
      {"Editor: Sam Lee", "editors=Sam Lee"},
      {"Responsible editor: Li Ming", "editors=Li Ming"},
      {"作者：张三", "authors=张三"},
      {"来源：新华网 编辑：张三", "source=新华网|editors=张三"},
      {"时间：2022-09-29 10:23 来源：人民网", "date=2022-09-29 10:23|source=人民网"},
      {"发布时间：2022年09月29日　来源：江城日报", "date=2022年09月29日|source=江城日报"},
      {"He said: we will win.", ""},
      {"Note: the meeting is open to all.", ""},
      {"会议指出：要做好防汛准备。", ""},
  };
  for (const NameCase& c : kCases) {
    SCOPED_TRACE(c.line);
    std::string_view folded = fold_(c.line);
    EXPECT_EQ(RenderLabels(folded, matcher_.Labels(folded)), c.rule);
  }
}

TEST_F(RuleMatcherTest, LabelOffsets) {
  const std::string_view line = "Author:X Time:2022.09.29";
  std::vector<LabelHit> hits = matcher_.Labels(line);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].label_begin, 0u);
  EXPECT_EQ(hits[0].value_begin, 7u);
  EXPECT_EQ(hits[0].field, Field::kAuthors);
  EXPECT_EQ(hits[1].label_begin, 9u);
  EXPECT_EQ(hits[1].value_begin, 14u);
  EXPECT_EQ(hits[1].field, Field::kDate);
}

TEST_F(RuleMatcherTest, Byline) {
  const struct {
    const char* line;
    bool match;
    Field field;
    const char* value;
  } kCases[] = {
      {"By Jane Roe", true, Field::kAuthors, "Jane Roe"},
      {"BY JANE ROE AND JOHN DOE", true, Field::kAuthors, "JANE ROE AND JOHN DOE"},
      {"by Jane Roe, John Doe and Mary Major", true, Field::kAuthors, "Jane Roe, John Doe and Mary Major"},
      {"记者 张三", true, Field::kAuthors, "张三"},
      {"本报记者 张三 李四", true, Field::kAuthors, "张三 李四"},
      {"记者 张三 通讯员 李四", true, Field::kAuthors, "张三 通讯员 李四"},
      {"文/李四", true, Field::kAuthors, "李四"},
      {"文 | 李四", true, Field::kAuthors, "李四"},
      {"Reporting by Jane Roe", true, Field::kAuthors, "Jane Roe"},
      {"Edited by Sam Lee", true, Field::kEditors, "Sam Lee"},
      {"Posted on June 3, 2024", true, Field::kDate, "June 3, 2024"},
      {"Byron Bay residents rallied on Sunday.", false, Field::kNone, ""},
      {"记者节活动在市区举行", false, Field::kNone, ""},
      {"文化和旅游部发布通知", false, Field::kNone, ""},
      {"The mayor, by all accounts, was pleased.", false, Field::kNone, ""},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.line);
    Field field = Field::kNone;
    std::string_view value;
    ASSERT_EQ(matcher_.Byline(fold_(c.line), &field, &value), c.match);
    if (!c.match) continue;
    EXPECT_EQ(field, c.field);
    EXPECT_EQ(value, c.value);
  }
}

TEST_F(RuleMatcherTest, Dateline) {
  const struct {
    const char* line;
    const char* source;  // nullptr: not a dateline
    const char* rest;    // the line after the dateline, trimmed of spaces
  } kCases[] = {
      {"LONDON, March 3 (Reuters) - Shares in the bank fell sharply.", "Reuters", "Shares in the bank fell sharply."},
      {"BEIJING, Sept. 23 (Xinhua) -- China will expand grain storage.", "Xinhua",
       "China will expand grain storage."},
      {"Xiheng, Sept. 23 （Xiheng Daily） -- The county opened a bike lane.", "Xiheng Daily",
       "The county opened a bike lane."},
      {"新华社北京9月23日电（记者 王五）记者从有关部门获悉，秋粮收购已经展开。", "新华社",
       "(记者 王五)记者从有关部门获悉,秋粮收购已经展开。"},
      {"长江晚报掌上客户端9月28日讯 本市地铁新线开通。", "长江晚报掌上客户端", "本市地铁新线开通。"},
      {"The Fenwick Courier on July 19. The county will repave Main Street.", "Fenwick Courier",
       "The county will repave Main Street."},
      {"Prices rose 5% in March, officials said.", nullptr, nullptr},
      {"Officials said on Monday that the bridge will close.", nullptr, nullptr},
      {"今年9月23日，市民在公园里散步。", nullptr, nullptr},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.line);
    std::string_view folded = fold_(c.line);
    std::string_view source;
    size_t end = 0;
    bool found = matcher_.Dateline(folded, &source, &end);
    ASSERT_EQ(found, c.source != nullptr);
    if (!found) continue;
    EXPECT_EQ(source, c.source);
    std::string_view rest = folded.substr(end);
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    EXPECT_EQ(rest, c.rest);
  }
}

// Bug: no built-in dateline matches "PLACE, State. (AP) —" (no date after the comma; corpus en-09).
TEST_F(RuleMatcherTest, DatelineWithStateAbbreviation) {
  std::string_view source;
  size_t end = 0;
  ASSERT_TRUE(matcher_.Dateline(fold_("HOLLIS, Ore. (AP) — Voters lined up early."), &source, &end));
  EXPECT_EQ(source, "AP");
}

// Bug: no built-in dateline matches "X日报讯（记者 …）" without a date (corpus/README.zh.md, zh-10).
TEST_F(RuleMatcherTest, DatelineNewspaperXun) {
  std::string_view source;
  size_t end = 0;
  ASSERT_TRUE(matcher_.Dateline(fold_("青岚日报讯（记者 孙八 通讯员 周九）昨日，新桥正式通车。"), &source, &end));
  EXPECT_EQ(source, "青岚日报");
}

}  // namespace
}  // namespace newsclip
