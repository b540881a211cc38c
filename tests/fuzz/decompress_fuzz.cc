// Fuzz target: gzip and zstd framing. The input goes through DecompressingStream as it is (damaged
// and truncated members and frames, padding, skippable frames), then through the whole reader stack
// under kAuto (a decompressed stream read as text, JSONL or WARC by its name), and then its bytes
// are compressed with CompressingStream and must decompress to themselves.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <string>

#include "fuzz_reader.h"
#include "newsclip/compress.h"

namespace {

constexpr size_t kMaxOut = 16 << 20;  // a bomb is read this far, then dropped

// Decompresses `in` entirely (up to kMaxOut bytes).
std::string Inflate(const std::string& in, std::string* error) {
  newsclip::DecompressingStream stream(std::make_unique<std::istringstream>(in));
  std::string out;
  char buf[64 << 10];
  while (out.size() < kMaxOut) {
    stream.read(buf, sizeof(buf));
    if (stream.gcount() <= 0) break;
    out.append(buf, static_cast<size_t>(stream.gcount()));
  }
  // A stream that went bad says why; one that did not has no error.
  if (stream.bad() != !stream.error().empty()) std::abort();
  if (stream.truncated() && !stream.bad()) std::abort();
  *error = stream.error();
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  std::string error;
  Inflate(input, &error);

  // The reader stack over the same bytes, by name: .jsonl.gz, .warc.zst, plain text.
  const char* names[] = {"fuzz.jsonl.gz", "fuzz.warc.zst", "fuzz.txt.gz"};
  newsclip::fuzz::DrainReader(data, size, newsclip::InputFormat::kAuto, names[size % 3], 1 << 20);

  // Round trip: what CompressingStream writes, DecompressingStream reads back unchanged.
  for (newsclip::Compression c : {newsclip::Compression::kGzip, newsclip::Compression::kZstd}) {
    std::ostringstream sink;
    newsclip::CompressingStream out(&sink, c, 1);
    out.write(input.data(), static_cast<std::streamsize>(input.size()));
    if (!out.Close()) std::abort();
    if (Inflate(sink.str(), &error) != input || !error.empty()) std::abort();
  }
  return 0;
}
