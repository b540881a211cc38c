// Tests of the metadata stage (metadata.h): title, authors, published, source, editors and
// truncated of articles on small English and Chinese pages run through the Pipeline, for the
// conventions of DESIGN.md sections 4 and 5 (bylines on the title line, labelled credits,
// datelines, copyright lines, the machine-translated "Source: Editors of X: A, B, C" line).
// Also SplitNames and DetectLang.
#include "newsclip/metadata.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "newsclip/pipeline.h"

namespace newsclip {
namespace {

using Names = std::vector<std::string>;

struct MetaCase {
  const char* name;
  const char* text;
  const char* crawl_date;  // nullptr: none
  size_t article;          // which article of the page is checked
  const char* title;       // nullptr: null
  Names authors;
  const char* published;   // ISO, nullptr: null
  const char* source;      // nullptr: null
  Names editors;
  bool truncated;
};

std::optional<std::string> Opt(const char* s) { return s ? std::optional<std::string>(s) : std::nullopt; }

void CheckMeta(const MetaCase* begin, const MetaCase* end) {
  const Pipeline pipeline;
  for (const MetaCase* c = begin; c != end; ++c) {
    SCOPED_TRACE(c->name);
    Page page;
    page.id = c->name;
    page.text = c->text;
    if (c->crawl_date) page.crawl_date = ParseIsoDate(c->crawl_date);
    PageResult r = pipeline.Process(std::move(page));
    ASSERT_GT(r.articles.size(), c->article);
    const Metadata& m = r.articles[c->article].meta;
    EXPECT_EQ(m.title, Opt(c->title));
    EXPECT_EQ(m.authors, c->authors);
    EXPECT_EQ(m.published ? std::optional<std::string>(m.published->ToIso()) : std::nullopt, Opt(c->published));
    EXPECT_EQ(m.source, Opt(c->source));
    EXPECT_EQ(m.editors, c->editors);
    EXPECT_EQ(m.truncated, c->truncated);
  }
}

// A body that makes a page an article and gives no field of its own.
#define BODY_EN                                                                                    \
  "The town council approved on Tuesday a plan that gives schools ten percent more money next year.\n" \
  "Teachers welcomed the decision.\n"
#define BODY_ZH                                                          \
  "今年以来，全市新建和改造绿道一百公里，串联起二十多个公园和广场，市民出行更加方便。\n" \
  "市园林局表示，明年还将继续推进绿道建设。\n"

const MetaCase kEnglish[] = {
    {"byline on the title line", "Council approves new budget for schools | By Jane Roe\n" BODY_EN, nullptr, 0,
     "Council approves new budget for schools", {"Jane Roe"}, nullptr, nullptr, {}, false},
    {"three authors", "Council approves new budget for schools\nBy Jane Roe, John Doe and Mary Major\n" BODY_EN,
     nullptr, 0, "Council approves new budget for schools", {"Jane Roe", "John Doe", "Mary Major"}, nullptr, nullptr,
     {}, false},
    {"labelled author and time",
     "County opens two new cooperatives for growers\nAuthor:Jane Roe Time:2021.11.03\n" BODY_EN, nullptr, 0,
     "County opens two new cooperatives for growers", {"Jane Roe"}, "2021-11-03", nullptr, {}, false},
    {"published with minutes",
     "Harbour dredging to start next spring\nBy Jane Roe\nPublished: 14 March 2023, 09:12\n" BODY_EN, nullptr, 0,
     "Harbour dredging to start next spring", {"Jane Roe"}, "2023-03-14T09:12", nullptr, {}, false},
    {"posted on date by name",
     "Harbour dredging to start next spring\nPosted on June 3, 2024 by Jane Roe\n" BODY_EN, nullptr, 0,
     "Harbour dredging to start next spring", {"Jane Roe"}, "2024-06-03", nullptr, {}, false},
    {"year-only published", "Harbour dredging to start next spring\nPublished: 2019\n" BODY_EN, nullptr, 0,
     "Harbour dredging to start next spring", {}, "2019", nullptr, {}, false},
    {"month published", "Harbour dredging to start next spring\nPublished: March 2021\n" BODY_EN, nullptr, 0,
     "Harbour dredging to start next spring", {}, "2021-03", nullptr, {}, false},
    {"source and editor labels",
     "Water supply restored in the north\nSource: Ministry of Water Resources\n" BODY_EN "Editor: Sam Lee\n",
     nullptr, 0, "Water supply restored in the north", {}, nullptr, "Ministry of Water Resources", {"Sam Lee"},
     false},
    {"edited by", "Water supply restored in the north\nBy Jane Roe\n" BODY_EN "Edited by Sam Lee\n", nullptr, 0,
     "Water supply restored in the north", {"Jane Roe"}, nullptr, nullptr, {"Sam Lee"}, false},
    {"reuters dateline with yearless date",
     "Shipping firms warn of higher freight costs\n"
     "LONDON, March 3 (Reuters) - Several large shipping firms warned on Friday that freight costs would rise.\n"
     "Fuel prices were the main reason given.\n",
     "2023-03-05", 0, "Shipping firms warn of higher freight costs", {}, "2023-03-03", "Reuters", {}, false},
    {"outlet on date dateline, truncated",
     "Main Street will be repaved this summer\n"
     "The Fenwick Courier on July 19. The county will repave Main Street from the bridge to the station, cre...\n",
     "2023-08-01", 0, "Main Street will be repaved this summer", {}, "2023-07-19", "Fenwick Courier", {}, true},
    {"copyright line gives the source, not the date",
     "Harbour dredging to start next spring\nBy Jane Roe\n" BODY_EN "© 2023 The Herald\n", nullptr, 0,
     "Harbour dredging to start next spring", {"Jane Roe"}, nullptr, "The Herald", {}, false},
    {"copyright line with all rights reserved",
     "Harbour dredging to start next spring\nBy Jane Roe\n" BODY_EN "© 2024 The Herald. All rights reserved.\n",
     nullptr, 0, "Harbour dredging to start next spring", {"Jane Roe"}, nullptr, "The Herald", {}, false},
    {"agency dateline with a language tag",
     "Harbour dredging to start next spring\n"
     "(Harbour Wire (EN)) - The port authority said on Monday that dredging of the inner harbour will begin in April.\n"
     "Fishing boats will be moved to the eastern quay while the work is under way, officials said.\n",
     nullptr, 0, "Harbour dredging to start next spring", {}, nullptr, "Harbour Wire (EN)", {}, false},
    {"a site's domain as the dateline",
     "Harbour dredging to start next spring\n"
     "harbourpost.com — The port authority said on Monday that dredging of the inner harbour will begin in April.\n"
     "Fishing boats will be moved to the eastern quay while the work is under way, officials said.\n",
     nullptr, 0, "Harbour dredging to start next spring", {}, nullptr, "harbourpost.com", {}, false},
    {"a city dateline is no source",
     "Harbour dredging to start next spring\n"
     "PORTSMOUTH — The port authority said on Monday that dredging of the inner harbour will begin in April.\n"
     "Fishing boats will be moved to the eastern quay while the work is under way, officials said.\n",
     nullptr, 0, "Harbour dredging to start next spring", {}, nullptr, nullptr, {}, false},
    {"an outlet beside the date in the head",
     "老城区改造项目正式启动\n2020年11月26日 08:04　江城新闻网\n" BODY_ZH, nullptr, 0, "老城区改造项目正式启动",
     {}, "2020-11-26T08:04", "江城新闻网", {}, false},
    {"this paper beside the date is no source",
     "老城区改造项目正式启动\n2020年11月26日 08:04　本报\n" BODY_ZH, nullptr, 0, "老城区改造项目正式启动",
     {}, "2020-11-26T08:04", nullptr, {}, false},
    {"menu words under the headline are no names",
     "老城区改造项目正式启动\n真相\n时政\n人物\n专栏\n"
     "昨日上午，老城区改造项目在东门街道正式启动，预计明年底完成全部工程，涉及居民一千二百余户。\n"
     "项目负责人介绍，改造将分三期进行，首期工程包括道路拓宽和管网更新，预计今年十月完工。\n",
     nullptr, 0, "老城区改造项目正式启动", {}, nullptr, nullptr, {}, false},
    {"a copyright line that names no holder",
     "老城区改造项目正式启动\n作者：张三\n" BODY_ZH "Copyright © 版权所有\n", nullptr, 0, "老城区改造项目正式启动",
     {"张三"}, nullptr, nullptr, {}, false},
    {"machine-translated source and editors line",
     "County opens two new cooperatives for growers!\n"
     "Author:Jane Roe Time:2021.11.03\n" BODY_EN
     "Source: Editors of the Riverside County Bureau of Agriculture: Chen Wei, Liu Fang, Zhao Min\n"
     "- END -\n",
     nullptr, 0, "County opens two new cooperatives for growers!", {"Jane Roe"}, "2021-11-03",
     "Riverside County Bureau of Agriculture", {"Chen Wei", "Liu Fang", "Zhao Min"}, false},
    {"relative date in a pipe byline",
     "Harbour dredging to start next spring\nJane Roe | 3 hours ago\n" BODY_EN, "2023-07-21", 0,
     "Harbour dredging to start next spring", {"Jane Roe"}, "2023-07-21", nullptr, {}, false},
    {"yesterday with the crawl date",
     "Harbour dredging to start next spring\nBy Jane Roe\nyesterday\n" BODY_EN, "2024-03-01", 0,
     "Harbour dredging to start next spring", {"Jane Roe"}, "2024-02-29", nullptr, {}, false},
    {"zone stated",
     "Harbour dredging to start next spring\nBy Jane Roe\nJune 3, 2023 4:15 PM EDT\n" BODY_EN, nullptr, 0,
     "Harbour dredging to start next spring", {"Jane Roe"}, "2023-06-03T16:15-04:00", nullptr, {}, false},
    {"teaser cut with an ellipsis",
     "Rail line to the coast will close for repairs\n"
     "The rail line between the city and the coast will close for three weeks in August while engineers re…\n",
     nullptr, 0, "Rail line to the coast will close for repairs", {}, nullptr, nullptr, {}, true},
    {"untitled article", "Title line of the first story here\nBy Jane Roe\n" BODY_EN "- END -\n"
     "The water company said on Thursday that supplies in the northern districts would be restored by the weekend.\n"
     "Engineers are still repairing the burst main under the ring road.\n",
     nullptr, 1, nullptr, {}, nullptr, nullptr, {}, false},
};

TEST(MetadataTest, English) { CheckMeta(std::begin(kEnglish), std::end(kEnglish)); }

const MetaCase kChinese[] = {
    {"byline on the title line", "老城区改造项目正式启动 本报记者 张三\n" BODY_ZH, nullptr, 0, "老城区改造项目正式启动",
     {"张三"}, nullptr, nullptr, {}, false},
    {"two authors with a full-width label", "全市新增绿道一百公里\n作者：张三 李四\n" BODY_ZH, nullptr, 0,
     "全市新增绿道一百公里", {"张三", "李四"}, nullptr, nullptr, {}, false},
    {"reporter and correspondent", "全市新增绿道一百公里\n记者 张三 通讯员 李四\n" BODY_ZH, nullptr, 0,
     "全市新增绿道一百公里", {"张三", "李四"}, nullptr, nullptr, {}, false},
    {"author and time labels", "全市新增绿道一百公里\n作者：张三　时间：2022年9月29日\n" BODY_ZH, nullptr, 0,
     "全市新增绿道一百公里", {"张三"}, "2022-09-29", nullptr, {}, false},
    {"source label and responsible editor",
     "全市新增绿道一百公里\n来源：江城日报\n" BODY_ZH "责任编辑：赵六\n", nullptr, 0, "全市新增绿道一百公里", {},
     nullptr, "江城日报", {"赵六"}, false},
    {"date and source on one line",
     "全市新增绿道一百公里\n发布时间：2022年09月29日 10:23:45　来源：江城日报\n" BODY_ZH, nullptr, 0,
     "全市新增绿道一百公里", {}, "2022-09-29T10:23:45", "江城日报", {}, false},
    {"tail source and editors",
     "全市新增绿道一百公里\n" BODY_ZH "来源：江城日报 编辑：王五、赵六\n- END -\n", nullptr, 0, "全市新增绿道一百公里",
     {}, nullptr, "江城日报", {"王五", "赵六"}, false},
    {"xinhua dateline gives source, date and reporter",
     "全国秋粮收购工作有序展开\n"
     "新华社北京9月23日电（记者 王五）记者从国家粮食部门获悉，今年秋粮收购工作已在各主产区有序展开。\n"
     "各地收购进度总体平稳，价格保持基本稳定。\n",
     "2022-10-01", 0, "全国秋粮收购工作有序展开", {"王五"}, "2022-09-23", "新华社", {}, false},
    {"relative date with time", "全市新增绿道一百公里\n前天 20:04 来源：江城日报\n" BODY_ZH, "2022-09-29", 0,
     "全市新增绿道一百公里", {}, "2022-09-27T20:04", "江城日报", {}, false},
    {"copyright sentence gives the source",
     "全市新增绿道一百公里\n" BODY_ZH "（本文系江城日报原创稿件，转载请注明出处）\n", nullptr, 0,
     "全市新增绿道一百公里", {}, nullptr, "江城日报", {}, false},
    {"teaser cut with an ellipsis",
     "城区三条道路下周起封闭施工\n"
     "为完善城市路网，下周一起，城区三条道路将分段封闭施工，请市民提前规划出行路线，施工期间……\n",
     nullptr, 0, "城区三条道路下周起封闭施工", {}, nullptr, nullptr, {}, true},
};

TEST(MetadataTest, Chinese) { CheckMeta(std::begin(kChinese), std::end(kChinese)); }

// Bug: an organisation credited as author ("Author:Office of X") becomes the source and hides the
// "Source: Editors of Y: ..." line, which DESIGN.md section 4 says yields the source (corpus en-02).
TEST(MetadataTest, OrganisationAuthorDoesNotHideSourceLine) {
  const MetaCase kCases[] = {
      {"organisation author and machine-translated source line",
       "County opens two new cooperatives for growers!\n"
       "Author:Office of Rural Affairs Time:2021.11.03\n" BODY_EN
       "Source: Editors of the Riverside County Bureau of Agriculture: Chen Wei, Liu Fang, Zhao Min\n"
       "- END -\n",
       nullptr, 0, "County opens two new cooperatives for growers!", {"Office of Rural Affairs"}, "2021-11-03",
       "Riverside County Bureau of Agriculture", {"Chen Wei", "Liu Fang", "Zhao Min"}, false},
  };
  CheckMeta(std::begin(kCases), std::end(kCases));
}

// Bug: a byline after a full-width bar on the title line, "标题｜文/X", stays in the title and
// gives no author (corpus/README.zh.md, zh-17).
TEST(MetadataTest, SlashBylineAfterFullWidthBarOnTitleLine) {
  const MetaCase kCases[] = {
      {"byline with slash on the title line", "老城区改造项目正式启动｜文/李四\n" BODY_ZH, nullptr, 0,
       "老城区改造项目正式启动", {"李四"}, nullptr, nullptr, {}, false},
  };
  CheckMeta(std::begin(kCases), std::end(kCases));
}

// Bug: "Reporting by A in X and B in Y" keeps the places in the names ("Jane Roe in London";
// corpus en-06 gives the names only).
TEST(MetadataTest, ReportingByDropsPlaces) {
  const MetaCase kCases[] = {
      {"reporting by with places",
       "Port strike ends after two weeks\n" BODY_EN
       "Reporting by Jane Roe in London and John Doe in Hull; Editing by Mary Major\n",
       nullptr, 0, "Port strike ends after two weeks", {"Jane Roe", "John Doe"}, nullptr, nullptr, {"Mary Major"},
       false},
  };
  CheckMeta(std::begin(kCases), std::end(kCases));
}

// Bug: a caps byline "BY JANE ROE AND JOHN DOE" gives one name "Jane Roe And John Doe": the
// "AND" is not split (corpus en-15; "By Jane Roe and John Doe" splits fine).
TEST(MetadataTest, CapsBylineSplitsAtAnd) {
  const MetaCase kCases[] = {
      {"caps byline", "Port strike ends after two weeks\nBY JANE ROE AND JOHN DOE\n" BODY_EN, nullptr, 0,
       "Port strike ends after two weeks", {"Jane Roe", "John Doe"}, nullptr, nullptr, {}, false},
  };
  CheckMeta(std::begin(kCases), std::end(kCases));
}

// Bug: in a "北京时间2022年9月29日 22:45" line under the title, "北京时间" is taken as an author's name.
TEST(MetadataTest, BeijingTimeIsNotAName) {
  const MetaCase kCases[] = {
      {"beijing time", "全市新增绿道一百公里\n北京时间2022年9月29日 22:45\n" BODY_ZH, nullptr, 0,
       "全市新增绿道一百公里", {}, "2022-09-29T22:45+08:00", nullptr, {}, false},
  };
  CheckMeta(std::begin(kCases), std::end(kCases));
}

// Bylines as rendered pages give them: each part of "Name · Outlet · date" is read on its own; a
// name line under a standfirst is still the head's; a tail credit does not add to the head's byline.
TEST(MetadataTest, RenderedBylines) {
  const MetaCase kCases[] = {
      {"name, outlet and date parts",
       "Harbour dredging to start next spring\nJane Roe · Fenwick News · Posted: June 3, 2023\n" BODY_EN,
       nullptr, 0, "Harbour dredging to start next spring", {"Jane Roe"}, "2023-06-03", "Fenwick News", {},
       false},
      {"name and relative date with a word glued to the bar",
       "Harbour dredging to start next spring\nJane Roe|Published 3 hours ago\n" BODY_EN, "2023-07-21", 0,
       "Harbour dredging to start next spring", {"Jane Roe"}, "2023-07-21", nullptr, {}, false},
      {"name line under a section name",
       "Harbour dredging to start next spring\nPorts\nJane Roe\nJune 3, 2023\n" BODY_EN,
       nullptr, 0, "Harbour dredging to start next spring", {"Jane Roe"}, "2023-06-03", nullptr, {}, false},
      {"tail credit repeats the byline",
       "Port strike ends after two weeks\nBy Jane Roe\n" BODY_EN
       "Reporting by Jane Roe in London and John Doe in Hull; Editing by Mary Major\n",
       nullptr, 0, "Port strike ends after two weeks", {"Jane Roe"}, nullptr, nullptr, {"Mary Major"}, false},
  };
  CheckMeta(std::begin(kCases), std::end(kCases));
}

// Credits the roles did not mark, found when the article's metadata lines name no author: "By"
// above a line of names deep in the article, "date by Name", a name line split off above the
// article, a reporter credit under the last paragraph; never the next or previous article's byline.
TEST(MetadataTest, CreditsOutsideTheMetadataLines) {
  const MetaCase kCases[] = {
      {"bare by above the names, after the standfirst and a caption",
       "Harbour dredging to start next spring\n" BODY_EN
       "The dredger arriving in the harbour on Monday morning, seen from the old pier at low tide.\n"
       "Work on the channel will take three months and cost more than the port authority had planned.\n"
       "By\nJane Roe and John Doe\n"
       "The port authority said the work would start in March and end before the summer season.\n",
       nullptr, 0, "Harbour dredging to start next spring", {"Jane Roe", "John Doe"}, nullptr, nullptr, {},
       false},
      {"date by name with a comment count",
       "Harbour dredging to start next spring\nJune 3, 2023 by Jane Roe 5 Comments\n" BODY_EN, nullptr, 0,
       "Harbour dredging to start next spring", {"Jane Roe"}, "2023-06-03", nullptr, {}, false},
      {"name line cut off above the article",
       "Harbour dredging to start next spring\n"
       "Work on the channel will take three months, the port authority said.\n"
       "Jane Roe\nJune 3, 2023\n" BODY_EN,
       nullptr, 1, nullptr, {"Jane Roe"}, "2023-06-03", nullptr, {}, false},
      {"reporter credit under the last paragraph",
       "全市新增绿道一百公里\n" BODY_ZH "江城日报记者 张三\n责任编辑：赵六\n", nullptr, 0, "全市新增绿道一百公里",
       {"张三"}, nullptr, nullptr, {"赵六"}, false},
      {"reporter credit in parentheses ending the last paragraph",
       "全市新增绿道一百公里\n" BODY_ZH "市民说，绿道让周末出行更方便了。（记者 张三 李四）\n", nullptr, 0,
       "全市新增绿道一百公里", {"张三", "李四"}, nullptr, nullptr, {}, false},
      {"reporter credit with the place it reports from",
       "全市新增绿道一百公里\n" BODY_ZH "市民说，绿道让周末出行更方便了。（本报记者 王五 江城报道）\n", nullptr, 0,
       "全市新增绿道一百公里", {"王五"}, nullptr, nullptr, {}, false},
      {"reporter of a named outlet",
       "全市新增绿道一百公里\n" BODY_ZH "市民说，绿道让周末出行更方便了。（江城台记者 赵六）\n", nullptr, 0,
       "全市新增绿道一百公里", {"赵六"}, nullptr, nullptr, {}, false},
      {"the outlet before the reporter's title is no name",
       "全市新增绿道一百公里\n" BODY_ZH "市民说，绿道让周末出行更方便了，今年还将再建五十公里，连通城郊的山林和湖泊。（总台记者 赵六）\n",
       nullptr, 0,
       "全市新增绿道一百公里", {"赵六"}, nullptr, nullptr, {}, false},
      {"a parenthesised credit above the article's credits and the page footer",
       "全市新增绿道一百公里\n" BODY_ZH "市民说，绿道让周末出行更方便了，今年还将再建五十公里，连通城郊的山林和湖泊。（记者 张三）\n"
       "编辑：赵六\n审核：孙七\n监制：周八\n"
       "江城市互联网违法和不良信息举报电话：0000-12345678；举报邮箱： jubao@example.cn\n"
       "互联网新闻信息服务许可证编号：12345678901\n",
       nullptr, 0, "全市新增绿道一百公里", {"张三"}, nullptr, nullptr, {"赵六", "孙七", "周八"}, false},
      {"outlet, reporter and place, after a quotation",
       "全市新增绿道一百公里\n" BODY_ZH "市民说：“绿道让周末出行更方便了。”（江城日报 孙七 江城报道）\n", nullptr, 0,
       "全市新增绿道一百公里", {"孙七"}, nullptr, nullptr, {}, false},
      {"site, date and a bracketed name before a source label",
       "全市新增绿道一百公里\nNEWS.EXAMPLE.COM　2004年7月16日08:19 [ 赵六 ] 来源：[ 江城日报 ]\n" BODY_ZH, nullptr, 0,
       "全市新增绿道一百公里", {"赵六"}, "2004-07-16T08:19", "江城日报", {}, false},
      {"a photo note in parentheses is no credit",
       "全市新增绿道一百公里\n" BODY_ZH "市民说，绿道让周末出行更方便了。（图为新建的绿道）\n", nullptr, 0,
       "全市新增绿道一百公里", {}, nullptr, nullptr, {}, false},
      {"a teaser does not take the next article's byline",
       "Rail line to the coast will close for repairs\n"
       "The rail line between the city and the coast will close for three weeks in August while engineers re…\n"
       "Read more\n"
       "Harbour dredging to start next spring\nBy Jane Roe\n" BODY_EN,
       nullptr, 0, "Rail line to the coast will close for repairs", {}, nullptr, nullptr, {}, true},
  };
  CheckMeta(std::begin(kCases), std::end(kCases));
}

// A byline of two people with their posts that goes on to a second line with "&"; a blogger's
// one name in a "By NAME on DATE" byline that runs on into the text after a bar; a name line and
// a date line with a button between them.
TEST(MetadataTest, BylinesOfOddShape) {
  const MetaCase kCases[] = {
      {"second author on the next line after &",
       "Council approves new budget for schools | Civic Daily\nSkip navigation\n"
       "Council approves new budget for schools\nJane Roe, Staff Attorney, Civil Rights Program\n"
       "& John Doe, Director of Education, Some Foundation\nJune 3, 2023 | 11:15 PM\n" BODY_EN,
       nullptr, 0, "Council approves new budget for schools", {"Jane Roe", "John Doe"}, "2023-06-03T23:15", nullptr, {},
       false},
      {"one name on a date, run into the text",
       "Harbour dredging to start next spring\nBy Maya on 31. October, 2023 | 18 Comments. This post may "
       "contain affiliate links. As an associate I earn from qualifying purchases.\n" BODY_EN,
       nullptr, 0, "Harbour dredging to start next spring", {"Maya"}, "2023-10-31", nullptr, {}, false},
      {"a follow button between the name and the date line",
       "Harbour dredging to start next spring\n"
       "The port authority will deepen the channel so that larger ships can reach the docks, officials say.\n"
       "Jane Roe\n+ FOLLOW\nPublished: 10:00am, 20 Jan, 2020\n" BODY_EN,
       nullptr, 1, nullptr, {"Jane Roe"}, "2020-01-20T10:00", nullptr, {}, false},
      {"a site account is no name",
       "Harbour dredging to start next spring\nBy Admin on 31. October, 2023 | 18 Comments. This post may "
       "contain affiliate links. As an associate I earn from qualifying purchases.\n" BODY_EN,
       nullptr, 0, "Harbour dredging to start next spring", {}, "2023-10-31", nullptr, {}, false},
  };
  CheckMeta(std::begin(kCases), std::end(kCases));
}

// A section name that the breadcrumb path above the headline also gives is not the author, though
// it stands like one (a short Han line under the headline, above the date line).
TEST(MetadataTest, BreadcrumbSectionIsNotAName) {
  const MetaCase kCases[] = {
      {"section under the headline",
       "专栏/散文/随笔连载/夏夜的萤火虫\n夏夜的萤火虫\n随笔连载\n2022-02-14 03:01\n" BODY_ZH, nullptr, 0,
       "夏夜的萤火虫", {}, "2022-02-14T03:01", nullptr, {}, false},
  };
  CheckMeta(std::begin(kCases), std::end(kCases));
}

// A Chinese name alone on its line under a headline, just above where the article was cut, is its
// author (weak evidence: only when nothing else names anyone); under a paragraph it is not.
TEST(MetadataTest, BareHanNameUnderAHeadlineAboveTheArticle) {
  const Pipeline pipeline;
  const Normalizer normalizer;
  const DateParser dates;
  const MetadataExtractor metadata(pipeline.matcher(), normalizer, dates);
  for (const bool headline : {true, false}) {
    SCOPED_TRACE(headline ? "under a headline" : "under a paragraph");
    const std::string text =
        std::string(headline ? "我是怎样走上写作之路"
                             : "那一年春天，我在湖南开一个全省教学研究会议，会议安排了一天时间去游玩，大家都很高兴。") +
        "\n茉莉\n"
        "一九八九年四月，我在湖南开一个全省教学研究会议。按照惯例，会议安排了一天时间去风景点游玩。\n"
        "那一天正好是四月十五日，后来我们才知道，这是在历史上刻下深深痕迹的一天。\n";
    std::vector<Line> lines;
    pipeline.splitter().Split(text, std::nullopt, &lines);
    ASSERT_EQ(lines.size(), 4u);
    Article a;
    a.first_line = 2;
    a.last_line = 3;
    a.roles = {Role::kBody, Role::kBody};
    a.rules = {"", ""};
    metadata.Extract(text, lines, {}, &a);
    EXPECT_EQ(a.meta.authors, headline ? Names{"茉莉"} : Names{});
  }
}

// Names are checked for a person's shape: a job title ends a byline's names, a trailing full stop
// goes, menu words are no names, and an author's note names the author when nothing else does.
// A yearless date in the head ("... on 31 January", an event's headline) gives way to a later date
// line that states its year; a stated year is not replaced by a later yearless date.
TEST(MetadataTest, DateWithAYearWinsOverAYearlessOne) {
  const Pipeline pipeline;
  auto published = [&](const std::string& text) {
    Page page;
    page.id = "y.txt";
    page.text = text;
    PageResult r = pipeline.Process(std::move(page));
    if (r.articles.empty() || !r.articles[0].meta.published) return std::string("null");
    return r.articles[0].meta.published->ToIso();
  };
  EXPECT_EQ(published("Town News\nBook fair on 31 January\n27.01.2020\n" BODY_EN), "2020-01-27");
  EXPECT_EQ(published("Town News\n27.01.2020\nBook fair on 31 January\n" BODY_EN), "2020-01-27");
}

// A date that opens a span of dates ("archive: 12/01/2004 - 01/01/2005") dates no article: the
// article's own date line below it does.
TEST(MetadataTest, DateRangeIsNoPublicationDate) {
  const Pipeline pipeline;
  const Normalizer normalizer;
  const DateParser dates;
  const MetadataExtractor metadata(pipeline.matcher(), normalizer, dates);
  const std::string text =
      "12/01/2004 - 01/01/2005\n"
      "3 May 2022 to 5 May 2022\n"
      "March 3, 2021 bis March 9, 2021\n"
      "June 3, 2024 - 10:15\n"
      "12/01/2004 - Jane Roe\n";
  std::vector<Line> lines;
  pipeline.splitter().Split(text, std::nullopt, &lines);
  ASSERT_EQ(lines.size(), 5u);
  auto iso = [](std::optional<Date> d) { return d ? d->ToIso() : std::string("null"); };
  EXPECT_EQ(iso(metadata.ShortLineDate(text, lines, 0, {})), "null");
  EXPECT_EQ(iso(metadata.ShortLineDate(text, lines, 1, {})), "null");
  EXPECT_EQ(iso(metadata.ShortLineDate(text, lines, 2, {})), "null");
  EXPECT_EQ(iso(metadata.ShortLineDate(text, lines, 3, {})), "2024-06-03T10:15");
  EXPECT_EQ(iso(metadata.ShortLineDate(text, lines, 4, {})), "2004-01-12");

  Page page;
  page.id = "range.txt";
  page.text =
      "Council approves school budget\n"
      "Archive\n"
      "12/01/2004 - 01/01/2005\n"
      "01/01/2005 - 02/01/2005\n"
      "2005-06-14 03:25:55\n" BODY_EN;
  PageResult r = pipeline.Process(std::move(page));
  ASSERT_FALSE(r.articles.empty());
  ASSERT_TRUE(r.articles[0].meta.published);
  EXPECT_EQ(r.articles[0].meta.published->ToIso(), "2005-06-14T03:25:55");
}

TEST(MetadataTest, PersonShapedNames) {
  const MetaCase kCases[] = {
      {"job title and affiliation after the name",
       "Harbour dredging to start next spring\nBy Jane Roe, Senior Staff Attorney, Coastal Rights Program\n" BODY_EN,
       nullptr, 0, "Harbour dredging to start next spring", {"Jane Roe"}, nullptr, nullptr, {}, false},
      {"byline ending a sentence", "Harbour dredging to start next spring\nBy Jane Roe.\n" BODY_EN, nullptr, 0,
       "Harbour dredging to start next spring", {"Jane Roe"}, nullptr, nullptr, {}, false},
      {"suffix keeps its full stop", "Harbour dredging to start next spring\nBy John Doe Jr.\n" BODY_EN, nullptr, 0,
       "Harbour dredging to start next spring", {"John Doe Jr."}, nullptr, nullptr, {}, false},
      {"name line above a job title, deep in the article",
       "Harbour dredging to start next spring\n" BODY_EN
       "The dredger arriving in the harbour on Monday morning, seen from the old pier at low tide.\n"
       "Work on the channel will take three months and cost more than the port authority had planned.\n"
       "Jane Roe\nPolitical Editor\n"
       "The port authority said the work would start in March and end before the summer season.\n",
       nullptr, 0, "Harbour dredging to start next spring", {"Jane Roe"}, nullptr, nullptr, {}, false},
      {"icon glyph beside a bracketed name",
       "全市新增绿道一百公里\n[ 张三 ]\xEE\x97\x82 来源：[ 江城日报 ]\xEE\x97\x82\n" BODY_ZH, nullptr, 0,
       "全市新增绿道一百公里", {"张三"}, nullptr, "江城日报", {}, false},
      {"author's note under the text",
       "Harbour dredging to start next spring\n" BODY_EN
       "Jane Roe is a senior reporter covering ports and shipping for the paper since 2015.\n",
       nullptr, 0, "Harbour dredging to start next spring", {"Jane Roe"}, nullptr, nullptr, {}, false},
  };
  CheckMeta(std::begin(kCases), std::end(kCases));
}

TEST(MetadataTest, LangOfArticles) {
  const struct {
    const char* text;
    const char* lang;
  } kCases[] = {
      {"Council approves new budget for schools\nBy Jane Roe\n" BODY_EN, "en"},
      {"全市新增绿道一百公里\n作者：张三\n" BODY_ZH, "zh"},
  };
  const Pipeline pipeline;
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.text);
    Page page;
    page.text = c.text;
    PageResult r = pipeline.Process(std::move(page));
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_EQ(r.articles[0].lang, c.lang);
  }
}

