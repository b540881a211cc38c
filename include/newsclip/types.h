// newsclip/types.h: the data that flows between the stages of the pipeline.
//
//   readers ──Page──▶ normalize ──▶ lines ──Line[]──▶ segment ──▶ boilerplate ──▶ metadata ──Article[]──▶ writers
//
// A Page owns its text; a Line is a byte range into Page::text plus features; an Article is a
// range of lines with a role per line and the metadata extracted for it. Stages talk only
// through these types.
//
//   newsclip::Page page;
//   page.id = "page-000.txt";
//   page.text = "Title\nBy Jane Roe\nBody text.\n";
//   newsclip::PageResult result = pipeline.Process(page);   // see pipeline.h
#ifndef NEWSCLIP_TYPES_H_
#define NEWSCLIP_TYPES_H_

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace newsclip {

// The one error type of the library: a run that cannot continue (a bad rules file, an unreadable
// input given by name). A bad page is never an Error: it is repaired or rejected and counted.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Where a page came from, for error messages and the rejects file.
struct Origin {
  std::string file;          // path as given, "-" for stdin
  uint64_t record = 0;       // 1-based record number within the file (JSONL line, WARC record)
  uint64_t line = 0;         // 1-based line number of the record within the file, 0 if n/a
  uint64_t byte_offset = 0;  // offset of the record within the (decompressed) file
};

// A calendar date with the precision the page states: fields after the stated precision are
// unset (-1). `tz_minutes` is set only when the page states a zone or offset.
struct Date {
  int year = -1;
  int month = -1;   // 1..12
  int day = -1;     // 1..31
  int hour = -1;
  int minute = -1;
  int second = -1;
  std::optional<int> tz_minutes;  // offset east of UTC

  bool valid() const { return year > 0; }
  // ISO 8601 at the stated precision: "2022", "2022-09", "2022-09-29T22:45:02+08:00".
  std::string ToIso() const;
  friend bool operator==(const Date&, const Date&) = default;
};

// What a page's bytes are: plain text (a WET record, a text file, a JSONL "text" field) or HTML (an
// .html file, a WARC response record, a JSONL "html" field), which the pipeline's html stage
// (html.h) turns into block lines first.
enum class PageFormat : uint8_t { kText, kHtml };

// A page as a reader hands it over.
struct Page {
  std::string id;
  std::optional<std::string> url;
  std::optional<Date> crawl_date;
  std::string text;  // kText: UTF-8 (the normalize stage repairs it); kHtml: the page's bytes, any charset
  Origin origin;
  PageFormat format = PageFormat::kText;
  std::string content_type;  // kHtml: the HTTP Content-Type header ("text/html; charset=gbk"), if any
};

// Where a line of an HTML page stood in the markup (html.h). All false/0 on text pages.
struct BlockFeatures {
  bool html = false;          // the line is a block of an HTML page
  uint8_t heading = 0;        // 1..6 inside <h1>..<h6>
  uint8_t link_pct = 0;       // share of the line's characters inside <a>, 0..100
  bool title_element = false; // the page's <title>
  bool in_article = false;    // inside <article>, itemprop=articleBody or role=article
  bool in_main = false;       // inside <main> or role=main
  bool in_nav = false;        // inside <nav>, role=navigation or role=menu(bar)
  bool in_header = false;     // inside <header> or role=banner
  bool in_footer = false;     // inside <footer> or role=contentinfo
  bool in_aside = false;      // inside <aside> or role=complementary
  bool in_caption = false;    // inside <figcaption> or <caption>
  bool in_list = false;       // inside <li>, <dt> or <dd>
  bool in_form = false;       // inside <form>, <button>, <select>, <label>
  bool hidden = false;        // hidden, aria-hidden=true or display:none on it or an ancestor
  bool chrome_class = false;  // an ancestor's class or id names page furniture (menu, share, comment, related, ...)
  bool main_content = false;  // inside the element the content scoring chose as the page's text
  bool outside_content = false;  // the page has such an element and the line is not in it
  bool page_has_h1 = false;   // some line of the page is inside an <h1>
  bool has_time = false;      // holds a <time> element
};

enum class Role : uint8_t { kChrome, kTitle, kMetadata, kBoilerplate, kBody };
std::string_view RoleName(Role role);

// Which kind of field a labelled line or a rule yields.
enum class Field : uint8_t { kNone, kAuthors, kDate, kSource, kEditors, kTitle };

// Features of one line, computed once by the lines stage (lines.h) and read by every later stage.
struct LineFeatures {
  uint32_t chars = 0;          // code points, after trimming
  uint32_t cjk = 0;            // Han, kana and Hangul code points
  uint32_t letters = 0;        // other letters
  uint32_t lower_letters = 0;  // of them, lower case
  uint32_t words = 0;          // space-separated words (Latin) or CJK chars / 2
  uint32_t capital_words = 0;  // Latin words that begin with a capital letter
  bool blank = false;
  bool repeat = false;          // the same text as the line before (a headline rendered twice)
  bool page_title = false;      // the text of the page's first line (a WET page's <title>), site name cut
  bool terminal_punct = false;  // ends with . 。 ! ? ！ ？ ; ” " after a sentence
  bool ends_with_ellipsis = false;  // ends with ... or …
  bool punct_before_ellipsis = false;  // "...have?..." rather than a word cut "re..."
  bool exclaim = false;         // the terminal punctuation is ! or ? (headlines may end so)
  bool numbered = false;        // starts like a numbered section heading: "2) ", "四、", "（一）"
  bool inner_stop = false;      // a CJK full stop inside the line: several sentences, not a headline
  bool quoted = false;          // opens with a quotation mark: a quote, not a headline
  bool menu_like = false;       // a row of short menu words: "首页 新闻 财经 科技", "World US Politics Sports"
  bool colon = false;           // ends with a colon (introduces a list, not a headline)
  bool comma = false;           // ends with a comma: a sentence goes on below, no headline
  bool dangling = false;        // ends with ';' or a word that needs more ("and", "of the"): goes on below
  bool has_label = false;       // "Author:", "作者：", "By ..." at the start or inside
  bool byline = false;          // starts with a byline ("By Jane Roe", "记者 张三", "文/李四")
  bool editor_credit = false;   // names an editor ("Editing by B", "编辑：李四"), maybe after other credits
  bool title_byline = false;    // ends with a byline: "Headline | By Jane Roe", "标题 文/李四"
  bool date_only = false;       // the line is (almost) only a date, possibly labelled
  bool has_date = false;        // a date appears in the line
  int16_t date_year = -1;       // its year when the line states one
  bool dateline = false;        // "BEIJING, Sept. 23 (Xinhua) --", "新华社北京9月23日电"
  Field meta_field = Field::kNone;
  Field label_only = Field::kNone;  // the line is only a label ("Author of the article:"): value below  // field of the line's first label or byline (kDate for a date line)
  int boilerplate_rule = -1;    // index of the first boilerplate rule that matched, or -1
  bool end_marker = false;      // that rule is named "end-marker": the article ends here
  bool inline_boilerplate = false;  // that rule is "advertisement" or "read-more": may stand mid-article
  int chrome_rule = -1;         // index of the first page-chrome rule that matched, or -1
  bool comments = false;        // that rule is named "comments": readers' comments follow
  bool repeated_line = false;   // repeated across the crawl: in LineOptions::repeated_lines (crawl_table.h)
  uint8_t page_copies = 1;      // how often this exact text stands on the page (lines of <= 300 chars; max 255)
  bool starts_lower = false;    // begins with a lower-case letter
  bool wrapped = false;         // one line of a hard-wrapped sentence (cut before its end)
  bool heading_copy = false;    // the one copy of a repeated line that stands over a paragraph
  float link_like = 0;          // share of separators typical of menus (|, >, ·)
  BlockFeatures block;          // HTML pages: where the line stood in the markup
};

// One line of a page: a view into Page::text (no copy), without its line break.
struct Line {
  uint32_t begin = 0;  // byte offset in the normalized page text
  uint32_t end = 0;    // exclusive, before '\r\n' or '\n'
  LineFeatures f;
};

struct Metadata {
  std::optional<std::string> title;
  std::vector<std::string> authors;
  std::optional<Date> published;
  std::optional<std::string> source;
  std::vector<std::string> editors;
  bool truncated = false;
};

// One article found on a page. Line numbers are 0-based internally; the writer prints them 1-based.
struct Article {
  uint32_t first_line = 0;
  uint32_t last_line = 0;          // inclusive
  std::vector<Role> roles;         // one per line of the range
  std::vector<std::string> rules;  // per line: the rule that removed it (boilerplate), else ""
  std::optional<uint32_t> title_line;
  Metadata meta;
  std::string lang;                // "en", "zh", ... or "und"
};

// Metadata an HTML page states in its markup (html.h): meta tags, JSON-LD and <time> elements.
// Empty when absent.
struct Markup {
  std::optional<std::string> title;      // <title>
  std::optional<std::string> og_title;   // og:title, twitter:title
  std::optional<std::string> headline;   // JSON-LD (News)Article headline
  std::vector<std::string> authors;      // JSON-LD author names, else <meta name=author>, article:author
  bool authors_structured = false;       // the authors come from JSON-LD (a CMS field, not free text)
  std::optional<Date> published;         // JSON-LD datePublished, article:published_time, itemprop, ...
  std::optional<std::string> site_name;  // og:site_name, JSON-LD publisher name, application-name
  std::optional<std::string> url;        // <link rel=canonical>, og:url
  std::optional<Date> time_element;      // the first <time datetime> in the body
  std::string lang;                      // <html lang>, "" when absent
};

// Everything the pipeline made of one page; the writer turns it into records.
struct PageResult {
  std::string id;
  std::optional<std::string> url;
  std::string text;                // the normalized text that Line offsets refer to
  std::vector<Line> lines;
  std::vector<Article> articles;
  uint64_t invalid_bytes = 0;      // bytes replaced by U+FFFD while decoding
  std::string charset;             // HTML pages: the charset the page was decoded from
  Markup markup;                   // HTML pages: what the markup states (`explain` shows it)
};

}  // namespace newsclip

#endif  // NEWSCLIP_TYPES_H_
