// Shared by the reader fuzz targets: drains a reader built over the fuzz input and checks the
// readers' contract on every result (tests/fuzz/README.md).
#ifndef NEWSCLIP_TESTS_FUZZ_FUZZ_READER_H_
#define NEWSCLIP_TESTS_FUZZ_FUZZ_READER_H_

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <string>

#include "newsclip/reader.h"

namespace newsclip::fuzz {

// Reads every page and reject of `data` as one input of `format` named `name`. Aborts (a fuzzer
// finding) when a page is over max_page_bytes, a reject has no reason or names another file, or
// the reader loops.
inline void DrainReader(const uint8_t* data, size_t size, InputFormat format, const std::string& name,
                        uint64_t max_page_bytes) {
  ReaderOptions options;
  options.max_page_bytes = max_page_bytes;
  auto in = std::make_unique<std::istringstream>(std::string(reinterpret_cast<const char*>(data), size));
  std::unique_ptr<Reader> reader = OpenStream(std::move(in), name, "fuzz-page", format, options);
  Page page;
  Reject reject;
  // Every result but the first and the one reject of a damaged stream consumes at least one byte
  // (a page, a line, a record), so more results than decompressed bytes + 2 means a loop.
  for (uint64_t results = 0;; ++results) {
    if (results > reader->bytes_read() + 2) std::abort();
    const ReadStatus status = reader->Next(&page, &reject);
    if (status == ReadStatus::kEnd) break;
    if (status == ReadStatus::kPage && page.text.size() > max_page_bytes) std::abort();
    if (status == ReadStatus::kReject && (reject.reason.empty() || reject.origin.file != name)) std::abort();
  }
  // The end stays the end.
  if (reader->Next(&page, &reject) != ReadStatus::kEnd) std::abort();
}

}  // namespace newsclip::fuzz

#endif  // NEWSCLIP_TESTS_FUZZ_FUZZ_READER_H_
