// Tests of the html stage (html.h): charsets (declared, sniffed, contradicted by the bytes), block
// lines and their structural features, what is dropped (script, style) and what is kept with a
// feature (hidden, navigation), broken markup, pages without a body, metadata from meta tags,
// JSON-LD and <time>, ISO timestamps, and the whole pipeline on an HTML page.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "newsclip/html.h"
#include "newsclip/pipeline.h"

namespace newsclip {
namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at < text.size()) {
    size_t nl = text.find('\n', at);
    if (nl == std::string::npos) nl = text.size();
    out.push_back(text.substr(at, nl - at));
    at = nl + 1;
  }
  return out;
}

// "新闻报道：今天北京天气晴朗，气温适宜。" in GBK.
const std::string kGbk =
    "\xD0\xC2\xCE\xC5\xB1\xA8\xB5\xC0\xA3\xBA\xBD\xF1\xCC\xEC\xB1\xB1\xBE\xA9\xCC\xEC\xC6\xF8\xC7\xE7\xC0\xCA\xA3\xAC"
    "\xC6\xF8\xCE\xC2\xCA\xCA\xD2\xCB\xA1\xA3";
const std::string kGbkUtf8 = "新闻报道：今天北京天气晴朗，气温适宜。";

TEST(HtmlTest, Charsets) {
  const struct {
    const char* name;
    std::string bytes;
    std::string content_type;
    std::string want_charset;
    std::string want_text;  // the one body line
  } kCases[] = {
      {"utf-8 undeclared", "<p>caf\xC3\xA9 na\xC3\xAFve</p>", "", "UTF-8", "café naïve"},
      {"http header gbk", "<p>" + kGbk + "</p>", "text/html; charset=GBK", "GB18030", kGbkUtf8},
      {"meta charset gb2312", "<meta charset=\"gb2312\"><p>" + kGbk + "</p>", "", "GB18030", kGbkUtf8},
      {"meta http-equiv", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"><p>" + kGbk + "</p>",
       "", "GB18030", kGbkUtf8},
      {"big5", "<meta charset=big5><p>\xA4\xA4\xA4\xE5\xB7\x73\xBB\x44</p>", "", "Big5-HKSCS", "中文新聞"},
      {"shift_jis", "<meta charset=Shift_JIS><p>\x93\xFA\x96\x7B\x8C\xEA\x82\xCC\x83\x6A\x83\x85\x81\x5B\x83\x58</p>",
       "", "windows-31j", "日本語のニュース"},
      {"euc-kr", "<meta charset=euc-kr><p>\xC7\xD1\xB1\xB9\xBE\xEE\x20\xB4\xBA\xBD\xBA</p>", "", "windows-949",
       "한국어 뉴스"},
      {"latin-1 is windows-1252", "<meta charset=iso-8859-1><p>caf\xE9 \x96 na\xEFve</p>", "", "windows-1252",
       "café – naïve"},
      // The declaration is wrong: the bytes are valid UTF-8 with Chinese in them.
      {"utf-8 declared gb2312", "<meta charset=gb2312><p>" + kGbkUtf8 + "</p>", "", "UTF-8", kGbkUtf8},
      // The HTTP header wins over <meta>.
      {"header over meta", "<meta charset=windows-1252><p>" + kGbk + "</p>", "text/html; charset=gbk", "GB18030",
       kGbkUtf8},
      {"utf-8 bom", "\xEF\xBB\xBF<p>caf\xC3\xA9</p>", "text/html; charset=gbk", "UTF-8", "café"},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.name);
    HtmlDocument doc = ParseHtml(c.bytes, c.content_type);
    EXPECT_EQ(doc.charset, c.want_charset);
    EXPECT_EQ(Lines(doc.text), std::vector<std::string>{c.want_text});
  }
}

TEST(HtmlTest, UndeclaredLegacyBytesAreDetected) {
  std::string body;
  for (int i = 0; i < 8; ++i) body += "<p>" + kGbk + "</p>";
  HtmlDocument doc = ParseHtml("<html><body>" + body + "</body></html>");
  EXPECT_EQ(doc.charset, "GB18030");
  EXPECT_EQ(Lines(doc.text).front(), kGbkUtf8);
}

TEST(HtmlTest, InvalidBytesAndNulAreReplacedAndCounted) {
  HtmlDocument doc = ParseHtml(std::string("<p>caf\xC3\xA9 ok \xFF here\0 and more</p>", 30));
  EXPECT_EQ(doc.text, "café ok \xEF\xBF\xBD here\xEF\xBF\xBD and more\n");
  EXPECT_EQ(doc.invalid_bytes, 2u);
}

