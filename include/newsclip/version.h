// newsclip/version.h: the library version and the output schema version.
#ifndef NEWSCLIP_VERSION_H_
#define NEWSCLIP_VERSION_H_

namespace newsclip {
inline constexpr const char* kVersion = "0.1.0";
inline constexpr int kSchemaVersion = 1;  // DESIGN.md section 2
}  // namespace newsclip

#endif  // NEWSCLIP_VERSION_H_
