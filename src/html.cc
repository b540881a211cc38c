// The html stage: charset, decoding, parsing, and rendering block lines with their structure.
//
// Rendering walks libxml2's tree without recursion (a page may nest 100k elements). Every element
// gets a record (its parent, its pre-order range, its own flags); a line remembers the innermost
// element its text started in. After the walk, a Readability-style paragraph score picks the element
// that holds most of the page's paragraphs, and each line's container flags (nav, header, footer, aside,
// hidden, chrome class) are inherited from its ancestors except those that contain that element: a
// site that wraps its whole story in a <header> or a div named "page-with-sidebar" does not turn its
// story into chrome. A container flag that would cover most of the page's text is dropped the same way.
#include "newsclip/html.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <simdjson.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <mutex>
#include <unordered_map>

#include "newsclip/dates.h"
#include "newsclip/lines.h"
#include "newsclip/normalize.h"

namespace newsclip {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Charset

// The value of "charset=" in a Content-Type or a <meta content>, "" when none.
std::string CharsetParam(std::string_view v) {
  std::string low = Lower(v);
  size_t at = low.find("charset");
  if (at == std::string::npos) return "";
  at += 7;
  while (at < low.size() && (low[at] == ' ' || low[at] == '\t')) ++at;
  if (at >= low.size() || low[at] != '=') return "";
  ++at;
  while (at < low.size() && (low[at] == ' ' || low[at] == '"' || low[at] == '\'')) ++at;
  size_t end = at;
  while (end < low.size() && (std::isalnum(static_cast<unsigned char>(low[end])) || low[end] == '-' ||
                              low[end] == '_' || low[end] == ':' || low[end] == '.')) {
    ++end;
  }
  return low.substr(at, end - at);
}

// A declared charset label -> the ICU converter name newsclip decodes with ("" when unusable).
std::string CanonicalCharset(std::string label) {
  label = Lower(TrimSpace(label));
  if (label.empty()) return "";
  static const std::unordered_map<std::string_view, std::string_view> kMap = {
      {"utf-8", "UTF-8"}, {"utf8", "UTF-8"}, {"unicode-1-1-utf-8", "UTF-8"},
      // A UTF-16 declaration without a byte-order mark is read as UTF-8 (the HTML standard).
      {"utf-16", "UTF-8"}, {"utf-16le", "UTF-8"}, {"utf-16be", "UTF-8"}, {"unicode", "UTF-8"},
      {"gb2312", "GB18030"}, {"gbk", "GB18030"}, {"x-gbk", "GB18030"}, {"gb_2312-80", "GB18030"},
      {"gb_2312", "GB18030"}, {"csgb2312", "GB18030"}, {"chinese", "GB18030"}, {"cp936", "GB18030"},
      {"windows-936", "GB18030"}, {"ms936", "GB18030"}, {"euc-cn", "GB18030"}, {"gb18030", "GB18030"},
      {"iso-ir-58", "GB18030"}, {"hz-gb-2312", "HZ"},
      {"big5", "Big5-HKSCS"}, {"big5-hkscs", "Big5-HKSCS"}, {"x-x-big5", "Big5-HKSCS"}, {"cn-big5", "Big5-HKSCS"},
      {"shift_jis", "windows-31j"}, {"shift-jis", "windows-31j"}, {"sjis", "windows-31j"},
      {"x-sjis", "windows-31j"}, {"ms_kanji", "windows-31j"}, {"windows-31j", "windows-31j"}, {"cp932", "windows-31j"},
      {"euc-jp", "EUC-JP"}, {"iso-2022-jp", "ISO-2022-JP"},
      {"euc-kr", "windows-949"}, {"ks_c_5601-1987", "windows-949"}, {"cp949", "windows-949"},
      {"windows-949", "windows-949"},
      {"iso-8859-1", "windows-1252"}, {"iso8859-1", "windows-1252"}, {"iso_8859-1", "windows-1252"},
      {"latin1", "windows-1252"}, {"l1", "windows-1252"}, {"us-ascii", "windows-1252"}, {"ascii", "windows-1252"},
      {"windows-1252", "windows-1252"}, {"cp1252", "windows-1252"}, {"x-cp1252", "windows-1252"},
  };
  if (auto it = kMap.find(label); it != kMap.end()) return std::string(it->second);
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(label.c_str(), &status);
  if (U_FAILURE(status) || !conv) return "";
  std::string name = ucnv_getName(conv, &status);
  ucnv_close(conv);
  return U_SUCCESS(status) ? name : "";
}

// A <meta charset> or <meta http-equiv content="...charset=..."> in the first bytes of the page.
std::string MetaCharset(std::string_view bytes) {
  std::string head = Lower(bytes.substr(0, 8192));
  for (size_t at = head.find("<meta"); at != std::string::npos; at = head.find("<meta", at + 5)) {
    const size_t end = head.find('>', at);
    if (end == std::string::npos) break;
    std::string found = CharsetParam(std::string_view(head).substr(at, end - at));
    if (!found.empty()) return found;
  }
  return "";
}

// Counts UTF-8 in `s`: multi-byte sequences that are valid and bytes that are not.
void Utf8Census(std::string_view s, size_t* good_multibyte, size_t* bad) {
  *good_multibyte = *bad = 0;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t n = static_cast<int32_t>(std::min<size_t>(s.size(), INT32_MAX));
  for (int32_t i = 0; i < n;) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) *bad += static_cast<size_t>(i - start);
    else ++*good_multibyte;
  }
}