TEST(MetadataTest, SplitNames) {
  const struct {
    const char* value;
    Names names;
  } kCases[] = {
      {"Jane Roe", {"Jane Roe"}},
      {"Jane Roe, John Doe and Mary Major", {"Jane Roe", "John Doe", "Mary Major"}},
      {"Jane Roe & John Doe", {"Jane Roe", "John Doe"}},
      {"Wang Xuexue, Jiang Lan, Xu Shen", {"Wang Xuexue", "Jiang Lan", "Xu Shen"}},
      {"Jane Roe, Staff Writer", {"Jane Roe"}},
      {"Jane Roe (Reuters)", {"Jane Roe"}},
      {"Jane Roe and Jane Roe", {"Jane Roe"}},
      {"张三、李四", {"张三", "李四"}},
      {"张三，李四", {"张三", "李四"}},
      {"张三 李四 王五", {"张三", "李四", "王五"}},
      {"记者 张三 通讯员 李四", {"张三", "李四"}},
      {"本报记者 张三", {"张三"}},
      {"张三/摄", {"张三"}},
      {"", {}},
      {"2022-09-29", {}},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.value);
    EXPECT_EQ(MetadataExtractor::SplitNames(c.value), c.names);
  }
}

TEST(MetadataTest, DetectLang) {
  const struct {
    const char* text;
    const char* lang;
  } kCases[] = {
      {"The council met on Tuesday and approved the budget for the schools.", "en"},
      {"市政府召开防汛工作会议，部署今年汛期各项准备工作。", "zh"},
      {"来源：The Coastal Post 记者从市政府获悉，今年全市新增绿道一百公里。", "zh"},
      {"これは日本語のニュース記事です。", "ja"},
      {"시의회는 화요일에 예산을 승인했다.", "ko"},
      {"Городской совет утвердил бюджет во вторник.", "ru"},
      {"Der Stadtrat hat am Dienstag den Haushalt beschlossen.", "und"},
      {"12345 67890", "und"},
      {"", "und"},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(DetectLang(c.text), c.lang);
  }
}

#undef BODY_EN
#undef BODY_ZH

}  // namespace
}  // namespace newsclip
