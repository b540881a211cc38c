// newsclip/html.h: the html stage. An HTML page (bytes in any charset) becomes block lines, one
// line per block element, each with BlockFeatures (types.h) that say where it stood in the markup,
// plus the metadata the markup states outright (Markup). The later stages then read the page like
// a text page, with the structure as extra evidence.
//
//   newsclip::HtmlDocument doc = newsclip::ParseHtml(bytes, "text/html; charset=gbk");
//   doc.text;        // "Page title\nHeadline\nBy Jane Roe\nFirst paragraph...\n"
//   doc.blocks[1];   // heading == 1, in_article, ...
//   doc.markup;      // og:title, JSON-LD author, article:published_time, ...
//
// Charset: a byte-order mark, else the HTTP Content-Type charset, else a <meta> charset in the
// first 8 KiB, else UTF-8 when the bytes are UTF-8, else ICU's charset detector. A declared
// charset that the bytes contradict (valid multi-byte UTF-8 declared as GBK or Windows-1252;
// mostly invalid UTF-8 declared as UTF-8) gives way to what the bytes are. Decoding uses ICU
// converters; GB2312 and GBK are read as GB18030, ISO-8859-1 as Windows-1252 (as browsers do).
//
// Parsing uses libxml2's HTML parser (recovering from any broken markup; never fails). Script and
// style elements are dropped; every other text is kept, on a line whose features let the later
// stages call it chrome (navigation, footers, hidden elements, menus) with a role.
//
// Thread-safe: call from any number of threads (libxml2 is initialised once, on first use).
#ifndef NEWSCLIP_HTML_H_
#define NEWSCLIP_HTML_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsclip/types.h"

namespace newsclip {

struct HtmlDocument {
  std::string text;                   // the block lines, each ended by '\n' (UTF-8)
  std::vector<BlockFeatures> blocks;  // one per line of `text`
  Markup markup;                      // types.h
  std::string charset;                // the charset the bytes were decoded from ("UTF-8", "GB18030", ...)
  uint64_t invalid_bytes = 0;         // bytes that could not be decoded (replaced by U+FFFD)
};

// Decodes, parses and renders one page. `content_type` is the HTTP Content-Type header ("" when
// unknown). Never throws: broken markup is recovered, a page without a body gives only its title.
HtmlDocument ParseHtml(std::string_view bytes, std::string_view content_type = {});

// The charset ParseHtml decodes `bytes` from, as an ICU converter name (see above).
std::string SniffCharset(std::string_view bytes, std::string_view content_type = {});

// An ISO 8601 timestamp as markup writes it, at the precision it states: "2024-08-08",
// "2024-08-08T10:30", "2024-08-08T10:30:00.000-04:00", "2024-08-08 10:30:00Z". nullopt when it
// is not one (or not a real date).
std::optional<Date> ParseIsoTimestamp(std::string_view s);

}  // namespace newsclip

#endif  // NEWSCLIP_HTML_H_
