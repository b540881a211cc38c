// Fuzz target: the text reader (one stream = one page), over any bytes, with a page limit small
// enough that the fuzzer reaches the too-large path.
#include "fuzz_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  newsclip::fuzz::DrainReader(data, size, newsclip::InputFormat::kText, "fuzz.txt", 4096);
  return 0;
}
