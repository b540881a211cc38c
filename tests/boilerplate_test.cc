// Tests of the boilerplate stage (boilerplate.h): the role of every line of small English and
// Chinese pages (title, metadata, boilerplate with its rule, body; chrome outside articles), as
// the corpus annotates them (corpus/README.*.md): credits are metadata, prompts, end markers and
// an article's copyright line are boilerplate, a dateline stays body, a line of names under the
// title is metadata. Also LooksLikeNames and RuleName.
#include "newsclip/boilerplate.h"

#include <gtest/gtest.h>

#include <string>

#include "newsclip/pipeline.h"

namespace newsclip {
namespace {

// One word per page line: "title", "metadata", "body", "boilerplate(RULE)", or "chrome" for a
// line outside every article; articles are separated by " / " in front of their first line.
std::string RenderRoles(const PageResult& r) {
  std::string out;
  size_t a = 0;
  for (uint32_t i = 0; i < r.lines.size(); ++i) {
    while (a < r.articles.size() && r.articles[a].last_line < i) ++a;
    if (!out.empty()) out += ' ';
    if (a < r.articles.size() && r.articles[a].first_line == i && a > 0) out += "/ ";
    if (a >= r.articles.size() || r.articles[a].first_line > i) {
      out += "chrome";
      continue;
    }
    const Article& art = r.articles[a];
    const size_t k = i - art.first_line;
    out += RoleName(art.roles[k]);
    if (art.roles[k] == Role::kBoilerplate) out += "(" + art.rules[k] + ")";
  }
  return out;
}

struct RolesCase {
  const char* name;
  const char* text;
  const char* roles;  // RenderRoles of the page
};

TEST(BoilerplateTest, Roles) {
  const RolesCase kCases[] = {
      {"english article with prompts",
       "Harbour dredging to start next spring\n"
       "By Jane Roe\n"
       "Published: 14 March 2023, 09:12\n"
       "The port authority said on Monday that dredging of the inner harbour will begin in April.\n"
       "Advertisement\n"
       "Fishing boats will be moved to the eastern quay while the work is under way, officials said.\n"
       "Share this: Facebook Twitter Email\n"
       "© 2023 The Herald. All rights reserved.\n"
       "- END -\n",
       "title metadata metadata body boilerplate(advertisement) body boilerplate(share) "
       "boilerplate(copyright) boilerplate(end-marker)"},
      {"english article inside chrome",
       "Home > News > Local\n"
       "Night buses return to the northern suburbs\n"
       "By John Doe\n"
       "Night buses will return to the northern suburbs from Monday after a break of two years.\n"
       "READ MORE: Council votes to close the old pool\n"
       "The service will run every half hour between midnight and five in the morning.\n"
       "Edited by Sam Lee\n"
       "Privacy Policy\n",
       "chrome title metadata body boilerplate(read-more) body metadata chrome"},
      {"names and a bare date under the title",
       "Museum reopens after two-year restoration\n"
       "Jane Roe and John Doe\n"
       "June 08, 2022\n"
       "The town museum reopened on Saturday after a restoration that took two years and cost four million.\n"
       "Visitors queued around the square before the doors opened at ten.\n",
       "title metadata metadata body body"},
      {"chinese wechat article",
       "乡村学校迎来新校车 家长们放心了\n"
       "点击上方蓝字关注我们\n"
       "作者：孙八\n"
       "时间：2022年9月29日\n"
       "本学期开始，县教育局为十所乡村学校配备了新校车，解决了学生上学路远的问题。\n"
       "家长们对此普遍表示欢迎，认为孩子上学更安全了。\n"
       "本文来源：江城日报\n"
       "编辑：周九\n"
       "长按识别二维码关注\n"
       "- END -\n",
       "title boilerplate(follow-prompt) metadata metadata body body metadata metadata "
       "boilerplate(follow-prompt) boilerplate(end-marker)"},
      {"chinese wire article",
       "全国秋粮收购工作有序展开\n"
       "2022-09-23 10:23 来源：新华社\n"
       "新华社北京9月23日电（记者 王五）记者从国家粮食部门获悉，今年秋粮收购工作已在各主产区有序展开。\n"
       "各地收购进度总体平稳，价格保持基本稳定。\n"
       "（完）\n"
       "【责任编辑：赵六】\n"
       "分享到：微信 微博\n",
       "title metadata body body boilerplate(end-marker) metadata boilerplate(share)"},
      {"chinese names under the title",
       "老城区改造项目正式启动\n"
       "张三 李四\n"
       "昨日上午，老城区改造项目在东门街道正式启动，预计明年底完成全部工程，涉及居民一千二百余户。\n",
       "title metadata body"},
      {"two articles around an end marker",
       "County opens two new cooperatives for growers\n"
       "Author:Office of Rural Affairs Time:2021.11.03\n"
       "Two farming cooperatives opened in the county this week, bringing the total to eleven.\n"
       "Source: Editors of the County Farm Bureau: Chen Wei, Liu Fang\n"
       "- END -\n"
       "Weather office lifts frost warning for the valley\n"
       "The weather office lifted its frost warning for the valley at 06:12:40 on November 04, 2021.\n",
       "title metadata body metadata boilerplate(end-marker) / title body"},
      {"widget labels and a contents list repeated on the page",
       "Library extends its opening hours\n"
       "By Jane Roe\n"
       "Longer evenings\n"
       "Photo gallery\n"
       "The city library will stay open until nine in the evening on weekdays from next month, the council said.\n"
       "Longer evenings\n"
       "Staff from the reading rooms will cover the later shifts, and the cafe will close at eight as before.\n"
       "Photo gallery\n"
       "The council expects the change to cost little, as the building is heated in the evening anyway.\n",
       // The one copy of a heading that stands over a paragraph is the heading, the other is the
       // table of contents; a label over several paragraphs is a widget's.
       "title metadata boilerplate(repeated-on-page) boilerplate(repeated-on-page) body body body "
       "boilerplate(repeated-on-page) body"},
      {"a photo caption shown three times",
       "Harbour dredging to start next spring\n"
       "A dredger waits at the mouth of the harbour on Monday, before the work on the inner channel begins next spring.\n"
       "The port authority said on Monday that dredging of the inner harbour will begin in April next year.\n"
       "A dredger waits at the mouth of the harbour on Monday, before the work on the inner channel begins next spring.\n"
       "Fishing boats will be moved to the eastern quay while the work is under way, officials said.\n"
       "A dredger waits at the mouth of the harbour on Monday, before the work on the inner channel begins next spring.\n"
       "The council has set aside money to repair the sea wall at the same time.\n",
       "title boilerplate(repeated-on-page) body boilerplate(repeated-on-page) body boilerplate(repeated-on-page) body"},
      {"a long line shown twice stays (a teaser's lead and its story)",
       "Harbour dredging to start next spring\n"
       "The port authority said on Monday that dredging of the inner harbour will begin in April next year, officials said.\n"
       "Fishing boats will be moved to the eastern quay while the work is under way, officials said on Monday.\n"
       "The port authority said on Monday that dredging of the inner harbour will begin in April next year, officials said.\n",
       "title body body body"},
      {"related headlines after the story",
       "Ferry timetable changes from Monday\n"
       "The island ferry will leave the harbour twenty minutes earlier from Monday, the operator said on Friday.\n"
       "Passengers with season tickets do not need to do anything, a spokesman added.\n"
       "Most read\n"
       "New cycle lane opens on the seafront road\n"
       "March 3, 2023\n"
       "Council approves budget for school repairs\n"
       "March 2, 2023\n"
       "Weekend weather: sunny spells and light winds\n"
       "March 1, 2023\n",
       "title body body boilerplate(navigation) boilerplate(trailing-list) metadata "
       "boilerplate(trailing-list) metadata boilerplate(trailing-list) metadata"},
      {"a list the story introduces is kept",
       "Five ways to cut your heating bill\n"
       "Energy advisers say small changes to how a home is heated can save a family a good deal each winter.\n"
       "Further reading:\n"
       "Home energy guide\n"
       "March 3, 2023\n"
       "Insulation grants explained\n"
       "March 2, 2023\n"
       "Boiler servicing checklist\n"
       "March 1, 2023\n",
       "title body body body metadata body metadata body metadata"},
  };
  const Pipeline pipeline;
  for (const RolesCase& c : kCases) {
    SCOPED_TRACE(c.name);
    Page page;
    page.id = c.name;
    page.text = c.text;
    PageResult r = pipeline.Process(std::move(page));
    EXPECT_EQ(RenderRoles(r), c.roles);
    for (const Article& a : r.articles) {
      ASSERT_EQ(a.roles.size(), a.last_line - a.first_line + 1);
      ASSERT_EQ(a.rules.size(), a.roles.size());
      for (size_t k = 0; k < a.roles.size(); ++k) {
        // A rule is given exactly for boilerplate lines.
        EXPECT_EQ(a.rules[k].empty(), a.roles[k] != Role::kBoilerplate) << "line " << a.first_line + k + 1;
      }
    }
  }
}

// After the story, a long run of related-story items (kicker, headline, source, a one-line
// summary) where paragraphs are rare: removed as "sparse-tail". A list that is the story's own
// (long paragraphs between its items, or questions and answers) stays.
TEST(BoilerplateTest, SparseTailAfterTheStory) {
  std::string story = "Harbour dredging to start next spring\nBy Jane Roe\n";
  const char* kSentences[] = {
      "The port authority said on Monday that dredging of the inner harbour will begin in April next year.",
      "Fishing boats will be moved to the eastern quay while the work is under way, officials said on Monday.",
      "The work is expected to take four months and will allow larger cargo ships to reach the old docks.",
      "Residents of the harbour district have been told to expect some noise during the day but not at night.",
      "The council has set aside money to repair the sea wall at the same time, the authority added later.",
      "A public meeting about the plans will be held in the town hall on the first Thursday of next month.",
      "Local traders welcomed the news, saying that bigger ships would bring more visitors to the town centre.",
      "Environmental groups asked the authority to publish its study of the effects on the harbour seals.",
      "The authority said it would publish the study before the work begins and answer questions about it.",
  };
  for (const char* sentence : kSentences) story += std::string(sentence) + "\n";
  const size_t story_lines = 2 + std::size(kSentences);

  auto roles_after_story = [&](const std::string& tail) {
    Page page;
    page.id = "tail";
    page.text = story + tail;
    PageResult r = Pipeline().Process(std::move(page));
    std::string out;
    for (const Article& a : r.articles) {
      for (size_t k = 0; k < a.roles.size(); ++k) {
        if (a.first_line + k < story_lines) continue;
        out += a.roles[k] == Role::kBoilerplate ? a.rules[k] : std::string(RoleName(a.roles[k]));
        out += ' ';
      }
    }
    return out;
  };

  std::string related;
  const char* kItems[][4] = {
      {"CITY LIFE", "New Cycle Lane Opens On The Seafront Road", "eveningpost.example", "The lane runs for two miles along the front."},
      {"SCHOOLS", "Council Approves Budget For School Repairs", "countynews.example", "Six schools will get new roofs this summer."},
      {"WEATHER", "Sunny Spells And Light Winds For The Weekend", "weatherdesk.example", "Forecasters expect a dry start to the month."},
      {"SPORT", "Town Club Wins The County Cup After Extra Time", "sportsdaily.example", "A late goal settled a tense final on Saturday."},
  };
  for (const auto& item : kItems) {
    for (const char* line : item) related += std::string(line) + "\n";
  }
  const std::string removed = roles_after_story(related);
  EXPECT_EQ(removed.find("body"), std::string::npos) << removed;
  EXPECT_NE(removed.find("sparse-tail"), std::string::npos) << removed;

  // One long summary far down a long list does not save it.
  std::string longer = related;
  for (const auto& item : kItems) {
    for (const char* line : item) longer += std::string(line) + " (2)\n";
  }
  longer += std::string("MORE\nA Long Read About The Harbour\nharbourhistory.example\n") + kSentences[0] + " " +
            kSentences[1] + " " + kSentences[2] + " " + kSentences[3] + "\n";
  const std::string removed_longer = roles_after_story(longer);
  EXPECT_EQ(removed_longer.find("body"), std::string::npos) << removed_longer;

  // The story's own list: each item a heading and a long paragraph.
  std::string own;
  for (const auto& item : kItems) {
    own += std::string(item[1]) + "\n";
    own += std::string(item[3]) + " " + kSentences[0] + " " + kSentences[1] + " " + kSentences[2] + " " +
           kSentences[3] + "\n";
  }
  EXPECT_EQ(roles_after_story(own).find("sparse-tail"), std::string::npos);

  // Questions and answers end as sentences do.
  std::string quiz;
  for (const char* q : {"Favourite book?", "Favourite film?", "Favourite place?", "Favourite food?", "Favourite song?"}) {
    quiz += std::string("Q: ") + q + "\nA: The one my grandmother liked\n";
  }
  EXPECT_EQ(roles_after_story(quiz).find("sparse-tail"), std::string::npos);
}

TEST(BoilerplateTest, LooksLikeNames) {
  const struct {
    const char* line;
    bool names;
  } kCases[] = {
      {"Jane Roe", true},
      {"Jane Roe and John Doe", true},
      {"Jane Roe, John Doe and Mary Major", true},
      {"Jane Roe & John Doe", true},
      {"STEVE PEOPLES, AMY LI", true},
      {"Ludwig van Beethoven", true},
      {"Jane Roe | 3 hours ago", true},
      {"Jane Roe - June 3, 2024", true},
      {"张三 李四", true},
      {"张三、李四", true},
      {"欧阳小明", true},
      {"张三", true},
      {"The council met on Tuesday.", false},
      {"jane roe", false},
      {"Weather", false},
      {"Read more", false},
      {"2022-09-29 10:23", false},
      {"中华人民共和国国务院新闻办公室", false},
      {"今年以来，全市新增绿道一百公里。", false},
      {"2022年9月29日", false},
      {"", false},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.line);
    EXPECT_EQ(LooksLikeNames(c.line), c.names);
  }
}

TEST(BoilerplateTest, RuleNameOfARemovedLine) {
  const RuleMatcher matcher(Rules::Builtin());
  const BoilerplateStage stage(matcher);
  const int end_marker = matcher.Boilerplate("- END -");
  const int breadcrumb = matcher.Chrome("Home > News");
  ASSERT_GE(end_marker, 0);
  ASSERT_GE(breadcrumb, 0);
  const struct {
    int boilerplate_rule, chrome_rule;
    const char* name;
  } kCases[] = {
      {end_marker, -1, "end-marker"},
      {end_marker, breadcrumb, "end-marker"},  // the boilerplate rule comes first
      {-1, breadcrumb, "breadcrumb"},
      {-1, -1, ""},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.name);
    LineFeatures f;
    f.boilerplate_rule = c.boilerplate_rule;
    f.chrome_rule = c.chrome_rule;
    EXPECT_EQ(stage.RuleName(f), c.name);
  }
}

}  // namespace
}  // namespace newsclip