std::string DetectCharset(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  UCharsetDetector* csd = ucsdet_open(&status);
  if (U_FAILURE(status)) return "windows-1252";
  ucsdet_enableInputFilter(csd, true);  // skip markup
  const std::string_view sample = bytes.substr(0, 65536);
  ucsdet_setText(csd, sample.data(), static_cast<int32_t>(sample.size()), &status);
  const UCharsetMatch* match = ucsdet_detect(csd, &status);
  std::string name;
  if (U_SUCCESS(status) && match) {
    const char* n = ucsdet_getName(match, &status);
    if (U_SUCCESS(status) && n) name = CanonicalCharset(n);
  }
  ucsdet_close(csd);
  return name.empty() ? "windows-1252" : name;
}

// Decodes `bytes` from `charset` (an ICU name) to UTF-8; undecodable bytes become U+FFFD.
std::string Decode(std::string_view bytes, const std::string& charset, uint64_t* invalid) {
  std::string out;
  if (charset == "UTF-8" && IsCleanUtf8(bytes)) return std::string(bytes);  // the common case
  if (charset == "UTF-8") {
    // Invalid sequences become U+FFFD here: libxml2 would otherwise switch the page to Latin-1.
    out.reserve(bytes.size());
    const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
    const int32_t n = static_cast<int32_t>(std::min<size_t>(bytes.size(), INT32_MAX));
    for (int32_t i = 0; i < n;) {
      const int32_t start = i;
      UChar32 c;
      U8_NEXT(p, i, n, c);
      if (c <= 0) {
        out.append(kReplacement);
        *invalid += static_cast<uint64_t>(i - start);
      } else {
        out.append(bytes.data() + start, static_cast<size_t>(i - start));
      }
    }
    return out;
  }
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(charset.c_str(), &status);
  if (U_FAILURE(status) || !conv) return Decode(bytes, "UTF-8", invalid);
  icu::UnicodeString u(bytes.data(), static_cast<int32_t>(std::min<size_t>(bytes.size(), INT32_MAX)), conv, status);
  ucnv_close(conv);
  if (U_FAILURE(status)) return Decode(bytes, "UTF-8", invalid);
  // Unmappable bytes come back as U+FFFD or U+001A (the substitution character of single-byte
  // converters); NUL is replaced too, as on text pages.
  for (int32_t i = 0; i < u.length(); ++i) {
    const char16_t c = u.charAt(i);
    if (c == 0x1A || c == 0 || c == 0xFFFD) {
      if (c != 0xFFFD) u.setCharAt(i, 0xFFFD);
      ++*invalid;
    }
  }
  u.toUTF8String(out);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Dates in markup

int Digits(std::string_view s, size_t at, size_t n) {
  if (at + n > s.size()) return -1;
  int v = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

// ---------------------------------------------------------------------------------------------
// The tree walk

enum ElemFlag : uint32_t {
  kBlock = 1u << 0,
  kSkip = 1u << 1,  // script, style: dropped with their text
  kArticle = 1u << 2,
  kMain = 1u << 3,
  kNav = 1u << 4,
  kHeader = 1u << 5,
  kFooter = 1u << 6,
  kAside = 1u << 7,
  kCaption = 1u << 8,
  kList = 1u << 9,
  kForm = 1u << 10,
  kHidden = 1u << 11,
  kChromeClass = 1u << 12,
  kPre = 1u << 13,
  kBreak = 1u << 14,  // <br>, <hr>: ends the line
  kLink = 1u << 15,
  kTitle = 1u << 16,
  kTime = 1u << 17,
  kParagraph = 1u << 18,  // a text block the content score counts (p, pre, td, blockquote, ...)
  kCommentClass = 1u << 19,  // class or id names readers' comments
};
// Flags of containers that mark page furniture; not inherited from an ancestor of the content.
constexpr uint32_t kContainerFlags = kNav | kHeader | kFooter | kAside | kHidden | kChromeClass;

struct TagInfo {
  uint32_t flags = 0;
  uint8_t heading = 0;
};

const TagInfo* Tag(std::string_view name) {
  static const std::unordered_map<std::string_view, TagInfo> kTags = {
      {"script", {kSkip}}, {"style", {kSkip}},
      {"p", {kBlock | kParagraph}}, {"pre", {kBlock | kPre | kParagraph}}, {"blockquote", {kBlock | kParagraph}},
      {"td", {kBlock | kParagraph}}, {"th", {kBlock}}, {"div", {kBlock}}, {"section", {kBlock}},
      {"article", {kBlock | kArticle}}, {"main", {kBlock | kMain}}, {"nav", {kBlock | kNav}},
      {"header", {kBlock | kHeader}}, {"footer", {kBlock | kFooter}}, {"aside", {kBlock | kAside}},
      {"figure", {kBlock}}, {"figcaption", {kBlock | kCaption}}, {"caption", {kBlock | kCaption}},
      {"li", {kBlock | kList}}, {"dt", {kBlock | kList}}, {"dd", {kBlock | kList}}, {"ul", {kBlock}},
      {"ol", {kBlock}}, {"dl", {kBlock}}, {"table", {kBlock}}, {"tr", {kBlock}}, {"tbody", {kBlock}},
      {"thead", {kBlock}}, {"tfoot", {kBlock}}, {"address", {kBlock}}, {"center", {kBlock}},
      {"details", {kBlock}}, {"summary", {kBlock}}, {"dialog", {kBlock | kHidden}}, {"fieldset", {kBlock | kForm}},
      {"legend", {kBlock}}, {"form", {kBlock | kForm}}, {"button", {kBlock | kForm}},
      {"select", {kBlock | kForm}}, {"option", {kBlock | kForm}}, {"label", {kForm}}, {"textarea", {kBlock | kForm}},
      {"noscript", {kBlock | kHidden}}, {"noembed", {kBlock | kHidden}}, {"noframes", {kBlock | kHidden}}, {"template", {kBlock | kHidden}}, {"body", {kBlock}},
      {"html", {kBlock}}, {"head", {kBlock}}, {"title", {kBlock | kTitle}}, {"br", {kBreak}}, {"hr", {kBreak}},
      {"a", {kLink}}, {"time", {kTime}}, {"iframe", {kBlock}}, {"menu", {kBlock | kNav}},
      {"h1", {kBlock, 1}}, {"h2", {kBlock, 2}}, {"h3", {kBlock, 3}}, {"h4", {kBlock, 4}}, {"h5", {kBlock, 5}},
      {"h6", {kBlock, 6}},
  };
  auto it = kTags.find(name);
  return it == kTags.end() ? nullptr : &it->second;
}

std::string_view Name(const xmlNode* n) { return n->name ? reinterpret_cast<const char*>(n->name) : ""; }

std::string_view Attr(const xmlNode* n, const char* name) {
  for (const xmlAttr* a = n->properties; a; a = a->next) {
    if (xmlStrcasecmp(a->name, reinterpret_cast<const xmlChar*>(name)) == 0) {
      if (a->children && a->children->content) return reinterpret_cast<const char*>(a->children->content);
      return "";
    }
  }
  return {};
}

bool HasAttr(const xmlNode* n, const char* name) {
  for (const xmlAttr* a = n->properties; a; a = a->next) {
    if (xmlStrcasecmp(a->name, reinterpret_cast<const xmlChar*>(name)) == 0) return true;
  }
  return false;
}

// True when a class or id names page furniture (as Readability's "unlikely candidates" do).
bool ChromeClass(std::string_view class_and_id) {
  static constexpr std::array<std::string_view, 30> kWords = {
      "comment", "share", "sharing", "social", "related", "recommend", "sidebar", "footer", "menu",
      "breadcrumb", "cookie", "newsletter", "subscribe", "promo", "sponsor", "advert", "banner", "popup",
      "modal", "pagination", "pager", "navbar", "topnav", "disqus", "outbrain", "taboola", "popular",
      "trending", "signup", "paywall"};
  if (class_and_id.empty()) return false;
  const std::string_view low = class_and_id;  // lower-cased by the caller
  for (std::string_view w : kWords) {
    if (low.find(w) != std::string::npos) return true;
  }
  // "nav" as a word or a prefix/suffix ("main-nav", "nav-bar"), not inside "canvas".
  for (size_t at = low.find("nav"); at != std::string::npos; at = low.find("nav", at + 3)) {
    const bool left = at == 0 || !std::isalpha(static_cast<unsigned char>(low[at - 1]));
    const bool right = at + 3 >= low.size() || !std::isalpha(static_cast<unsigned char>(low[at + 3])) ||
                       low.compare(at, 10, "navigation") == 0;
    if (left && right) return true;
  }
  return false;
}

// See Renderer::AppendText. True when *out differs from `s`.
bool FixLegacyText(const char* s, std::string* out) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kEntities = {{
      {"&nbsp", " "}, {"&copy", "\xC2\xA9"}, {"&reg", "\xC2\xAE"}, {"&amp", "&"}, {"&quot", "\""},
      {"&lt", "<"}, {"&gt", ">"}}};
  // U+0080..U+009F as Windows-1252 reads the bytes 0x80..0x9F ("" where it has no character).
  static constexpr std::array<std::string_view, 32> kC1 = {
      "\u20AC", "", "\u201A", "\u0192", "\u201E", "\u2026", "\u2020", "\u2021", "\u02C6", "\u2030", "\u0160",
      "\u2039", "\u0152", "", "\u017D", "", "", "\u2018", "\u2019", "\u201C", "\u201D", "\u2022", "\u2013",
      "\u2014", "\u02DC", "\u2122", "\u0161", "\u203A", "\u0153", "", "\u017E", "\u0178"};
  const std::string_view in(s);
  bool changed = false;
  out->clear();
  out->reserve(in.size());
  for (size_t i = 0; i < in.size();) {
    if (in[i] == '&') {
      bool hit = false;
      for (const auto& [name, value] : kEntities) {
        if (in.compare(i, name.size(), name) == 0) {
          out->append(value);
          i += name.size() + (i + name.size() < in.size() && in[i + name.size()] == ';');
          hit = changed = true;
          break;
        }
      }
      if (hit) continue;
    } else if (static_cast<unsigned char>(in[i]) == 0xC2 && i + 1 < in.size()) {
      const auto c = static_cast<unsigned char>(in[i + 1]);
      if (c >= 0x80 && c <= 0x9F && !kC1[c - 0x80].empty()) {
        out->append(kC1[c - 0x80]);
        i += 2;
        changed = true;
        continue;
      }
    }
    out->push_back(in[i++]);
  }
  return changed;
}

// True when a class or id names a comments section ("comments", "comment-list", "disqus_thread"),
// not a story that has comments ("commented", "comments-open", "no-comments").
bool CommentClass(std::string_view class_and_id) {
  if (class_and_id.size() < 6) return false;
  const std::string_view low = class_and_id;  // lower-cased by the caller
  size_t at = 0;
  while (at < low.size()) {
    const size_t end = std::min(low.find(' ', at), low.size());
    const std::string_view token = std::string_view(low).substr(at, end - at);
    at = end + 1;
    if (token.find("disqus") != std::string_view::npos) return true;
    if (token.find("comment") == std::string_view::npos) continue;
    if (token.find("commented") != std::string_view::npos || token.find("open") != std::string_view::npos ||
        token.find("no-comment") != std::string_view::npos || token.find("nocomment") != std::string_view::npos ||
        token.find("count") != std::string_view::npos) {
      continue;
    }
    return true;
  }
  return false;
}

struct Elem {
  uint32_t parent = 0;
  uint32_t end = 0;  // last pre-order index inside it
  uint32_t flags = 0;
  uint8_t heading = 0;
};

struct RawLine {
  std::string text;
  uint32_t elem = 0;  // innermost element where its text started
  uint32_t block = 0;  // innermost block element around it
  uint32_t link_bytes = 0;
  bool has_time = false;
  bool after_break = false;  // started after a <br> or a newline in <pre>, inside the same block
};

// True when `text` ends like a sentence or a heading ends (so a line after it is not its rest).
bool EndsClause(std::string_view text) {
  static constexpr std::array<std::string_view, 16> kEnds = {
      ".", "!", "?", ":", ";", "\"", ")", "\xE3\x80\x82", "\xEF\xBC\x81", "\xEF\xBC\x9F", "\xEF\xBC\x9A",
      "\xEF\xBC\x9B", "\xE2\x80\x9D", "\xE3\x80\x8D", "\xEF\xBC\x89", "\xE2\x80\xA6"};
  for (std::string_view e : kEnds) {
    if (text.ends_with(e)) return true;
  }
  return false;
}

// Code points of `text` that are Han, kana or Hangul.
size_t CjkCount(std::string_view text) {
  size_t n = 0;
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t len = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < len;) {
    UChar32 c;
    U8_NEXT(p, i, len, c);
    if ((c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF)) ++n;
  }
  return n;
}

