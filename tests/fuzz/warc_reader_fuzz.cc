// Fuzz target: the WARC/WET reader (version line, header fields, Content-Length, resync), over any
// bytes.
#include "fuzz_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  newsclip::fuzz::DrainReader(data, size, newsclip::InputFormat::kWarc, "fuzz.warc", 4096);
  return 0;
}
