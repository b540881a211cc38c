// Fuzz target: the html stage and the pipeline on an HTML page. The first byte picks a declared
// charset (HTTP header); the rest is the page. Every block line must have its features, the text
// must be valid UTF-8 without NUL, and the pipeline must take the page.
#include <unicode/utf8.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "newsclip/html.h"
#include "newsclip/pipeline.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const newsclip::Pipeline* pipeline = new newsclip::Pipeline();
  if (size == 0) return 0;
  static const char* const kTypes[] = {"", "text/html; charset=utf-8", "text/html; charset=gbk",
                                       "text/html; charset=shift_jis", "text/html; charset=windows-1252",
                                       "text/html; charset=big5", "text/html; charset=euc-kr", "text/html; charset=bogus"};
  const std::string content_type = kTypes[data[0] % 8];
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);

  newsclip::HtmlDocument doc = newsclip::ParseHtml(bytes, content_type);
  size_t lines = 0;
  for (char c : doc.text) lines += c == '\n';
  if (lines != doc.blocks.size()) std::abort();
  const auto* p = reinterpret_cast<const uint8_t*>(doc.text.data());
  const int32_t n = static_cast<int32_t>(doc.text.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c <= 0) std::abort();  // invalid UTF-8 or NUL
  }
  if (doc.markup.published) doc.markup.published->ToIso();

  newsclip::Page page;
  page.id = "fuzz.html";
  page.format = newsclip::PageFormat::kHtml;
  page.content_type = content_type;
  page.text.assign(bytes);
  newsclip::PageResult r = pipeline->Process(std::move(page));
  for (const newsclip::Article& a : r.articles) {
    if (a.last_line >= r.lines.size() || a.first_line > a.last_line) std::abort();
  }
  return 0;
}