// A line broken by <br> (or in <pre>) in the middle of a sentence, as hard-wrapped text is: the
// previous line is long and does not end a clause, and this one goes on (CJK text, or a Latin
// line that starts in lower case).
// `strict`: the lines are separate paragraph elements (a page that put every wrapped line in its
// own <p>): only a long line that stops mid-clause continues.
bool ContinuesWrapped(const std::string& prev, const std::string& line, bool strict = false) {
  if (EndsClause(prev)) return false;
  const size_t cjk = CjkCount(prev);
  if (cjk >= (strict ? 25u : 12u)) return CjkCount(line.substr(0, std::min<size_t>(line.size(), 12))) >= 2;
  return prev.size() >= (strict ? 60u : 40u) && !line.empty() && line[0] >= 'a' && line[0] <= 'z';
}

class Renderer {
 public:
  explicit Renderer(HtmlDocument* doc) : doc_(doc) {}

  void Run(xmlNode* root) {
    elems_.push_back(Elem{});  // 0: the document
    elems_[0].flags = kBlock;
    stack_.push_back(0);
    xmlNode* n = root;
    while (n) {
      const bool descend = Enter(n);
      if (descend && n->children) {
        n = n->children;
        continue;
      }
      for (;;) {
        Leave(n);
        if (n == root) {
          n = nullptr;
          break;
        }
        if (n->next) {
          n = n->next;
          break;
        }
        n = n->parent;
        if (!n) break;
      }
    }
    Flush();
    elems_[0].end = static_cast<uint32_t>(elems_.size() - 1);
    Finish();
  }