TEST(HtmlTest, BlockLinesAndWhatIsDropped) {
  HtmlDocument doc = ParseHtml(R"(<!DOCTYPE html><html lang="en-GB"><head><title>Page &amp; title</title>
    <style>p { color: red }</style><script>var x = "<p>not text</p>";</script></head>
    <body><div>Lead <b>bold</b>
       text<br>after break</div>
    <p>One   paragraph
       over lines.</p><ul><li>first</li><li>second</li></ul>
    <pre>code line 1
code line 2</pre><noscript>Turn on JavaScript</noscript><table><tr><td>cell a</td><td>cell b</td></tr></table>
    </body></html>)");
  EXPECT_EQ(Lines(doc.text),
            (std::vector<std::string>{"Page & title", "Lead bold text", "after break", "One paragraph over lines.",
                                      "first", "second", "code line 1", "code line 2", "Turn on JavaScript", "cell a",
                                      "cell b"}));
  ASSERT_EQ(doc.blocks.size(), 11u);
  EXPECT_TRUE(doc.blocks[0].title_element);
  EXPECT_TRUE(doc.blocks[4].in_list);
  EXPECT_TRUE(doc.blocks[8].hidden);  // noscript: kept, as a hidden block
  EXPECT_EQ(doc.markup.title, "Page & title");
  EXPECT_EQ(doc.markup.lang, "en-gb");
}

TEST(HtmlTest, HardWrappedTextIsRejoined) {
  HtmlDocument doc = ParseHtml(
      "<p>The committee met on Tuesday to discuss the budget for the<br>coming year, and it agreed on most of<br>"
      "the points raised.<br>Next line after a full stop.</p>"
      "<p>Short<br>lines<br>of a poem</p>"
      "<pre>A preformatted paragraph that was wrapped at a fixed width\nby its author, as plain text often is.</pre>"
      "<div>今年以来，全市新建和改造绿道一百公里，串联起二十多<br>个公园和广场，市民出行更加方便。<br>第二段。</div>"
      // Every wrapped line in a <p> of its own; a short line or a finished clause is not continued.
      "<div><p>市园林局表示，明年还将继续推进绿道建设，让更多市民在家门口就能走进<p>公园，享受绿色生活。"
      "<p>短的一行<p>下一段。</div>");
  EXPECT_EQ(Lines(doc.text),
            (std::vector<std::string>{
                "The committee met on Tuesday to discuss the budget for the coming year, and it agreed on most of the "
                "points raised.",
                "Next line after a full stop.", "Short", "lines", "of a poem",
                "A preformatted paragraph that was wrapped at a fixed width by its author, as plain text often is.",
                "今年以来，全市新建和改造绿道一百公里，串联起二十多个公园和广场，市民出行更加方便。", "第二段。",
                "市园林局表示，明年还将继续推进绿道建设，让更多市民在家门口就能走进公园，享受绿色生活。", "短的一行",
                "下一段。"}));
}

TEST(HtmlTest, StructuralFeatures) {
  const std::string para = "<p>A paragraph of the story, long enough to count, with commas, and more text in it.</p>";
  HtmlDocument doc = ParseHtml(
      "<body><nav><a href=/>Home</a> <a href=/w>World</a></nav>"
      "<header><div class=site-name>The Daily Example</div></header>"
      "<main><article><h1>Headline of the story</h1><p>By <a href=/a>Jane Roe</a> <time datetime=2024-05-02T10:00>May 2</time></p>" +
      para + para + para +
      "<div class=share-tools>Share this story</div><figure><figcaption>A caption</figcaption></figure></article>"
      "<aside>Most read</aside></main>"
      "<div style='display: none'>Hidden text</div><form><label>Email</label><button>Subscribe</button></form>"
      "<footer><p>Copyright 2024 Example</p></footer></body>");
  const std::vector<std::string> lines = Lines(doc.text);
  ASSERT_EQ(lines.size(), doc.blocks.size());
  auto at = [&](const std::string& text) -> const BlockFeatures& {
    for (size_t i = 0; i < lines.size(); ++i) {
      if (lines[i] == text) return doc.blocks[i];
    }
    ADD_FAILURE() << "no line " << text;
    static BlockFeatures none;
    return none;
  };
  EXPECT_TRUE(at("Home World").in_nav);
  EXPECT_EQ(at("Home World").link_pct, 90);  // the space between the links is not a link
  EXPECT_TRUE(at("The Daily Example").in_header);
  EXPECT_EQ(at("Headline of the story").heading, 1);
  EXPECT_TRUE(at("Headline of the story").in_article);
  EXPECT_TRUE(at("Headline of the story").in_main);
  EXPECT_TRUE(at("By Jane Roe May 2").has_time);
  EXPECT_TRUE(at("By Jane Roe May 2").main_content);
  EXPECT_FALSE(at("The Daily Example").main_content);
  EXPECT_TRUE(at("Share this story").chrome_class);
  EXPECT_TRUE(at("A caption").in_caption);
  EXPECT_TRUE(at("Most read").in_aside);
  EXPECT_TRUE(at("Hidden text").hidden);
  EXPECT_TRUE(at("Email").in_form);
  EXPECT_TRUE(at("Copyright 2024 Example").in_footer);
  EXPECT_EQ(doc.markup.time_element->ToIso(), "2024-05-02T10:00");
}

