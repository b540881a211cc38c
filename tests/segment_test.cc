// Tests of the segment stage (segment.h) on whole small pages, run through the Pipeline as a user
// would: where each article begins and ends, and which line is its title, for the conventions of
// DESIGN.md section 5 (titles with bylines or date lines, end markers, teasers cut with "...",
// chrome around articles, sub-headings that must not split an article, untitled articles, pages
// of chrome only), in English and Chinese. Expected ranges are 1-based, as in the output.
#include "newsclip/segment.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "newsclip/dates.h"
#include "newsclip/pipeline.h"

namespace newsclip {
namespace {

struct PageCase {
  const char* name;
  const char* text;
  const char* crawl_date;  // nullptr: none
  // Articles as "[first,last]tTITLE" (1-based, inclusive; no "t" when untitled), space-separated.
  const char* articles;
};

// Renders the articles of a result in the PageCase::articles notation.
std::string Render(const PageResult& r) {
  std::string out;
  for (const Article& a : r.articles) {
    if (!out.empty()) out += ' ';
    out += "[" + std::to_string(a.first_line + 1) + "," + std::to_string(a.last_line + 1) + "]";
    if (a.title_line) out += "t" + std::to_string(*a.title_line + 1);
  }
  return out;
}

PageResult Run(const Pipeline& pipeline, const PageCase& c) {
  Page page;
  page.id = c.name;
  page.text = c.text;
  if (c.crawl_date) page.crawl_date = ParseIsoDate(c.crawl_date);
  return pipeline.Process(std::move(page));
}

void CheckPages(const PageCase* begin, const PageCase* end) {
  const Pipeline pipeline;
  for (const PageCase* c = begin; c != end; ++c) {
    SCOPED_TRACE(c->name);
    EXPECT_EQ(Render(Run(pipeline, *c)), c->articles) << c->text;
  }
}

const PageCase kEnglishPages[] = {
    {"single article",
     "Harbour dredging to start next spring\n"
     "The port authority said on Monday that dredging of the inner harbour will begin in April and last six months.\n"
     "Fishing boats will be moved to the eastern quay while the work is under way, officials said.\n"
     "The project is paid for by a regional grant.\n",
     nullptr, "[1,4]t1"},
    {"title and byline",
     "Library opens new reading room for children\n"
     "By Jane Roe\n"
     "The town library opened a new reading room for children on Saturday, with two hundred donated books.\n"
     "Volunteers will read stories aloud every Wednesday afternoon.\n",
     nullptr, "[1,4]t1"},
    {"end marker between articles",
     "County opens two new cooperatives for growers\n"
     "Author:Office of Rural Affairs Time:2021.11.03\n"
     "Two farming cooperatives opened in the county this week, bringing the total to eleven.\n"
     "Members will share storage, machinery and a sales office in the market town.\n"
     "- END -\n"
     "Weather office lifts frost warning for the valley\n"
     "The weather office lifted its frost warning for the valley at 06:12:40 on November 04, 2021.\n",
     nullptr, "[1,5]t1 [6,7]t6"},
    {"date line above the next title",
     "Museum reopens after two-year restoration\n"
     "By Sam Lee\n"
     "The town museum reopened on Saturday after a restoration that took two years and cost four million.\n"
     "Visitors queued around the square before the doors opened at ten.\n"
     "14/10/2022\n"
     "Ferry timetable changes for the winter season\n"
     "By Ana Cruz\n"
     "The island ferry will run four times a day from November, down from six in the summer months.\n"
     "Tickets bought before the change remain valid.\n",
     nullptr, "[1,4]t1 [5,9]t6"},
    {"teaser cut with ...",
     "School board approves longer lunch break\n"
     "By Jane Roe\n"
     "The school board voted on Tuesday to extend the lunch break at all primary schools by fifteen minutes.\n"
     "Parents had asked for the change in a petition signed by four hundred families.\n"
     "Rail line to the coast will close for repairs\n"
     "The rail line between the city and the coast will close for three weeks in August while engineers re...\n",
     nullptr, "[1,4]t1 [5,6]t5"},
    {"chrome before and after",
     "News | Sport | Weather | Opinion | Contact\n"
     "Home > News > Local\n"
     "Night buses return to the northern suburbs\n"
     "By John Doe\n"
     "Night buses will return to the northern suburbs from Monday after a break of two years, the council said.\n"
     "The service will run every half hour between midnight and five in the morning.\n"
     "Privacy Policy\n"
     "Contact us\n"
     "Back to top\n",
     nullptr, "[3,6]t3"},
    {"sub-heading inside a body does not split",
     "River restoration project enters second phase\n"
     "By Mary Major\n"
     "Work on the river restoration project entered its second phase this week, with new wetlands planted along the southern bank.\n"
     "The river restoration has already brought otters back to the southern wetlands, according to volunteers who count them.\n"
     "Volunteers say the river now floods the wetlands less often, and the restoration team plans more planting.\n"
     "Work on the northern bank\n"
     "On the northern bank, the restoration team will plant wetlands next spring, and volunteers will help count otters on the river.\n"
     "The river project is paid for by the regional wetlands fund, which backed the restoration of the southern bank too.\n",
     nullptr, "[1,8]t1"},
    {"untitled body after an end marker",
     "Council approves new budget for schools\n"
     "By Jane Roe\n"
     "The town council approved on Tuesday a budget that gives schools ten percent more money next year.\n"
     "Teachers welcomed the decision.\n"
     "- END -\n"
     "The water company said on Thursday that supplies in the northern districts would be restored by the weekend.\n"
     "Engineers are still repairing the burst main under the ring road.\n",
     nullptr, "[1,5]t1 [6,7]"},
    {"untitled body at the page start",
     "The old bridge will stay closed until the end of the month while engineers inspect its supports.\n"
     "Drivers are advised to use the ring road instead, and buses will stop at the temporary halt.\n"
     "Farmers market moves to the station square\n"
     "By Ana Cruz\n"
     "The weekly farmers market will move to the station square from next Saturday, organisers said.\n",
     nullptr, "[1,2] [3,5]t3"},
    {"two articles without marker, second title over a byline",
     "Council approves new budget for schools\n"
     "By Jane Roe\n"
     "The town council approved on Tuesday a budget that gives schools ten percent more money next year.\n"
     "Teachers welcomed the decision, saying classes had been too large for years.\n"
     "Farmers market moves to the station square\n"
     "By Ana Cruz\n"
     "The weekly farmers market will move to the station square from next Saturday, organisers said.\n"
     "Stall holders will pay the same rent as before.\n",
     nullptr, "[1,4]t1 [5,8]t5"},
    {"title over a wire dateline",
     "Port strike ends after two weeks\n"
     "By Sam Lee\n"
     "Dock workers returned to work on Monday after the union accepted a new pay offer from the port operators.\n"
     "The strike had delayed hundreds of containers.\n"
     "Shipping firms warn of higher freight costs\n"
     "LONDON, March 3 (Reuters) - Several large shipping firms warned on Friday that freight costs would rise this spring.\n"
     "Fuel prices were the main reason given.\n",
     "2023-03-05", "[1,4]t1 [5,7]t5"},
    {"a credit line closes an article",
     "Port strike ends after two weeks\n"
     "By Sam Lee\n"
     "Dock workers returned to work on Monday after the union accepted a new pay offer from the port operators.\n"
     "The strike had delayed hundreds of containers.\n"
     "Edited by Mary Major\n"
     "Ferry timetable changes for the winter season\n"
     "The island ferry will run four times a day from November, down from six in the summer months.\n"
     "Tickets bought before the change remain valid for the whole winter season, the operator said.\n",
     nullptr, "[1,5]t1 [6,8]t6"},
    {"a most-read list of bare headlines is chrome",
     "Port strike ends after two weeks\n"
     "By Sam Lee\n"
     "Dock workers returned to work on Monday after the union accepted a new pay offer from the port operators.\n"
     "The strike had delayed hundreds of containers.\n"
     "Most read\n"
     "Council approves school budget\n"
     "Ferry timetable changes for winter\n"
     "Library extends weekend opening hours\n"
     "New cycle lane opens on the bridge\n",
     nullptr, "[1,4]t1"},
    {"digest of title + summary items",
     "Today's briefing\n"
     "Council approves school budget\n"
     "The town council approved a budget that gives schools ten percent more money next year.\n"
     "Ferry timetable changes for winter\n"
     "The island ferry will run four times a day from November, down from six in summer.\n"
     "Library extends weekend opening hours\n"
     "The central library will open on Sundays from next month, the council said.\n",
     nullptr, "[2,3]t2 [4,5]t4 [6,7]t6"},
    {"chrome only: menus, cookies, footer",
     "Home | News | Sport | Weather | Contact\n"
     "Sign in\n"
     "Most read\n"
     "We use cookies to improve your experience. By using this site you accept our cookie policy.\n"
     "Privacy Policy\n"
     "Terms of use\n"
     "About us\n",
     nullptr, ""},
    {"chrome only: not-found page with a full sentence",
     "Home | News | Sport | Weather | Contact\n"
     "Page not found\n"
     "Sorry, the page you were looking for does not exist or has been moved to a new address.\n"
     "Search\n"
     "Privacy Policy\n"
     "Contact us\n",
     nullptr, ""},
    {"a wire credit naming an editor closes the article",
     "Harbour Dredging To Start Next Spring\n"
     "The port authority said on Monday that dredging of the inner harbour will begin in April next year.\n"
     "Fishing boats will be moved to the eastern quay while the work is under way, officials said on Monday.\n"
     "Reporting by Jane Roe; Editing by John Doe\n"
     "Night Trains Return To The Northern Line\n"
     "The sleeper service will run again from June, with two departures a week from the city, the operator said.\n"
     "Tickets go on sale next month, and prices will be similar to those before the service stopped.\n",
     nullptr, "[1,4]t1 [5,7]t5"},
    {"a headline in title case between two stories, no marker",
     "Harbour Dredging To Start Next Spring\n"
     "The port authority said on Monday that dredging of the inner harbour will begin in April next year.\n"
     "Fishing boats will be moved to the eastern quay while the work is under way, the harbour master said.\n"
     "Residents near the quay have been told to expect noise from the dredgers during the day.\n"
     "Babies Who Eat Peanuts Early May Avoid Allergy\n"
     "Life-threatening peanut allergies have been on the rise in children over the past decade, doctors say.\n"
     "A new study suggests that feeding small amounts of peanut to infants could prevent many cases.\n",
     nullptr, "[1,4]t1 [5,7]t5"},
    {"a question in title case is a sub-heading",
     "Harbour Dredging To Start Next Spring\n"
     "The port authority said on Monday that dredging of the inner harbour will begin in April next year.\n"
     "Fishing boats will be moved to the eastern quay while the work is under way, the harbour master said.\n"
     "Residents near the quay have been told to expect noise from the dredgers during the day.\n"
     "How Will Babies Avoid A Peanut Allergy?\n"
     "Life-threatening peanut allergies have been on the rise in children over the past decade, doctors say.\n"
     "A new study suggests that feeding small amounts of peanut to infants could prevent many cases.\n",
     nullptr, "[1,7]t1"},
    {"a line in capitals is a kicker, not a headline",
     "Harbour Dredging To Start Next Spring\n"
     "The port authority said on Monday that dredging of the inner harbour will begin in April next year.\n"
     "Fishing boats will be moved to the eastern quay while the work is under way, the harbour master said.\n"
     "Residents near the quay have been told to expect noise from the dredgers during the day.\n"
     "BABIES WHO EAT PEANUTS EARLY MAY AVOID ALLERGY\n"
     "Life-threatening peanut allergies have been on the rise in children over the past decade, doctors say.\n"
     "A new study suggests that feeding small amounts of peanut to infants could prevent many cases.\n",
     nullptr, "[1,7]t1"},
    {"a teaser's standfirst right under its headline",
     "Night trains return to the coast after three years\n"
     "— END —\n"
     "Harbour Dredging Will Start Next Spring, Port Says\n"
     "Fishing fleet to move to the eastern quay for four months\n"
     "The port authority said on Monday that dredging of the inner harbour will begin in April next ye...\n"
     "Full story\n",
     nullptr, "[3,6]t3"},
    {"hard-wrapped story stays one article",
     "The Clerk Who Would Not Copy\n"
     "By Jane Roe\n"
     "I am a rather elderly man. The nature of my work for the last thirty\n"
     "years has brought me into more than ordinary contact with what would seem an\n"
     "interesting and somewhat singular set of men, of whom as yet nothing that I\n"
     "know of has ever been written. I mean the copyists of the law offices.\n"
     "The third on my list was a lad some twelve years old. His\n"
     "father was a carter, ambitious of seeing his son on the bench instead of\n"
     "a cart, before he died. So he sent him to my office as a student at law,\n"
     "errand boy, and cleaner and sweeper, at the rate of one dollar a week.\n"
     "He had a little desk to himself, but he did not use it much. Upon inspection,\n"
     "the drawer held a great array of the shells of various sorts of nuts.\n",
     nullptr, "[1,12]t1"},
};

TEST(SegmentTest, EnglishPages) { CheckPages(std::begin(kEnglishPages), std::end(kEnglishPages)); }

const PageCase kChinesePages[] = {
    {"source, responsible editor and end marker",
     "市政府召开全市防汛工作会议\n"
     "来源：江城日报　2023-06-12 09:30\n"
     "6月11日，市政府召开全市防汛工作会议，部署今年汛期各项准备工作。会议要求各区加强巡查，确保群众安全。\n"
     "会议指出，今年入汛以来降雨偏多，各地要提前做好物资储备和人员安排。\n"
     "（完）\n"
     "责任编辑：赵六\n"
     "老城区改造项目正式启动\n"
     "本报记者 钱七\n"
     "昨日上午，老城区改造项目在东门街道正式启动，预计明年底完成全部工程，涉及居民一千二百余户。\n"
     "项目指挥部表示，施工期间将尽量减少对居民出行的影响。\n",
     nullptr, "[1,6]t1 [7,10]t7"},
    {"follow prompt and end marker in a WeChat article",
     "乡村学校迎来新校车 家长们放心了\n"
     "点击上方蓝字关注我们\n"
     "作者：孙八\n"
     "时间：2022年9月29日\n"
     "本学期开始，县教育局为十所乡村学校配备了新校车，解决了学生上学路远的问题。\n"
     "家长们对此普遍表示欢迎，认为孩子上学更安全了。\n"
     "编辑：周九\n"
     "- END -\n"
     "往期推荐\n"
     "县城新开两条公交线路\n"
     "阅读原文\n",
     nullptr, "[1,8]t1"},
    {"xinhua dateline below the second title",
     "全市新增绿道一百公里\n"
     "记者 张三\n"
     "今年以来，全市新建和改造绿道一百公里，串联起二十多个公园和广场，市民出行更加方便。\n"
     "市园林局表示，明年还将继续推进绿道建设。\n"
     "全国秋粮收购工作有序展开\n"
     "新华社北京9月23日电（记者 王五）记者从国家粮食部门获悉，今年秋粮收购工作已在各主产区有序展开。\n"
     "各地收购进度总体平稳，价格保持基本稳定。\n",
     "2022-10-01", "[1,4]t1 [5,7]t5"},
    {"back to back, each title over a byline",
     "全市新增绿道一百公里\n"
     "记者 张三\n"
     "今年以来，全市新建和改造绿道一百公里，串联起二十多个公园和广场，市民出行更加方便。\n"
     "市园林局表示，明年还将继续推进绿道建设，让更多市民在家门口享受绿色空间。\n"
     "老旧小区加装电梯进度加快\n"
     "记者 李四\n"
     "今年一季度，全市老旧小区共加装电梯八十部，比去年同期增加三成，惠及居民两千多户。\n"
     "住建部门表示，将进一步简化审批流程。\n",
     nullptr, "[1,4]t1 [5,8]t5"},
    {"teaser cut with an ellipsis",
     "老旧小区加装电梯进度加快\n"
     "作者：李四　时间：2023-04-02\n"
     "今年一季度，全市老旧小区共加装电梯八十部，比去年同期增加三成，惠及居民两千多户。\n"
     "住建部门表示，将进一步简化审批流程，加快推进加装工作。\n"
     "城区三条道路下周起封闭施工\n"
     "为完善城市路网，下周一起，城区三条道路将分段封闭施工，请市民提前规划出行路线，施工期间……\n",
     nullptr, "[1,4]t1 [5,6]t5"},
    {"breadcrumb and footer chrome around a notice",
     "当前位置：首页 > 通知公告\n"
     "关于开展二〇二三年度安全检查的通知\n"
     "发布时间：2023-05-10　来源：市应急管理局\n"
     "各区应急管理局：为切实做好安全生产工作，现就开展年度安全检查有关事项通知如下。\n"
     "一、检查范围\n"
     "全市各类生产经营单位均在检查范围之内，重点检查危险化学品、建筑施工等行业领域。\n"
     "二、工作要求\n"
     "各区要高度重视，认真组织，确保检查工作取得实效，检查结果于六月底前报送市应急管理局。\n"
     "网站声明\n"
     "联系我们\n"
     "返回顶部\n",
     nullptr, "[2,8]t2"},
    {"hard-wrapped text: its lines run on, the page is one article",
     "往事杂忆\n"
     "江城散人\n"
     "那年春天，我在江城的一所中学教书，每天从家门到校门，过着按部\n"
     "就班的日子。学校后面有一片小树林，傍晚时分常有学生在那里读书。\n"
     "我也喜欢在林间散步，听鸟叫，看夕阳慢慢落到远处的山后面去，直\n"
     "到天色完全暗下来，路灯一盏一盏亮起来的时候，我才慢慢地走回家。\n"
     "后来我才明白，那段平静的日子其实并不长久。城里开始修建新的铁\n"
     "路，工地上的机器日夜轰鸣，许多老房子被拆掉了，搬到了城郊。\n"
     "住在里面的人家从此很少再见面，街坊邻居都说城市一天天变得陌生\n"
     "了，连街口那棵据说有两百年的老槐树，也在一个早上被人砍掉了。\n"
     "我的父亲是一个木匠，他一辈子都在做桌椅板凳，手上的老茧比铜钱\n"
     "还厚。他常说，做木工活要有耐心，一刨子一刨子地推，急不得。\n"
     "我小时候不懂这些道理，总嫌他唠叨，长大以后才知道他说的都是对\n"
     "的，可惜等我明白过来的时候，他已经不在了，再也听不到他唠叨。\n"
     "秋天来的时候，河边的芦苇全白了，风一吹就像下雪一样。渔民们划\n"
     "着小船在河上撒网，孩子们在岸边追着跑，笑声传得很远很远。\n"
     "那是我记忆中最美的景色，后来再也没有见过那样的河滩了，只在梦\n"
     "里还能偶尔看见，醒来以后总要发很久的呆，心里空落落的难受。\n"
     "冬天的夜晚很长，一家人围着火炉烤红薯，母亲在灯下缝补衣服，父\n"
     "亲抽着旱烟讲他年轻时候走南闯北的故事，我和妹妹听得入了迷。\n"
     "我们常常忘了睡觉，直到炉子里的火慢慢熄灭才肯上床，第二天早上\n"
     "又总是起不来，被母亲一遍一遍地叫，才揉着眼睛慢吞吞地穿衣服。\n",
     nullptr, "[3,22]t3"},
    {"chrome only: not-found page",
     "首页 | 新闻 | 体育 | 财经 | 视频\n"
     "抱歉，您访问的页面不存在或已被删除！\n"
     "返回首页\n"
     "联系我们\n"
     "版权所有 © 江城日报社\n",
     nullptr, ""},
};

TEST(SegmentTest, ChinesePages) { CheckPages(std::begin(kChinesePages), std::end(kChinesePages)); }

// Bugs found on multi-article Chinese pages: a follow prompt under a byline was read as the end
// of an article, so the standfirst under it started another; a bracketed credit after the text
// was taken for the next article's headline; metadata after a teaser's cut text did not start
// the next (untitled) article; a headline-like line under a kicker was taken for the title; a
// closing "！" sentence was taken for the next article's headline; a source line in a credit block
// was taken for the next article's head; a source line over a dateline did not open an article;
// a headline with its standfirst right under another article's text did not open one.
TEST(SegmentTest, ChineseHeadPromptsCreditsAndTeasers) {
  const PageCase kCases[] = {
      {"follow prompt in the head, then standfirst and photo caption",
       "江畔社区合唱团走进养老院\n"
       "作者：林小雨\n"
       "点击上方蓝字关注我们\n"
       "退休教师带着合唱团一路唱进了城里的六家养老院\n"
       "合唱团成员在养老院演出\n"
       "“老人们听得特别认真，有人还跟着一起唱。”合唱团团长周阿姨笑着说，每一次演出都让大家很感动。\n"
       "今年以来，江畔社区合唱团已经走进六家养老院，演出二十多场，受到老人们的欢迎和好评。\n"
       "社区表示，明年还将组织更多志愿者参与进来，让更多老人享受文化生活。\n",
       nullptr, "[1,8]t1"},
      {"bracketed credit closes the article, a source line opens the next",
       "河畔公园新增三处健身步道\n"
       "2023年4月2日\n"
       "为方便市民锻炼，河畔公园近日新增三处健身步道，总长度约两公里，沿途设置了休息座椅和饮水点。\n"
       "公园管理处表示，步道沿河而建，早晚都有不少市民前来散步和慢跑，周末人流更多。\n"
       "（本报编辑 吴小北）\n"
       "来源：江城晚报\n"
       "昨天上午，城东中学举行春季运动会，全校一千多名学生参加了跑步、跳远和接力等项目的比赛。\n"
       "学校负责人介绍，运动会已经连续举办了二十年，今年新增了亲子项目，吸引了不少家长参加。\n",
       nullptr, "[1,5]t1 [6,8]"},
      {"date line after a teaser cut with an ellipsis",
       "城区三条道路下周起封闭施工\n"
       "为完善城市路网，下周一起，城区三条道路将分段封闭施工，请市民提…\n"
       "发布日期：2023-04-03\n"
       "昨天上午，城东中学举行春季运动会，全校一千多名学生参加了跑步、跳远和接力等项目的比赛。\n"
       "学校负责人介绍，运动会已经连续举办了二十年，今年新增了亲子项目，吸引了不少家长参加。\n",
       nullptr, "[1,2]t1 [3,5]"},
      {"kicker line under the byline: the headline-like line under it is text",
       "作者：胡小兰　　时间：2023.04.02\n"
       "3座新桥\n"
       "东湖两岸年内再添三座步行桥\n"
       "记者从市建设局获悉，东湖两岸今年将新建三座步行桥，最长的一座跨度达一百二十米。\n"
       "建成后，沿湖居民步行往返两岸的时间将由半小时缩短到十分钟左右。\n",
       nullptr, "[1,5]"},
      {"closing exclamation under the text, then the next article's byline",
       "城东中学举行春季运动会\n"
       "作者：陈小东\n"
       "昨天上午，城东中学举行春季运动会，全校一千多名学生参加了跑步、跳远和接力等项目的比赛。\n"
       "学校负责人介绍，运动会已经连续举办了二十年，今年新增了亲子项目，吸引了不少家长参加。\n"
       "祝同学们再创佳绩！\n"
       "作者：林小雨\n"
       "为方便市民锻炼，河畔公园近日新增三处健身步道，总长度约两公里，沿途设置了休息座椅和饮水点。\n"
       "公园管理处表示，步道沿河而建，早晚都有不少市民前来散步和慢跑，周末人流更多。\n",
       nullptr, "[1,5]t1 [6,8]"},
      {"source line under the editor credit closes the article; the date line opens the next",
       "河畔公园新增三处健身步道\n"
       "作者：林小雨\n"
       "为方便市民锻炼，河畔公园近日新增三处健身步道，总长度约两公里，沿途设置了休息座椅和饮水点。\n"
       "公园管理处表示，步道沿河而建，早晚都有不少市民前来散步和慢跑，周末人流更多。\n"
       "责任编辑：吴小北\n"
       "来源：江城晚报\n"
       "2023年4月2日\n"
       "昨天上午，城东中学举行春季运动会，全校一千多名学生参加了跑步、跳远和接力等项目的比赛。\n"
       "学校负责人介绍，运动会已经连续举办了二十年，今年新增了亲子项目，吸引了不少家长参加。\n",
       nullptr, "[1,6]t1 [7,9]"},
      {"source line over a dateline opens an untitled article",
       "河畔公园新增三处健身步道\n"
       "作者：林小雨\n"
       "为方便市民锻炼，河畔公园近日新增三处健身步道，总长度约两公里，沿途设置了休息座椅和饮水点。\n"
       "公园管理处表示，步道沿河而建，早晚都有不少市民前来散步和慢跑，周末人流更多。\n"
       "来源：江城晚报\n"
       "江城晚报讯 昨天上午，城东中学举行春季运动会，全校一千多名学生参加了跑步、跳远和接力等项目的比赛。\n"
       "学校负责人介绍，运动会已经连续举办了二十年，今年新增了亲子项目，吸引了不少家长参加。\n",
       nullptr, "[1,4]t1 [5,7]"},
      {"headline and a longer standfirst under another article's text",
       "河畔公园新增三处健身步道\n"
       "作者：林小雨\n"
       "为方便市民锻炼，河畔公园近日新增三处健身步道，总长度约两公里，沿途设置了休息座椅和饮水点。\n"
       "公园管理处表示，步道沿河而建，早晚都有不少市民前来散步和慢跑，周末人流更多。\n"
       "城东中学春季运动会开幕\n"
       "一千多名学生参加跑步、跳远和接力比赛，今年首次增设了亲子项目\n"
       "昨天上午，城东中学举行春季运动会，全校学生和不少家长来到操场，赛场上加油声此起彼伏。\n"
       "学校负责人介绍，运动会已经连续举办了二十年，新增的亲子项目吸引了三百多个家庭报名。\n",
       nullptr, "[1,4]t1 [5,8]t5"},
      {"labelled byline over a kicker and a headline-like line after the text opens an article",
       "城东中学举行春季运动会\n"
       "作者：陈小东\n"
       "昨天上午，城东中学举行春季运动会，全校一千多名学生参加了跑步、跳远和接力等项目的比赛。\n"
       "学校负责人介绍，运动会已经连续举办了二十年，今年新增了亲子项目，吸引了不少家长参加。\n"
       "作者：胡小兰　　时间：2023.04.02\n"
       "3座新桥\n"
       "东湖两岸年内再添三座步行桥\n"
       "记者从市建设局获悉，东湖两岸今年将新建三座步行桥，最长的一座跨度达一百二十米。\n"
       "建成后，沿湖居民步行往返两岸的时间将由半小时缩短到十分钟左右。\n",
       nullptr, "[1,4]t1 [5,9]"},
  };
  CheckPages(std::begin(kCases), std::end(kCases));
}

// Bug: a date line above a title starts the article only when a byline or dateline follows the
// title too; with body text right under the title, the date line and the next article are
// swallowed by the article before (segment.h lists "a date line above it" as a start signal).
TEST(SegmentTest, DateLineAboveTitleWithoutByline) {
  const PageCase kCases[] = {
      {"english",
       "Museum reopens after two-year restoration\n"
       "By Sam Lee\n"
       "The town museum reopened on Saturday after a restoration that took two years and cost four million.\n"
       "Visitors queued around the square before the doors opened at ten.\n"
       "14/10/2022\n"
       "Ferry timetable changes for the winter season\n"
       "The island ferry will run four times a day from November, down from six in the summer months.\n"
       "Tickets bought before the change remain valid for the whole winter season, the operator said.\n",
       nullptr, "[1,4]t1 [5,8]t6"},
      {"chinese",
       "全市新增绿道一百公里\n"
       "记者 张三\n"
       "今年以来，全市新建和改造绿道一百公里，串联起二十多个公园和广场，市民出行更加方便。\n"
       "市园林局表示，明年还将继续推进绿道建设。\n"
       "2022年9月28日\n"
       "老旧小区加装电梯进度加快\n"
       "今年一季度，全市老旧小区共加装电梯八十部，比去年同期增加三成，惠及居民两千多户。\n"
       "住建部门表示，将进一步简化审批流程。\n",
       nullptr, "[1,4]t1 [5,8]t6"},
  };
  CheckPages(std::begin(kCases), std::end(kCases));
}

// Bug: with a crawl date, a digest's header line "Today's briefing" is read as a date line
// ("today") and opens an untitled one-line article; it is page chrome (corpus en-16). Without a
// crawl date the same page is right (see "digest of title + summary items").
TEST(SegmentTest, DigestHeaderWithTodayIsChrome) {
  const PageCase kCases[] = {
      {"digest with crawl date",
       "Today's briefing\n"
       "Council approves school budget\n"
       "The town council approved a budget that gives schools ten percent more money next year.\n"
       "Ferry timetable changes for winter\n"
       "The island ferry will run four times a day from November, down from six in summer.\n"
       "Library extends weekend opening hours\n"
       "The central library will open on Sundays from next month, the council said.\n",
       "2023-06-20", "[2,3]t2 [4,5]t4 [6,7]t6"},
  };
  CheckPages(std::begin(kCases), std::end(kCases));
}

// Bug: inside a story, a block of data shown as code ("\"Key\": \"value\",") with a line of only
// "..." in it: a key line over the "..." was read as a teaser's headline, and the story's text after
// the block became another article. A line that ends with a comma goes on; it is no headline.
TEST(SegmentTest, LineEndingInCommaIsNoHeadline) {
  const PageCase kCases[] = {
      {"data block inside a story",
       "The day my fridge started keeping a diary\n"
       "By Jane Roe\n"
       "It began with a beep on a Tuesday morning, when the fridge asked me how I had slept and whether I wanted eggs.\n"
       "By the weekend it had opinions about my cheese, and it shared them with the supermarket app on my phone.\n"
       "{\n"
       "\"Owner Name\": \"Jane Roe\",\n"
       "\"Cheese Eaten This Week\": \"too much\",\n"
       "\"Loyalty Card Number\": \"a81f22c09\",\n"
       "...\n"
       "}\n"
       "The supermarket sent me a coupon for salad the next morning, and the fridge sent me a smiling emoji about it.\n"
       "I unplugged it that evening and bought a cool box, which has kept its thoughts to itself ever since.\n",
       nullptr, "[1,12]t1"},
  };
  CheckPages(std::begin(kCases), std::end(kCases));
}

// Bug: a gallery of dated photo captions inside the story that the page's title names ("date" /
// caption, over and over) opened an untitled article at its first date line, and the story's text
// after the gallery went with the last caption. Inside the page-titled story a date line starts a
// new article only after a closing line.
TEST(SegmentTest, DatedGalleryInsidePageTitledStory) {
  const PageCase kCases[] = {
      {"gallery of dated captions",
       "Council votes to close the old bridge to lorries | Town Herald\n"
       "Council votes to close the old bridge to lorries\n"
       "By Jane Roe\n"
       "The town council voted on Tuesday to close the old stone bridge to lorries from the first of June, after engineers found cracks in two arches.\n"
       "Hauliers will have to use the ring road, which adds about four miles to a trip from the quarry to the station yard.\n"
       "Town in pictures\n"
       "3 May 2021\n"
       "Children race home-made rafts on the river below the weir during the spring fair, watched by a crowd on the bank.\n"
       "2 May 2021\n"
       "A farmer drives a flock of sheep along the high street on the way to the summer pasture, as he does every year.\n"
       "The council said the ban on lorries will be reviewed after a year, once the arches have been repaired and tested.\n"
       "A public meeting on the repairs will be held in the town hall next month, and residents may send questions in advance.\n",
       nullptr, "[2,12]t2"},
  };
  CheckPages(std::begin(kCases), std::end(kCases));
}

// Bug: a "Comments" link in the share bar under a standfirst and the byline was read as the
// comments header that ends the article, and the text below went to an article of its own.
TEST(SegmentTest, CommentsLinkUnderStandfirstDoesNotEndArticle) {
  const PageCase kCases[] = {
      {"share bar under the standfirst",
       "Lighthouse keeper retires after forty years | Coast News\n"
       "Lighthouse keeper retires after forty years\n"
       "The last keeper of the northern lighthouse hands over the keys to an automatic lamp and a remote control room.\n"
       "By Jane Roe\n"
       "11 February 2020\n"
       "Comments\n"
       "Shares\n"
       "For forty years Tom Hale climbed the hundred and twelve steps of the northern lighthouse twice a night to check the lamp.\n"
       "On Friday he climbed them for the last time, handed his keys to an engineer and walked down to a party in the harbour.\n"
       "The lamp will now be watched from a control room in the city, two hundred miles to the south.\n",
       nullptr, "[2,10]t2"},
  };
  CheckPages(std::begin(kCases), std::end(kCases));
}

// Bug: an interview's questions, each over one answer, have a digest's rhythm (headline, one
// line, headline, ...), and the story was split at its questions. A question under a question is
// no digest item.
TEST(SegmentTest, InterviewQuestionsAreNoDigest) {
  const PageCase kCases[] = {
      {"questions and answers",
       "Meet the baker who starts work at three\n"
       "By Jane Roe\n"
       "We spoke to the owner of the corner bakery about early mornings, sourdough and the neighbours who queue in the dark.\n"
       "When does your day begin?\n"
       "Ann: At three, every day except Sunday. The ovens take an hour to heat, so I light them first and then make coffee.\n"
       "What do you bake first?\n"
       "Ann: The rye loaves, because they need the longest. Then the rolls for the cafes, which are collected at six.\n"
       "Which bread sells best?\n"
       "Ann: Sourdough, by far. People come from the next village for it, and on Saturdays it is gone before nine.\n"
       "Would you ever sell the shop?\n"
       "Ann: Never. My grandmother opened it, and my daughter already knows how to shape a loaf better than I do.\n",
       nullptr, "[1,11]t1"},
  };
  CheckPages(std::begin(kCases), std::end(kCases));
}

}  // namespace
}  // namespace newsclip