 private:
  // Returns whether to walk into the node's children.
  bool Enter(xmlNode* n) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      if (n->content) AppendText(reinterpret_cast<const char*>(n->content));
      return false;
    }
    if (n->type != XML_ELEMENT_NODE) return false;
    const std::string_view name = Name(n);
    const TagInfo* tag = Tag(name);
    uint32_t flags = tag ? tag->flags : 0;
    if (flags & kSkip) {
      if (name == "script") Script(n);
      return false;
    }
    if (name == "meta") {
      Meta(n);
      return false;
    }
    if (name == "link") {
      if (Lower(Attr(n, "rel")) == "canonical" && !Attr(n, "href").empty() && !doc_->markup.url) {
        doc_->markup.url = std::string(Attr(n, "href"));
      }
      return false;
    }
    if (name == "html" && doc_->markup.lang.empty()) doc_->markup.lang = Lower(TrimSpace(Attr(n, "lang")));
    // Attributes that say what the element is.
    const std::string_view role = Attr(n, "role");
    if (!role.empty()) {
      const std::string r = Lower(role);
      if (r == "navigation" || r == "menu" || r == "menubar") flags |= kNav;
      else if (r == "banner") flags |= kHeader;
      else if (r == "contentinfo") flags |= kFooter;
      else if (r == "complementary") flags |= kAside;
      else if (r == "main") flags |= kMain;
      else if (r == "article") flags |= kArticle;
      else if (r == "dialog" || r == "alertdialog") flags |= kHidden;
    }
    const std::string_view itemprop = Attr(n, "itemprop");
    if (!itemprop.empty()) {
      if (itemprop == "articleBody") flags |= kArticle;
      if (itemprop == "datePublished" && !itemprop_date_) {
        std::string_view v = Attr(n, "content");
        if (v.empty()) v = Attr(n, "datetime");
        if (auto d = ParseIsoTimestamp(v)) itemprop_date_ = d;
      }
    }
    if (HasAttr(n, "hidden") || Lower(Attr(n, "aria-hidden")) == "true") flags |= kHidden;
    if (std::string_view style = Attr(n, "style"); !style.empty()) {
      std::string s = Lower(style);
      s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
      if (s.find("display:none") != std::string::npos || s.find("visibility:hidden") != std::string::npos) flags |= kHidden;
    }
    // class and id, lower-cased into a reused buffer (this runs for every element).
    const std::string_view cls = Attr(n, "class"), id = Attr(n, "id");
    if (!cls.empty() || !id.empty()) {
      class_id_.assign(cls);
      class_id_ += ' ';
      class_id_ += id;
      for (char& c : class_id_) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      if (ChromeClass(class_id_)) flags |= kChromeClass;
      if (name != "article" && name != "main" && name != "body" && CommentClass(class_id_)) flags |= kCommentClass;
    }
    if (flags & kTime) {
      has_time_ = true;
      if (!doc_->markup.time_element) {
        if (auto d = ParseIsoTimestamp(Attr(n, "datetime"))) doc_->markup.time_element = d;
      }
    }
    if (flags & kBreak) {
      Flush();
      after_break_ = true;
      return false;
    }
    if (flags & kBlock) {
      Flush();
      after_break_ = false;
    }
    Elem e;
    e.parent = stack_.back();
    e.flags = flags;
    e.heading = tag ? tag->heading : 0;
    stack_.push_back(static_cast<uint32_t>(elems_.size()));
    elems_.push_back(e);
    if (flags & kLink) ++in_link_;
    if (flags & kPre) ++in_pre_;
    return true;
  }

  void Leave(xmlNode* n) {
    if (n->type != XML_ELEMENT_NODE || stack_.size() <= 1) return;
    const std::string_view name = Name(n);
    const TagInfo* tag = Tag(name);
    const uint32_t tflags = tag ? tag->flags : 0;
    if ((tflags & (kSkip | kBreak)) || name == "meta" || name == "link") return;  // never pushed
    const uint32_t idx = stack_.back();
    Elem& e = elems_[idx];
    if (e.flags & kBlock) {
      Flush();
      after_break_ = false;
    }
    if (e.flags & kTitle && !doc_->markup.title && title_line_ >= 0) {
      doc_->markup.title = lines_[static_cast<size_t>(title_line_)].text;
    }
    if (e.flags & kLink) --in_link_;
    if (e.flags & kPre) --in_pre_;
    e.end = static_cast<uint32_t>(elems_.size() - 1);
    stack_.pop_back();
  }

  void AppendText(const char* s) {
    // What browsers read differently from libxml2: legacy entities without their ';' ("&nbsp",
    // "&copy"), left as text by libxml2, and numeric references to C1 controls ("&#150;"), which
    // mean Windows-1252 characters ("–").
    if (std::strchr(s, '&') != nullptr || std::strstr(s, "\xC2") != nullptr) {
      std::string fixed;
      if (FixLegacyText(s, &fixed)) {
        AppendPlain(fixed.c_str());
        return;
      }
    }
    AppendPlain(s);
  }

  void AppendPlain(const char* s) {
    for (const char* p = s; *p; ++p) {
      const char c = *p;
      if (c == '\n' && in_pre_ > 0) {
        Flush();
        after_break_ = true;
        continue;
      }
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
        space_ = true;
        continue;
      }
      if (cur_.text.empty()) {
        cur_.elem = stack_.back();
        cur_.block = CurrentBlock();
        cur_.after_break = after_break_;
        cur_.link_bytes = 0;
      } else if (space_) {
        cur_.text += ' ';
      }
      space_ = false;
      cur_.text += c;
      if (in_link_ > 0) ++cur_.link_bytes;
    }
  }

  void Flush() {
    space_ = false;
    if (cur_.text.empty()) {
      has_time_ = false;
      return;
    }
    cur_.has_time = has_time_;
    has_time_ = false;
    if (elems_[cur_.elem].flags & kTitle || InTitle()) title_line_ = static_cast<int64_t>(lines_.size());
    lines_.push_back(std::move(cur_));
    cur_ = RawLine{};
  }

  uint32_t CurrentBlock() const {
    for (size_t i = stack_.size(); i-- > 0;) {
      if (elems_[stack_[i]].flags & kBlock) return stack_[i];
    }
    return 0;
  }

  bool InTitle() const {
    for (uint32_t i : stack_) {
      if (elems_[i].flags & kTitle) return true;
    }
    return false;
  }

  void Meta(xmlNode* n) {
    std::string key = Lower(Attr(n, "property"));
    if (key.empty()) key = Lower(Attr(n, "name"));
    if (key.empty()) key = Lower(Attr(n, "itemprop"));
    if (key.empty()) return;
    const std::string value(TrimSpace(Attr(n, "content")));
    if (value.empty()) return;
    Markup& m = doc_->markup;
    if ((key == "og:title" || key == "twitter:title" || key == "dc.title") && !m.og_title) {
      m.og_title = value;
    } else if (key == "og:site_name" || (key == "application-name" && !m.site_name)) {
      if (!m.site_name || key == "og:site_name") m.site_name = value;
    } else if (key == "og:url" && !m.url) {
      m.url = value;
    } else if (key == "author" || key == "article:author" || key == "dc.creator" || key == "parsely-author" ||
               key == "sailthru.author" || key == "byl" || key == "dcterms.creator") {
      if (value.find("://") == std::string::npos && value.find("www.") == std::string::npos) {
        std::string v = value;
        if (Lower(v).starts_with("by ")) v = v.substr(3);
        if (meta_authors_.empty() || meta_author_key_ == key) {
          meta_author_key_ = key;
          meta_authors_.push_back(v);
        }
      }
    } else {
      static constexpr std::array<std::string_view, 14> kDateKeys = {
          "article:published_time", "og:article:published_time", "datepublished", "og:published_time",
          "publishdate", "pubdate", "publish-date", "publication_date", "dc.date.issued", "dcterms.created",
          "parsely-pub-date", "sailthru.date", "dc.date", "date"};
      for (size_t rank = 0; rank < kDateKeys.size(); ++rank) {
        if (key != kDateKeys[rank]) continue;
        if (rank < meta_date_rank_) {
          if (auto d = ParseIsoTimestamp(value)) {
            meta_date_ = d;
            meta_date_rank_ = rank;
          }
        }
        break;
      }
    }
  }

  void Script(xmlNode* n) {
    if (Lower(TrimSpace(Attr(n, "type"))) != "application/ld+json") return;
    std::string json;
    for (xmlNode* c = n->children; c; c = c->next) {
      if (c->content) json += reinterpret_cast<const char*>(c->content);
    }
    JsonLd(json);
  }

  static bool IsArticleType(simdjson::dom::element type) {
    auto one = [](std::string_view t) {
      return t == "NewsArticle" || t == "Article" || t == "BlogPosting" || t == "ReportageNewsArticle" ||
             t == "AnalysisNewsArticle" || t == "OpinionNewsArticle" || t == "ReviewNewsArticle" ||
             t == "BackgroundNewsArticle" || t == "LiveBlogPosting" || t == "Report" || t == "TechArticle" ||
             t == "ScholarlyArticle" || t == "SocialMediaPosting";
    };
    std::string_view s;
    if (!type.get_string().get(s)) return one(s);
    simdjson::dom::array arr;
    if (!type.get_array().get(arr)) {
      for (auto t : arr) {
        if (!t.get_string().get(s) && one(s)) return true;
      }
    }
    return false;
  }

  static void Names(simdjson::dom::element v, std::vector<std::string>* out) {
    std::string_view s;
    if (!v.get_string().get(s)) {
      if (!s.empty() && s.find("://") == std::string_view::npos) out->emplace_back(TrimSpace(s));
      return;
    }
    simdjson::dom::array arr;
    if (!v.get_array().get(arr)) {
      for (auto x : arr) Names(x, out);
      return;
    }
    simdjson::dom::object obj;
    if (!v.get_object().get(obj)) {
      simdjson::dom::element name;
      if (!obj["name"].get(name)) Names(name, out);
    }
  }

  void FromArticle(simdjson::dom::object obj) {
    if (found_ld_article_) return;
    found_ld_article_ = true;
    Markup& m = doc_->markup;
    std::string_view s;
    if (!obj["headline"].get_string().get(s) && !TrimSpace(s).empty()) m.headline = std::string(TrimSpace(s));
    simdjson::dom::element author;
    if (!obj["author"].get(author)) Names(author, &ld_authors_);
    if (!obj["datePublished"].get_string().get(s)) ld_date_ = ParseIsoTimestamp(s);
    simdjson::dom::element publisher;
    if (!obj["publisher"].get(publisher)) {
      std::vector<std::string> names;
      Names(publisher, &names);
      if (!names.empty() && !names[0].empty()) ld_publisher_ = names[0];
    }
  }

  void Visit(simdjson::dom::element e, int depth) {
    if (depth > 4 || found_ld_article_) return;
    simdjson::dom::array arr;
    if (!e.get_array().get(arr)) {
      for (auto x : arr) Visit(x, depth + 1);
      return;
    }
    simdjson::dom::object obj;
    if (e.get_object().get(obj)) return;
    simdjson::dom::element type;
    if (!obj["@type"].get(type) && IsArticleType(type)) {
      FromArticle(obj);
      return;
    }
    simdjson::dom::element graph;
    if (!obj["@graph"].get(graph)) Visit(graph, depth + 1);
    simdjson::dom::element main;
    if (!obj["mainEntity"].get(main)) Visit(main, depth + 1);
  }

  void JsonLd(std::string_view json) {
    json = TrimSpace(json);
    // Some pages wrap it for old browsers: "<![CDATA[ ... ]]>", "<!-- ... -->", "//<![CDATA[".
    for (std::string_view open : {"//<![CDATA[", "<![CDATA[", "<!--"}) {
      if (json.starts_with(open)) json = TrimSpace(json.substr(open.size()));
    }
    for (std::string_view close : {"//]]>", "]]>", "-->"}) {
      if (json.ends_with(close)) json = TrimSpace(json.substr(0, json.size() - close.size()));
    }
    if (json.empty() || json.size() > (4u << 20)) return;
    simdjson::dom::element root;
    if (json_.parse(json.data(), json.size()).get(root)) return;  // malformed JSON-LD is common: ignored
    Visit(root, 0);
  }

  // The content element: the smallest element that holds most (kContentShare) of the page's
  // paragraph text, scored per line as Readability scores paragraphs (length, commas, few links).
  // A story split over several sibling containers gets their common parent; a page whose text is
  // spread everywhere gets no element (0), and nothing is outside it.
  static float ParagraphScore(const RawLine& l) {
    const size_t bytes = l.text.size();
    if (bytes < 50 || l.link_bytes * 2 > bytes) return 0;
    size_t commas = 0;
    for (size_t at = 0; at < l.text.size(); ++at) {
      if (l.text[at] == ',') ++commas;
      else if (l.text.compare(at, 3, "\xEF\xBC\x8C") == 0 || l.text.compare(at, 3, "\xE3\x80\x82") == 0) ++commas;
    }
    return 1.f + static_cast<float>(commas) + std::min(3.f, static_cast<float>(bytes) / 100.f);
  }

  uint32_t PickContent() {
    constexpr float kContentShare = 0.6f;  // measured: 0.5-0.9 on the dev HTML pages, 0.6 best
    std::vector<float> mass(elems_.size(), 0.f);
    auto sum = [&](const std::vector<uint8_t>* skip) {
      std::fill(mass.begin(), mass.end(), 0.f);
      for (const RawLine& l : lines_) {
        if (!skip || !(*skip)[l.elem]) mass[l.elem] += ParagraphScore(l);
      }
      for (size_t i = elems_.size() - 1; i > 0; --i) mass[elems_[i].parent] += mass[i];
    };
    sum(nullptr);
    if (mass[0] <= 0) return 0;
    // Readers' comments often outweigh the story: a container named for comments does not count,
    // unless it holds nearly all the text (a page wrapper with a "comments-open" class).
    std::vector<uint8_t> comments(elems_.size(), 0);
    bool any = false;
    for (uint32_t i = 1; i < elems_.size(); ++i) {
      const bool own = (elems_[i].flags & kCommentClass) && mass[i] < 0.9f * mass[0];
      comments[i] = comments[elems_[i].parent] || own;
      any = any || own;
    }
    if (any) sum(&comments);
    if (mass[0] <= 0) return 0;
    // Elements over the share form one chain from the root: the deepest has the largest index.
    uint32_t pick = 0;
    for (uint32_t i = 1; i < elems_.size(); ++i) {
      if (mass[i] >= kContentShare * mass[0]) pick = i;
    }
    if (pick != 0) content_.push_back({pick, elems_[pick].end});
    return pick;
  }

  bool InContent(uint32_t e) const {
    for (const auto& [first, last] : content_) {
      if (e >= first && e <= last) return true;
    }
    return false;
  }

  void Finish() {
    Markup& m = doc_->markup;
    m.authors_structured = !ld_authors_.empty();
    if (!ld_authors_.empty()) m.authors = ld_authors_;
    else m.authors = meta_authors_;
    if (ld_date_) m.published = ld_date_;
    else if (meta_date_) m.published = meta_date_;
    else if (itemprop_date_) m.published = itemprop_date_;
    if (ld_publisher_ && !m.site_name) m.site_name = ld_publisher_;

    // Hard-wrapped text (a <br> or a <pre> newline every 40 characters) becomes one line per
    // paragraph again: else every wrapped line looks like a headline or a fragment.
    std::vector<RawLine> merged;
    merged.reserve(lines_.size());
    for (RawLine& l : lines_) {
      const RawLine* prev = merged.empty() ? nullptr : &merged.back();
      const bool same_block = prev && l.after_break && l.block == prev->block;
      const bool sibling_paragraphs =
          prev && !l.after_break && l.block != prev->block && (elems_[l.block].flags & kParagraph) &&
          (elems_[prev->block].flags & kParagraph) && elems_[l.block].parent == elems_[prev->block].parent;
      if ((same_block || sibling_paragraphs) && ContinuesWrapped(prev->text, l.text, sibling_paragraphs)) {
        RawLine& prev = merged.back();
        if (CjkCount(prev.text.substr(prev.text.size() > 6 ? prev.text.size() - 6 : 0)) == 0) prev.text += ' ';
        prev.text += l.text;
        prev.link_bytes += l.link_bytes;
        prev.has_time = prev.has_time || l.has_time;
        continue;
      }
      merged.push_back(std::move(l));
    }
    lines_.swap(merged);
    const uint32_t content = PickContent();
    // Ancestors of the content element (and itself) do not pass on container flags.
    std::vector<uint8_t> holds_content(elems_.size(), 0);
    if (content != 0) {
      for (uint32_t e = content;; e = elems_[e].parent) {
        holds_content[e] = 1;
        if (e == 0) break;
      }
    }
    std::vector<uint32_t> inherited(elems_.size(), 0);
    std::vector<uint8_t> heading(elems_.size(), 0);
    for (uint32_t i = 1; i < elems_.size(); ++i) {
      uint32_t own = elems_[i].flags;
      if (holds_content[i]) own &= ~kContainerFlags;
      inherited[i] = inherited[elems_[i].parent] | own;
      heading[i] = elems_[i].heading ? elems_[i].heading : heading[elems_[i].parent];
    }
    // A container flag over most of the text is not furniture but the page's layout.
    size_t total = 0;
    std::array<size_t, 32> by_flag{};
    for (const RawLine& l : lines_) {
      total += l.text.size();
      for (int b = 0; b < 32; ++b) {
        if (inherited[l.elem] & (1u << b)) by_flag[b] += l.text.size();
      }
    }
    uint32_t drop = 0;
    for (int b = 0; b < 32; ++b) {
      if (((1u << b) & kContainerFlags) && by_flag[b] * 10 > total * 6) drop |= 1u << b;
    }
    bool has_h1 = false;
    for (const RawLine& l : lines_) has_h1 = has_h1 || heading[l.elem] == 1;
    doc_->text.clear();
    doc_->blocks.clear();
    doc_->blocks.reserve(lines_.size());
    for (const RawLine& l : lines_) {
      uint32_t f = inherited[l.elem] & ~drop;
      // The page's <h1> is its headline, even inside a header or a container named like furniture.
      if (heading[l.elem] == 1) f &= ~(kHeader | kChromeClass);
      BlockFeatures b;
      b.html = true;
      b.heading = heading[l.elem];
      b.link_pct = static_cast<uint8_t>(std::min<size_t>(100, l.link_bytes * 100 / std::max<size_t>(1, l.text.size())));
      b.title_element = f & kTitle;
      b.in_article = f & kArticle;
      b.in_main = f & kMain;
      b.in_nav = f & kNav;
      b.in_header = f & kHeader;
      b.in_footer = f & kFooter;
      b.in_aside = f & kAside;
      b.in_caption = f & kCaption;
      b.in_list = f & kList;
      b.in_form = f & kForm;
      b.hidden = f & kHidden;
      b.chrome_class = f & kChromeClass;
      b.main_content = content != 0 && InContent(l.elem);
      b.outside_content = content != 0 && !b.main_content;
      b.page_has_h1 = has_h1;
      b.has_time = l.has_time;
      doc_->blocks.push_back(b);
      doc_->text += l.text;
      doc_->text += '\n';
    }
  }

  HtmlDocument* doc_;
  std::vector<Elem> elems_;
  std::vector<uint32_t> stack_;
  std::vector<RawLine> lines_;
  RawLine cur_;
  bool space_ = false;
  bool has_time_ = false;
  bool after_break_ = false;
  std::string class_id_;  // Enter's buffer
  int in_link_ = 0;
  int in_pre_ = 0;
  int64_t title_line_ = -1;
  std::vector<std::pair<uint32_t, uint32_t>> content_;  // pre-order ranges of the content elements
  simdjson::dom::parser json_;
  bool found_ld_article_ = false;
  std::vector<std::string> ld_authors_, meta_authors_;
  std::string meta_author_key_;
  std::optional<Date> ld_date_, meta_date_, itemprop_date_;
  size_t meta_date_rank_ = SIZE_MAX;
  std::optional<std::string> ld_publisher_;
};