TEST(HtmlTest, ContainerFlagsDoNotSwallowTheStory) {
  // A site that wraps everything in a container named like a sidebar: the story is not chrome.
  std::string body = "<div class='page-with-sidebar'><h1>Headline</h1>";
  for (int i = 0; i < 4; ++i) body += "<p>Text of the story, a long paragraph, with commas, that counts for content.</p>";
  body += "</div><div class=sidebar>Links</div>";
  HtmlDocument doc = ParseHtml(body);
  const std::vector<std::string> lines = Lines(doc.text);
  ASSERT_EQ(lines.size(), 6u);
  EXPECT_FALSE(doc.blocks[1].chrome_class);
  EXPECT_TRUE(doc.blocks[1].main_content);
  EXPECT_TRUE(doc.blocks[5].chrome_class);
}

TEST(HtmlTest, TheH1IsNeverFurniture) {
  HtmlDocument doc = ParseHtml(
      "<header class='site-header share-bar'><div class=menu>Home</div><h1>Headline of the story</h1></header>"
      "<p>A paragraph of the story, long enough to count, with commas, and more text in it.</p>");
  const std::vector<std::string> lines = Lines(doc.text);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_TRUE(doc.blocks[0].chrome_class);
  EXPECT_TRUE(doc.blocks[0].in_header);
  EXPECT_EQ(doc.blocks[1].heading, 1);
  EXPECT_FALSE(doc.blocks[1].chrome_class);
  EXPECT_FALSE(doc.blocks[1].in_header);
}

TEST(HtmlTest, BrokenMarkupAndEmptyPages) {
  const struct {
    const char* name;
    std::string html;
    std::vector<std::string> want;
  } kCases[] = {
      {"unclosed tags", "<div><p>one<p>two<div>three", {"one", "two", "three"}},
      {"stray end tags", "</div></p><p>text</span></b> more</p></html></body>", {"text more"}},
      {"truncated mid-tag", "<p>kept</p><p class=\"x", {"kept"}},
      {"no body", "<html><head><title>Only a title</title></head></html>", {"Only a title"}},
      {"empty", "", {}},
      {"whitespace", " \n\t ", {}},
      {"not html at all", "just some text\nover two lines", {"just some text over two lines"}},
      {"comment and cdata", "<p>a<!-- hidden comment -->b</p>", {"ab"}},
      {"entities", "<p>&lt;tag&gt; &amp; &quot;q&quot; &#x4E2D;&#25991; &nbsp;x</p>", {"<tag> & \"q\" 中文 \xC2\xA0x"}},
      // As browsers read them: legacy entities without ';', C1 references as Windows-1252.
      {"legacy entities", "<p>By&nbspJane &copy 2024 &#150; &#147;q&#148; &amp more</p>",
       {"By Jane \xC2\xA9 2024 \xE2\x80\x93 \xE2\x80\x9Cq\xE2\x80\x9D & more"}},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.name);
    HtmlDocument doc = ParseHtml(c.html);
    EXPECT_EQ(Lines(doc.text), c.want);
    EXPECT_EQ(doc.blocks.size(), c.want.size());
  }
}

TEST(HtmlTest, DeepNestingAndHugeTextDoNotFail) {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<div>";
  deep += "<p>deep text</p>";
  HtmlDocument doc = ParseHtml(deep);  // must not crash or overflow the stack
  EXPECT_LE(doc.blocks.size(), 1u);
  const std::string big(5 << 20, 'x');
  doc = ParseHtml("<p>" + big + "</p><p>After.</p>");
  EXPECT_EQ(Lines(doc.text), (std::vector<std::string>{big, "After."}));
}

