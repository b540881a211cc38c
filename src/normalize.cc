// Normalization: UTF-8 repair, then NFC.
//
// Most crawled text is valid UTF-8 and already NFC, so both steps start with a fast check
// (an ASCII scan, then ICU's isNormalizedUTF8) and only copy when something must change.
#include "newsclip/normalize.h"

#include <simdjson.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/utf8.h>

#include <cstring>

#include "newsclip/types.h"

namespace newsclip {

bool IsAscii(std::string_view s) {
  uint64_t any = 0;
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    any |= w;
  }
  for (; i < s.size(); ++i) any |= static_cast<unsigned char>(s[i]);
  return (any & 0x8080808080808080ull) == 0;
}

bool IsCleanUtf8(std::string_view s) {
  return simdjson::validate_utf8(s.data(), s.size()) && std::memchr(s.data(), 0, s.size()) == nullptr;
}

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";


}  // namespace

Normalizer::Normalizer(NormalizeOptions options) : options_(options) {
  UErrorCode status = U_ZERO_ERROR;
  nfc_ = icu::Normalizer2::getNFCInstance(status);
  nfkc_ = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) throw Error(std::string("ICU normalizer data missing: ") + u_errorName(status));
}

uint64_t Normalizer::Normalize(std::string* text) const {
  uint64_t replaced = 0;
  if (text->size() >= 3 && std::memcmp(text->data(), "\xEF\xBB\xBF", 3) == 0) text->erase(0, 3);
  if (!IsCleanUtf8(*text)) {
    std::string out;
    out.reserve(text->size() + 16);
    const auto* p = reinterpret_cast<const uint8_t*>(text->data());
    const int32_t n = static_cast<int32_t>(text->size());
    int32_t i = 0;
    while (i < n) {
      const int32_t start = i;
      UChar32 c;
      U8_NEXT(p, i, n, c);
      if (c <= 0) {  // ill-formed sequence (c < 0) or NUL
        out.append(kReplacement);
        replaced += static_cast<uint64_t>(i - start);
      } else {
        out.append(text->data() + start, static_cast<size_t>(i - start));
      }
    }
    text->swap(out);
  }
  if (options_.nfc && !IsAscii(*text)) {
    UErrorCode status = U_ZERO_ERROR;
    if (!nfc_->isNormalizedUTF8(*text, status) && U_SUCCESS(status)) {
      std::string out;
      out.reserve(text->size());
      icu::StringByteSink<std::string> sink(&out);
      nfc_->normalizeUTF8(0, *text, sink, nullptr, status);
      if (U_SUCCESS(status)) text->swap(out);
    }
  }
  return replaced;
}

std::string_view Normalizer::Fold(std::string_view s, std::string* scratch) const {
  if (IsAscii(s)) return s;
  scratch->clear();
  icu::StringByteSink<std::string> sink(scratch);
  UErrorCode status = U_ZERO_ERROR;
  nfkc_->normalizeUTF8(0, s, sink, nullptr, status);
  if (U_FAILURE(status)) return s;
  return *scratch;
}

}  // namespace newsclip
