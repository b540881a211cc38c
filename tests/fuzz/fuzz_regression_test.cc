// Regression test of one fuzz target: every input the fuzzer once crashed on (and a few edge
// cases) goes through the target's own entry point, LLVMFuzzerTestOneInput, in an ordinary
// GoogleTest binary, so the bugs stay fixed in every build, sanitized or not. The inputs are the
// files of tests/data/fuzz/TARGET/ (tests/data/fuzz/README.md says what each one found).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

namespace fs = std::filesystem;

int Feed(const std::string& input) {
  return LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
}

TEST(FuzzRegressionTest, EdgeCases) {
  for (const std::string& input : {std::string(), std::string(1, '\0'), std::string("\n"), std::string("\xff"),
                                   std::string(5000, '\n'), std::string(5000, 'x')}) {
    EXPECT_EQ(Feed(input), 0);
  }
}

TEST(FuzzRegressionTest, FoundInputs) {
  const fs::path dir = NEWSCLIP_FUZZ_REGRESSIONS;
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    SCOPED_TRACE(file.string());
    std::ifstream in(file, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    EXPECT_EQ(Feed(ss.str()), 0);
  }
}

}  // namespace