TEST(HtmlTest, MetadataFromMarkup) {
  HtmlDocument doc = ParseHtml(R"(<html><head>
    <title>Headline | Site</title>
    <meta property="og:title" content="OG headline">
    <meta property="og:site_name" content="The Example Times">
    <meta name="author" content="Meta Author">
    <meta property="article:published_time" content="2024-05-02T10:30:00+02:00">
    <link rel="canonical" href="https://example.com/2024/story">
    <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
      {"@type":"WebSite","name":"Example"},
      {"@type":["NewsArticle"],"headline":"LD headline","datePublished":"2024-05-02T08:30:00Z",
       "author":[{"@type":"Person","name":"Jane Roe"},{"name":"John Doe"}],
       "publisher":{"@type":"Organization","name":"Example Publisher"}}]}</script>
    </head><body><p>text</p></body></html>)");
  const Markup& m = doc.markup;
  EXPECT_EQ(m.title, "Headline | Site");
  EXPECT_EQ(m.og_title, "OG headline");
  EXPECT_EQ(m.headline, "LD headline");
  EXPECT_EQ(m.authors, (std::vector<std::string>{"Jane Roe", "John Doe"}));  // JSON-LD before meta
  ASSERT_TRUE(m.published);
  EXPECT_EQ(m.published->ToIso(), "2024-05-02T08:30:00+00:00");
  EXPECT_EQ(m.site_name, "The Example Times");  // og:site_name before the JSON-LD publisher
  EXPECT_EQ(m.url, "https://example.com/2024/story");

  // Without JSON-LD: the meta tags; a malformed JSON-LD block is ignored.
  doc = ParseHtml(R"(<meta name="author" content="By Meta Author"><meta name="pubdate" content="2023-01-05">
    <script type="application/ld+json">{"@type": "NewsArticle", "headline": </script><p>t</p>)");
  EXPECT_EQ(doc.markup.authors, std::vector<std::string>{"Meta Author"});
  EXPECT_EQ(doc.markup.published->ToIso(), "2023-01-05");
  EXPECT_FALSE(doc.markup.headline);
}

TEST(HtmlTest, IsoTimestamps) {
  const struct {
    const char* in;
    const char* want;  // "" = not a timestamp
  } kCases[] = {
      {"2024-08-08", "2024-08-08"},
      {"2024-08", "2024-08"},
      {"2024-08-08T10:30", "2024-08-08T10:30"},
      {"2024-08-08T10:30:05Z", "2024-08-08T10:30:05+00:00"},
      {"2024-08-08T10:30:05.123-04:00", "2024-08-08T10:30:05-04:00"},
      {"2024-08-08 10:30:05+0530", "2024-08-08T10:30:05+05:30"},
      {" 2024-08-08T10:30:05+08 ", "2024-08-08T10:30:05+08:00"},
      {"2024-02-30", ""},
      {"May 2, 2024", ""},
      {"", ""},
      {"20240808", ""},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.in);
    std::optional<Date> d = ParseIsoTimestamp(c.in);
    EXPECT_EQ(d ? d->ToIso() : "", c.want);
  }
}

TEST(HtmlTest, MarkupReconciledWithText) {
  Pipeline pipeline;
  auto run = [&](const std::string& head, const std::string& byline, std::optional<Date> crawl = std::nullopt) {
    Page page;
    page.id = "p.html";
    page.format = PageFormat::kHtml;
    page.crawl_date = crawl;
    page.text = "<html><head>" + head + "</head><body><article><h1>Bridge reopens after repairs</h1><p>" + byline + "</p>";
    for (int i = 0; i < 3; ++i) {
      page.text += "<p>The old bridge over the river reopened on Monday after two years of repairs, the council said.</p>";
    }
    page.text += "</article></body></html>";
    PageResult r = pipeline.Process(page);
    EXPECT_EQ(r.articles.size(), 1u);
    return r.articles.empty() ? Metadata{} : r.articles[0].meta;
  };
  const std::string ld = R"(<script type="application/ld+json">{"@type":"NewsArticle","author":{"name":"Ann Lee"},"datePublished":"2024-03-04T09:00:00Z"}</script>)";
  // JSON-LD authors and date win over the text's; the text's time of the same day is kept.
  Metadata m = run(ld, "By Jane Roe, March 2, 2024");
  EXPECT_EQ(m.authors, std::vector<std::string>{"Ann Lee"});
  EXPECT_EQ(m.published->ToIso(), "2024-03-04T09:00:00+00:00");
  m = run(ld, "By Jane Roe, March 4, 2024 10:00");
  EXPECT_EQ(m.published->ToIso(), "2024-03-04T10:00");
  m = run(ld, "By Jane Roe, March 4, 2024");
  EXPECT_EQ(m.published->ToIso(), "2024-03-04T09:00:00+00:00");  // the day gains the markup's time
  // One JSON-LD author field with several names gives each.
  m = run(R"(<script type="application/ld+json">{"@type":"NewsArticle","author":[{"name":"Ann Lee, Bo Chen and Cy Diaz"}]}</script>)",
          "Updated today");
  EXPECT_EQ(m.authors, (std::vector<std::string>{"Ann Lee", "Bo Chen", "Cy Diaz"}));
  // A free-text <meta name=author> only fills a gap.
  m = run(R"(<meta name="author" content="Site Desk">)", "By Jane Roe");
  EXPECT_EQ(m.authors, std::vector<std::string>{"Jane Roe"});
  m = run(R"(<meta name="author" content="Site Desk">)", "Updated today");
  EXPECT_EQ(m.authors, std::vector<std::string>{"Site Desk"});
  // A markup date after the crawl is not plausible: the text's stays.
  m = run(ld, "By Jane Roe, March 2, 2024", Date{2024, 3, 2});
  EXPECT_EQ(m.published->ToIso(), "2024-03-02");
  // No headline element: the title comes from <title>.
  Page page;
  page.format = PageFormat::kHtml;
  page.text = "<title>Council opens a new library</title>";
  for (int i = 0; i < 3; ++i) page.text += "<p>The council opened a new library in the town centre on Saturday, with two floors of books.</p>";
  PageResult r = pipeline.Process(page);
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].meta.title, "Council opens a new library");
}

