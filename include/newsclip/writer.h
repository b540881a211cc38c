// newsclip/writer.h: turns a PageResult into output records, one JSON object per article per line
// (DESIGN.md section 2, schema version 1), with RapidJSON.
//
//   std::string out;
//   newsclip::AppendJsonl(result, &out);   // appends "count" lines, each ending in '\n'
#ifndef NEWSCLIP_WRITER_H_
#define NEWSCLIP_WRITER_H_

#include <string>

#include "newsclip/types.h"

namespace newsclip {

// Appends one JSONL record per article of `result` to *out. A page without articles adds nothing.
void AppendJsonl(const PageResult& result, std::string* out);

}  // namespace newsclip

#endif  // NEWSCLIP_WRITER_H_
