// Fuzz target: the JSONL reader (one page per line, simdjson On-Demand), over any bytes.
#include "fuzz_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  newsclip::fuzz::DrainReader(data, size, newsclip::InputFormat::kJsonl, "fuzz.jsonl", 4096);
  return 0;
}