TEST(HtmlTest, LinkedHeadingsInTeaserHeadersStartArticles) {
  // A story followed, in the same container, by teasers whose headlines are links in <header>s.
  std::string body = "<html><body><div><h1>Bridge reopens after two years of repairs</h1>";
  for (int i = 0; i < 4; ++i) {
    body += "<p>The old bridge over the river reopened on Monday after two years of repairs, the council said, "
            "and traffic is expected to return to normal within a week.</p>";
  }
  const char* kTeasers[] = {"Library opens a new reading room for children", "Council approves a bigger school budget",
                            "Harbour dredging will start next spring"};
  for (const char* t : kTeasers) {
    body += std::string("<header><h2><a href=/x>") + t + "</a></h2></header>"
            "<p>A short summary of this other story, one sentence long, with a few details about it.</p>";
  }
  body += "</div></body></html>";
  Page page;
  page.format = PageFormat::kHtml;
  page.text = body;
  Pipeline pipeline;
  PageResult r = pipeline.Process(page);
  ASSERT_EQ(r.articles.size(), 4u);
  EXPECT_EQ(r.articles[0].meta.title, "Bridge reopens after two years of repairs");
  EXPECT_EQ(r.articles[3].meta.title, "Harbour dredging will start next spring");
}

TEST(HtmlTest, PipelineReadsAnHtmlPage) {
  Pipeline pipeline;
  Page page;
  page.id = "story.html";
  page.format = PageFormat::kHtml;
  std::string body =
      "<html><head><title>Rain floods the valley - Example News</title>"
      "<meta property=\"og:site_name\" content=\"Example News\">"
      "<meta property=\"article:published_time\" content=\"2024-05-02T10:30:00Z\"></head><body>"
      "<nav><ul><li><a href=/>Home</a></li><li><a href=/world>World</a></li><li><a href=/sport>Sport</a></li></ul></nav>"
      "<article><h1>Rain floods the valley</h1><p class=byline>By Jane Roe</p>";
  for (int i = 0; i < 4; ++i) {
    body += "<p>Heavy rain flooded the valley on Thursday, and the river rose above its banks near the town " +
            std::to_string(i) + ".</p>";
  }
  body += "</article><footer><p>Copyright 2024 Example News. All rights reserved.</p></footer></body></html>";
  page.text = body;
  PageResult r = pipeline.Process(page);
  EXPECT_EQ(r.charset, "UTF-8");
  ASSERT_EQ(r.articles.size(), 1u);
  const Article& a = r.articles[0];
  EXPECT_EQ(a.meta.title, "Rain floods the valley");
  EXPECT_EQ(a.meta.authors, std::vector<std::string>{"Jane Roe"});
  ASSERT_TRUE(a.meta.published);
  EXPECT_EQ(a.meta.published->ToIso(), "2024-05-02T10:30:00+00:00");  // from the markup: the text has none
  EXPECT_EQ(a.meta.source, "Example News");
  size_t body_lines = 0;
  for (uint32_t i = a.first_line; i <= a.last_line; ++i) body_lines += a.roles[i - a.first_line] == Role::kBody;
  EXPECT_EQ(body_lines, 4u);
  // The menu items are outside the article.
  EXPECT_GT(a.first_line, 3u);
}

}  // namespace
}  // namespace newsclip