void IgnoreError(void*, const char*, ...) {}

void InitLibxml() {
  static std::once_flag once;
  std::call_once(once, [] {
    xmlInitParser();
    // Errors are recovered from, never printed.
    xmlSetGenericErrorFunc(nullptr, IgnoreError);
  });
}

}  // namespace

std::optional<Date> ParseIsoTimestamp(std::string_view s) {
  s = TrimSpace(s);
  Date d;
  d.year = Digits(s, 0, 4);
  if (d.year < 1000 || (s.size() > 4 && s[4] != '-')) return std::nullopt;
  if (s.size() >= 7) {
    d.month = Digits(s, 5, 2);
    if (d.month < 1) return std::nullopt;
  }
  if (s.size() >= 10) {
    if (s[7] != '-') return std::nullopt;
    d.day = Digits(s, 8, 2);
    if (d.day < 1) return std::nullopt;
  }
  size_t at = 10;
  if (s.size() > 11 && (s[10] == 'T' || s[10] == ' ' || s[10] == 't')) {
    d.hour = Digits(s, 11, 2);
    d.minute = s.size() >= 16 && s[13] == ':' ? Digits(s, 14, 2) : -1;
    if (d.hour < 0 || d.minute < 0) {
      d.hour = d.minute = -1;
    } else {
      at = 16;
      if (s.size() >= 19 && s[16] == ':') {
        d.second = Digits(s, 17, 2);
        if (d.second < 0) return std::nullopt;
        at = 19;
        if (at < s.size() && (s[at] == '.' || s[at] == ',')) {
          ++at;
          while (at < s.size() && s[at] >= '0' && s[at] <= '9') ++at;
        }
      }
      // The zone: Z, +hh:mm, +hhmm, +hh.
      while (at < s.size() && s[at] == ' ') ++at;
      if (at < s.size() && (s[at] == 'Z' || s[at] == 'z')) {
        d.tz_minutes = 0;
      } else if (at < s.size() && (s[at] == '+' || s[at] == '-')) {
        const int sign = s[at] == '-' ? -1 : 1;
        const int hh = Digits(s, at + 1, 2);
        int mm = 0;
        if (at + 3 < s.size()) {
          mm = Digits(s, at + (s[at + 3] == ':' ? 4 : 3), 2);
          if (mm < 0) mm = 0;
        }
        if (hh >= 0 && hh <= 14) d.tz_minutes = sign * (hh * 60 + mm);
      }
    }
  }
  if (!DateParser::IsValid(d)) return std::nullopt;
  return d;
}

