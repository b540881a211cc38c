// newsclip/normalize.h: the first stage. Makes page text valid, NFC-normalized UTF-8, and gives a
// width-folded view of a string for matching, so that "作者：" and "作者:" or "２０２２" and "2022"
// match the same patterns.
//
//   newsclip::Normalizer normalizer;
//   uint64_t repaired = normalizer.Normalize(&page.text);   // invalid bytes -> U+FFFD
//   std::string scratch;
//   std::string_view folded = normalizer.Fold(line_text, &scratch);
//
// Thread-safe: all methods are const.
#ifndef NEWSCLIP_NORMALIZE_H_
#define NEWSCLIP_NORMALIZE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include <unicode/uversion.h>

U_NAMESPACE_BEGIN
class Normalizer2;
U_NAMESPACE_END

namespace newsclip {

struct NormalizeOptions {
  bool nfc = true;  // NFC-normalize page text (default true)
};

class Normalizer {
 public:
  explicit Normalizer(NormalizeOptions options = {});

  // Replaces every ill-formed UTF-8 sequence and every NUL byte of *text with U+FFFD, removes a
  // leading BOM, then NFC-normalizes. Returns the number of bytes that were replaced.
  uint64_t Normalize(std::string* text) const;

  // Returns `s` folded for matching (NFKC: full-width forms to ASCII, ideographic space to space,
  // "…" to "..."). ASCII input is returned as is, without a copy; otherwise the result is built in
  // *scratch and the view points into it (valid until *scratch changes).
  std::string_view Fold(std::string_view s, std::string* scratch) const;

 private:
  NormalizeOptions options_;
  const icu::Normalizer2* nfc_;
  const icu::Normalizer2* nfkc_;
};

// Returns true when every byte of s is ASCII.
bool IsAscii(std::string_view s);

// Returns true when s is valid UTF-8 without NUL bytes (SIMD validation: the common case is fast).
bool IsCleanUtf8(std::string_view s);

}  // namespace newsclip

#endif  // NEWSCLIP_NORMALIZE_H_