std::string SniffCharset(std::string_view bytes, std::string_view content_type) {
  if (bytes.starts_with("\xEF\xBB\xBF")) return "UTF-8";
  if (bytes.starts_with("\xFF\xFE")) return "UTF-16LE";
  if (bytes.starts_with("\xFE\xFF")) return "UTF-16BE";
  std::string declared = CanonicalCharset(CharsetParam(content_type));
  if (declared.empty()) declared = CanonicalCharset(MetaCharset(bytes));
  if (simdjson::validate_utf8(bytes.data(), bytes.size())) {
    // Valid UTF-8: ASCII follows the declaration; any other byte is multi-byte UTF-8, which legacy
    // encodings seldom form by chance, so it wins over a declaration.
    if (IsAscii(bytes)) return declared.empty() ? "UTF-8" : declared;
    return "UTF-8";
  }
  size_t good = 0, bad = 0;
  Utf8Census(bytes, &good, &bad);
  // Multi-byte UTF-8 that is (almost all) valid is UTF-8 whatever the page says: legacy encodings
  // seldom form valid sequences by chance.
  if (good >= 4 && bad * 50 <= good) return "UTF-8";
  if (!declared.empty() && declared != "UTF-8") return declared;
  if (good + bad == 0 || (good > 0 && bad <= good)) return "UTF-8";  // ASCII, or UTF-8 with some bad bytes
  return DetectCharset(bytes);
}

HtmlDocument ParseHtml(std::string_view bytes, std::string_view content_type) {
  InitLibxml();
  HtmlDocument doc;
  doc.charset = SniffCharset(bytes, content_type);
  std::string_view body = bytes;
  if (doc.charset == "UTF-8" && body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
  std::string utf8 = Decode(body, doc.charset, &doc.invalid_bytes);
  // NUL would end libxml2's text early.
  for (size_t at = utf8.find('\0'); at != std::string::npos; at = utf8.find('\0', at)) {
    utf8.replace(at, 1, kReplacement);
    ++doc.invalid_bytes;
  }
  if (TrimSpace(utf8).empty()) return doc;
  const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                      HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE;
  htmlDocPtr tree = htmlReadMemory(utf8.data(), static_cast<int>(std::min<size_t>(utf8.size(), INT32_MAX)), nullptr,
                                   "UTF-8", options);
  if (!tree) return doc;
  if (xmlNode* root = xmlDocGetRootElement(tree)) {
    Renderer renderer(&doc);
    renderer.Run(root);
  }
  xmlFreeDoc(tree);
  return doc;
}

}  // namespace newsclip
